namespace MatSim.Sampling.Flows;

/// <summary>Coupling-layer families.</summary>
public enum CouplingKind
{
    /// <summary>Affine (RealNVP) coupling.</summary>
    Affine,
    /// <summary>Rational-quadratic spline coupling.</summary>
    Spline,
}

/// <summary>
/// The shape of a flow: <see cref="Layers"/> coupling layers (each conditioner an MLP of
/// <see cref="Depth"/> hidden layers of <see cref="Hidden"/> units, SiLU), spline bins and the
/// interval [−<see cref="Bound"/>, <see cref="Bound"/>] for spline couplings, and an ActNorm after
/// every second coupling layer when <see cref="ActNorm"/> is set.
/// </summary>
public sealed record FlowArchitecture(CouplingKind Coupling = CouplingKind.Affine, int Layers = 8, int Hidden = 64, int Depth = 2,
    int Bins = 8, double Bound = 5, bool ActNorm = true)
{
    public string CouplingName => Coupling == CouplingKind.Affine ? "realnvp" : "spline";

    public static CouplingKind ParseCoupling(string name) => name switch
    {
        "realnvp" or "affine" => CouplingKind.Affine,
        "spline" => CouplingKind.Spline,
        _ => throw new ArgumentException($"unknown coupling '{name}'; expected realnvp or spline"),
    };
}
