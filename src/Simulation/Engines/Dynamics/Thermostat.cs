namespace MatSim.Simulation.Engines.Dynamics;

/// <summary>How molecular dynamics controls the temperature.</summary>
public enum ThermostatKind
{
    /// <summary>None: velocity Verlet, NVE.</summary>
    None,
    /// <summary>Langevin dynamics with the BAOAB splitting (Leimkuhler &amp; Matthews, Appl. Math. Res. Express 2013, 34).</summary>
    Langevin,
    /// <summary>Stochastic velocity rescaling (Bussi, Donadio &amp; Parrinello, J. Chem. Phys. 126, 014101 (2007)).</summary>
    Csvr,
}

/// <summary>Thermostat settings: target temperature (K) and its time constant (internal time units).</summary>
public sealed record ThermostatOptions(ThermostatKind Kind, double Temperature = 0, double TimeConstant = 0)
{
    public static readonly ThermostatOptions None = new(ThermostatKind.None);
}
