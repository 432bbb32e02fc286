namespace MatSim.Sampling.Targets;

/// <summary>
/// The 2D double well of Noé, Olsson, Köhler &amp; Wu, Science 365, eaaw1147 (2019):
/// u(x) = x₁⁴ − 6x₁² + x₁ + x₂²/2 (dimensionless, sampled at kT = 1). Wells near x₁ ≈ −1.78 and
/// x₁ ≈ +1.69, barrier at x₁ ≈ 0.08; the left well is deeper by about 3.4.
/// </summary>
public sealed class DoubleWell : ITargetEnergy
{
    public string Name => "double-well";
    public int Particles => 1;
    public int SpatialDimension => 2;
    public bool TranslationInvariant => false;

    public double Energy(ReadOnlySpan<double> x, Span<double> gradient)
    {
        double a = x[0], b = x[1];
        if (!gradient.IsEmpty)
        {
            gradient[0] = 4 * a * a * a - 12 * a + 1;
            gradient[1] = b;
        }
        return a * a * a * a - 6 * a * a + a + 0.5 * b * b;
    }

    /// <summary>The x₁ part of u; the density factorises, so well populations are 1D integrals of exp(−u₁/kT).</summary>
    public static double AlongX1(double a) => a * a * a * a - 6 * a * a + a;
}
