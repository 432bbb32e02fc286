namespace MatSim.Descriptors.SymmetryFunctions;

/// <summary>The cutoff functions of n2p2 (`cutoff_type N [alpha]`), numbered as n2p2 numbers them.</summary>
public enum CutoffKind
{
    Hard = 0,
    Cosine = 1,
    TanhU = 2,
    Tanh = 3,
    Exponential = 4,
    Polynomial1 = 5,
    Polynomial2 = 6,
    Polynomial3 = 7,
    Polynomial4 = 8,
}

/// <summary>
/// f_c(r) and its derivative (n2p2's CutoffFunction). With an inner cutoff r_ci = α r_c the
/// function is 1 below r_ci and decays over x = (r − r_ci)/(r_c − r_ci); it is 0 from r_c on.
/// The tanh forms ignore α (n2p2 does too): tanhU = tanh³(1 − r/r_c), tanh = c·tanhU with
/// c = 1/tanh³(1) so that f(0) = 1 (Behler, J. Chem. Phys. 134, 074106 (2011)).
/// </summary>
public sealed record CutoffFunction(CutoffKind Kind, double Radius, double Alpha)
{
    private static readonly double TanhNormalisation = Math.Pow(1 / Math.Tanh(1), 3);

    public double InnerRadius => Alpha * Radius;

    /// <summary>Value and derivative d f/d r at r (r must be non-negative).</summary>
    public double Evaluate(double r, out double derivative)
    {
        derivative = 0;
        if (r >= Radius) return 0;
        switch (Kind)
        {
            case CutoffKind.TanhU:
            case CutoffKind.Tanh:
            {
                double t = Math.Tanh(1 - r / Radius);
                double scale = Kind == CutoffKind.Tanh ? TanhNormalisation : 1;
                derivative = -scale * 3 * t * t * (1 - t * t) / Radius;
                return scale * t * t * t;
            }
            case CutoffKind.Hard:
                return 1;
        }
        double inner = InnerRadius;
        if (r < inner) return 1;
        double width = Radius - inner;
        double x = (r - inner) / width;
        double value;
        double dx;
        switch (Kind)
        {
            case CutoffKind.Cosine:
                value = 0.5 * (Math.Cos(Math.PI * x) + 1);
                dx = -0.5 * Math.PI * Math.Sin(Math.PI * x);
                break;
            case CutoffKind.Exponential:
                value = CoreFunction.Exponential(x, out dx);
                break;
            default:
                value = CoreFunction.Polynomial(Kind - CutoffKind.Polynomial1 + 1, x, out dx);
                break;
        }
        derivative = dx / width;
        return value;
    }
}
