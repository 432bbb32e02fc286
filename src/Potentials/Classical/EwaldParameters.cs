using MatSim.Simulation.Geometry;

namespace MatSim.Potentials.Classical;

/// <summary>α and the k-space rule of an Ewald sum for one cell.</summary>
public sealed record EwaldParameters(double Alpha, KSpaceRule KSpace)
{
    /// <summary>
    /// Parameters for a requested precision ε and real-space cutoff r_c, by the rule of DL_POLY
    /// (Smith &amp; Forester, DL_POLY manual, "Ewald sum") that RASPA also uses:
    /// t = sqrt|ln(ε r_c)|, α = sqrt|ln(ε r_c t)| / r_c, t₁ = sqrt(−ln(ε r_c (2 t α)²)),
    /// k_max,i = rint(1/4 + w_i α t₁ / π) for each perpendicular width w_i, and the index sphere
    /// h² + k² + l² &lt; (1.05 max k_max)² (RASPA's reciprocal cutoff).
    /// </summary>
    public static EwaldParameters FromPrecision(double precision, double realCutoff, Cell cell)
    {
        if (!(precision > 0 && precision < 1)) throw new ArgumentOutOfRangeException(nameof(precision), precision, "precision must lie in (0, 1)");
        double t = Math.Sqrt(Math.Abs(Math.Log(precision * realCutoff)));
        double alpha = Math.Sqrt(Math.Abs(Math.Log(precision * realCutoff * t))) / realCutoff;
        double t1 = Math.Sqrt(-Math.Log(precision * realCutoff * Math.Pow(2 * t * alpha, 2)));
        Vec3 w = cell.PerpendicularWidths;
        int Max(double width) => Math.Max(1, (int)Math.Round(0.25 + width * alpha * t1 / Math.PI, MidpointRounding.ToEven));
        var max = (Max(w.X), Max(w.Y), Max(w.Z));
        double sphere = Math.Pow(1.05 * Math.Max(max.Item1, Math.Max(max.Item2, max.Item3)), 2);
        return new EwaldParameters(alpha, new KSpaceRule { MaxIndex = max, MaxIndexSquared = sphere });
    }

    public static EwaldParameters For(EwaldOptions options, Cell cell)
    {
        if (options.Precision is { } precision) return FromPrecision(precision, options.RealCutoff, cell);
        if (options.Alpha is { } alpha && options.KSpace is { } kspace) return new EwaldParameters(alpha, kspace);
        throw new ArgumentException("Ewald needs either a precision or both alpha and the k-space rule");
    }
}
