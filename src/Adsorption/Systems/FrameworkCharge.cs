namespace MatSim.Adsorption.Systems;

/// <summary>What to do with a framework whose charges do not sum to zero (`framework: {net_charge: ...}`).</summary>
public enum NetChargePolicy
{
    /// <summary>Refuse it, naming the net charge and the choices (the default).</summary>
    Error,
    /// <summary>Spread the excess over the framework atoms in proportion to |q| (<see cref="FrameworkCharge.Neutralised"/>).</summary>
    Neutralise,
    /// <summary>Run as it is: Ewald adds a uniform neutralising background (RASPA's behaviour, which only notes it in its output).</summary>
    Ignore,
}

/// <summary>
/// The net charge of a framework and its neutralisation. A charged unit cell (cations missing from the CIF, rounding of
/// charge-equilibration output) makes every Coulomb energy of a polar guest an artefact of the background charge: CO2 in
/// LTA_SI (−67.2 e per cell) looks like the strongest adsorbent of a screening.
/// </summary>
public static class FrameworkCharge
{
    /// <summary>Net charges (e per unit cell) below this are rounding of the charges a CIF lists.</summary>
    public const double Tolerance = 0.01;

    /// <summary>q_i − Q |q_i| / Σ_j |q_j|: the excess Q removed where the charges are, signs and proportions kept.</summary>
    public static double[] Neutralised(IReadOnlyList<double> charges)
    {
        double total = charges.Sum(), magnitude = charges.Sum(Math.Abs);
        if (magnitude == 0) return charges.ToArray();
        return charges.Select(q => q - total * Math.Abs(q) / magnitude).ToArray();
    }
}
