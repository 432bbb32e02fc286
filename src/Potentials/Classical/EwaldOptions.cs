namespace MatSim.Potentials.Classical;

/// <summary>Which reciprocal vectors k = h a* + k b* + l c* (times 2π) an Ewald sum includes.</summary>
public sealed record KSpaceRule
{
    /// <summary>Largest |h|, |k|, |l|.</summary>
    public required (int H, int K, int L) MaxIndex { get; init; }
    /// <summary>Also require h² + k² + l² &lt; this (an index-space sphere), when set.</summary>
    public double? MaxIndexSquared { get; init; }
    /// <summary>Also require |k| ≤ this (1/Å), when set.</summary>
    public double? MaxWaveNumber { get; init; }
}

/// <summary>
/// Coulomb interactions by Ewald summation with tin-foil boundary conditions: real-space pairs
/// with erfc screening inside a cutoff, a reciprocal sum over k-vectors, the self term, the
/// exclusion of pairs inside rigid molecules and, for a charged system, the neutralising
/// background (Frenkel &amp; Smit, Understanding Molecular Simulation, 2nd ed., §12.1).
/// Either <see cref="Precision"/> or <see cref="Alpha"/> and <see cref="KSpace"/> are given.
/// </summary>
public sealed record EwaldOptions
{
    /// <summary>Real-space cutoff (Å).</summary>
    public required double RealCutoff { get; init; }
    /// <summary>Relative precision from which α and the k-vectors follow (DL_POLY's rule, also RASPA's).</summary>
    public double? Precision { get; init; }
    /// <summary>Screening parameter α (1/Å).</summary>
    public double? Alpha { get; init; }
    public KSpaceRule? KSpace { get; init; }
    /// <summary>Verlet-list skin (Å) for full evaluations.</summary>
    public double Skin { get; init; } = 1.0;
}
