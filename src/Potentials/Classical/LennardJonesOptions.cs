namespace MatSim.Potentials.Classical;

/// <summary>How unlike-pair parameters follow from the per-type ones.</summary>
public enum MixingRule
{
    /// <summary>σ_ij = (σ_i + σ_j)/2, ε_ij = sqrt(ε_i ε_j) (Lorentz 1881, Berthelot 1898).</summary>
    LorentzBerthelot,
    /// <summary>σ_ij = sqrt(σ_i σ_j), ε_ij = sqrt(ε_i ε_j) (Jorgensen, OPLS).</summary>
    Jorgensen,
}

/// <summary>What happens to the pair potential at the cutoff r_c.</summary>
public enum CutoffMode
{
    /// <summary>u(r) for r &lt; r_c, 0 beyond: energy and force jump at r_c.</summary>
    Truncated,
    /// <summary>u(r) − u(r_c): energy continuous, force jumps.</summary>
    Shifted,
    /// <summary>u(r) − u(r_c) − (r − r_c) u'(r_c), the linear force shift: energy and force continuous
    /// (Toxvaerd &amp; Dyre, J. Chem. Phys. 134, 081102 (2011); NIST's "LFS" potential).</summary>
    ForceShifted,
}

/// <summary>ε (eV) and σ (Å) of one atom type or one explicit pair.</summary>
public readonly record struct LennardJonesPair(double Epsilon, double Sigma);

/// <summary>
/// A Lennard-Jones model as configured: u(r) = 4ε[(σ/r)¹² − (σ/r)⁶] for r &lt; cutoff, truncated,
/// shifted or force-shifted at the cutoff, with optional analytic tail corrections (energy and
/// pressure of a homogeneous fluid beyond the cutoff; Allen &amp; Tildesley, Computer Simulation of
/// Liquids, 2nd ed., §2.8).
/// </summary>
public sealed record LennardJonesOptions
{
    public required IReadOnlyDictionary<string, LennardJonesPair> Types { get; init; }
    /// <summary>Explicit parameters for unlike pairs, overriding the mixing rule.</summary>
    public IReadOnlyDictionary<(string, string), LennardJonesPair> Pairs { get; init; } = new Dictionary<(string, string), LennardJonesPair>();
    public MixingRule Mixing { get; init; } = MixingRule.LorentzBerthelot;
    public required double Cutoff { get; init; }
    public CutoffMode Mode { get; init; } = CutoffMode.Truncated;
    public bool TailCorrection { get; init; }
    /// <summary>Verlet-list skin (Å) for full evaluations (MD).</summary>
    public double Skin { get; init; } = 1.0;

    /// <summary>ε and σ of the pair of types a and b: an explicit pair, else the mixing rule.</summary>
    public LennardJonesPair PairParameters(string a, string b)
    {
        if (Pairs.TryGetValue((a, b), out LennardJonesPair p) || Pairs.TryGetValue((b, a), out p)) return p;
        if (!Types.TryGetValue(a, out LennardJonesPair pa)) throw new MissingParametersException(a);
        if (!Types.TryGetValue(b, out LennardJonesPair pb)) throw new MissingParametersException(b);
        double sigma = Mixing == MixingRule.LorentzBerthelot ? 0.5 * (pa.Sigma + pb.Sigma) : Math.Sqrt(pa.Sigma * pb.Sigma);
        return new LennardJonesPair(Math.Sqrt(pa.Epsilon * pb.Epsilon), sigma);
    }
}
