namespace MatSim.Sampling.Targets;

/// <summary>
/// The Müller–Brown surface (K. Müller &amp; L. D. Brown, Theor. Chim. Acta 53, 75 (1979)):
/// u(x, y) = scale · Σₖ Aₖ exp[aₖ(x − x⁰ₖ)² + bₖ(x − x⁰ₖ)(y − y⁰ₖ) + cₖ(y − y⁰ₖ)²] with the standard
/// four terms A = (−200, −100, −170, 15), a = (−1, −1, −6.5, 0.7), b = (0, 0, 11, 0.6),
/// c = (−10, −10, −6.5, 0.7), x⁰ = (1, 0, −0.5, −1), y⁰ = (0, 0.5, 1.5, 1). Three minima:
/// (−0.558, 1.442) −146.7, (0.623, 0.028) −108.2, (−0.050, 0.467) −80.8 (unscaled).
/// </summary>
public sealed class MuellerBrown(double scale = 1) : ITargetEnergy
{
    private static readonly double[] A = [-200, -100, -170, 15];
    private static readonly double[] Ax = [-1, -1, -6.5, 0.7];
    private static readonly double[] Bxy = [0, 0, 11, 0.6];
    private static readonly double[] Cy = [-10, -10, -6.5, 0.7];
    private static readonly double[] X0 = [1, 0, -0.5, -1];
    private static readonly double[] Y0 = [0, 0.5, 1.5, 1];

    public double Scale { get; } = scale;
    public string Name => "mueller-brown";
    public int Particles => 1;
    public int SpatialDimension => 2;
    public bool TranslationInvariant => false;

    public double Energy(ReadOnlySpan<double> x, Span<double> gradient)
    {
        double u = 0, gx = 0, gy = 0;
        for (int k = 0; k < 4; k++)
        {
            double dx = x[0] - X0[k], dy = x[1] - Y0[k];
            double term = A[k] * Math.Exp(Ax[k] * dx * dx + Bxy[k] * dx * dy + Cy[k] * dy * dy);
            u += term;
            gx += term * (2 * Ax[k] * dx + Bxy[k] * dy);
            gy += term * (Bxy[k] * dx + 2 * Cy[k] * dy);
        }
        if (!gradient.IsEmpty)
        {
            gradient[0] = Scale * gx;
            gradient[1] = Scale * gy;
        }
        return Scale * u;
    }
}
