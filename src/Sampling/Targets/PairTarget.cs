namespace MatSim.Sampling.Targets;

/// <summary>
/// N particles in d dimensions interacting through a pair potential of the distance, plus an
/// optional harmonic restraint ½ k Σᵢ |xᵢ − x̄|² to the centre of mass (both translation invariant).
/// </summary>
public abstract class PairTarget(int particles, int spatialDimension, double restraint) : ITargetEnergy
{
    public abstract string Name { get; }
    public int Particles { get; } = particles;
    public int SpatialDimension { get; } = spatialDimension;
    public bool TranslationInvariant => true;
    public double Restraint { get; } = restraint;

    /// <summary>The pair energy φ(r) and its derivative dφ/dr.</summary>
    protected abstract (double Energy, double Derivative) Pair(double r);

    public double Energy(ReadOnlySpan<double> x, Span<double> gradient)
    {
        int n = Particles, d = SpatialDimension;
        if (!gradient.IsEmpty) gradient.Clear();
        double u = 0;
        Span<double> delta = stackalloc double[d];
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
            {
                double r2 = 0;
                for (int a = 0; a < d; a++)
                {
                    delta[a] = x[i * d + a] - x[j * d + a];
                    r2 += delta[a] * delta[a];
                }
                double r = Math.Sqrt(r2);
                var (phi, dphi) = Pair(r);
                u += phi;
                if (gradient.IsEmpty) continue;
                for (int a = 0; a < d; a++)
                {
                    double g = dphi * delta[a] / r;
                    gradient[i * d + a] += g;
                    gradient[j * d + a] -= g;
                }
            }
        if (Restraint == 0) return u;
        Span<double> centre = stackalloc double[d];
        for (int i = 0; i < n; i++)
            for (int a = 0; a < d; a++) centre[a] += x[i * d + a] / n;
        for (int i = 0; i < n; i++)
            for (int a = 0; a < d; a++)
            {
                double s = x[i * d + a] - centre[a];
                u += 0.5 * Restraint * s * s;
                // Σᵢ sᵢ = 0, so the centre's dependence on xᵢ drops out of the gradient
                if (!gradient.IsEmpty) gradient[i * d + a] += Restraint * s;
            }
        return u;
    }
}

/// <summary>
/// DW4 (Köhler, Klein &amp; Noé, ICML 2020; bgflow's MultiDoubleWellPotential): four particles in 2D,
/// φ(r) = a(r − r₀)⁴ + b(r − r₀)² with a = 0.9, b = −4, r₀ = 4 — pair distances prefer r ≈ 2.5 or 5.5.
/// </summary>
public sealed class MultiDoubleWell(int particles = 4, int spatialDimension = 2, double a = 0.9, double b = -4, double offset = 4)
    : PairTarget(particles, spatialDimension, 0)
{
    public override string Name => "dw4";

    protected override (double, double) Pair(double r)
    {
        double s = r - offset;
        return (a * s * s * s * s + b * s * s, 4 * a * s * s * s + 2 * b * s);
    }
}

/// <summary>
/// LJ13 as in bgflow / Köhler et al. 2020: φ(r) = ε[(r_m/r)¹² − 2(r_m/r)⁶] (minimum −ε at r = r_m = 1,
/// i.e. σ = 2^(−1/6)), no cutoff, plus a harmonic restraint ½ Σᵢ |xᵢ − x̄|² that keeps the cluster together.
/// </summary>
public sealed class LennardJonesCluster(int particles = 13, double epsilon = 1, double minimum = 1, double restraint = 1)
    : PairTarget(particles, 3, restraint)
{
    public override string Name => $"lj{Particles}";

    protected override (double, double) Pair(double r)
    {
        double s6 = Math.Pow(minimum / r, 6);
        return (epsilon * (s6 * s6 - 2 * s6), -12 * epsilon * (s6 * s6 - s6) / r);
    }
}
