using System.Runtime.Intrinsics;

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
                // tanh(x) = 1 − 2/(e^{2x} + 1): one exp, about three times faster than Math.Tanh
                double t = 1 - 2 / (Math.Exp(2 * (1 - r / Radius)) + 1);
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

    /// <summary>
    /// Four values at once (r &lt; <see cref="Radius"/> in every lane): SIMD for the tanh and
    /// polynomial forms, lane by lane for the others.
    /// </summary>
    public Vector256<double> Evaluate(Vector256<double> r, out Vector256<double> derivative)
    {
        switch (Kind)
        {
            case CutoffKind.TanhU:
            case CutoffKind.Tanh:
            {
                var scale = Vector256.Create(Kind == CutoffKind.Tanh ? TanhNormalisation : 1);
                var inverse = Vector256.Create(1 / Radius);
                Vector256<double> t = Vector256<double>.One - Vector256.Create(2.0) /
                    (Vector256.Exp(Vector256.Create(2.0) * (Vector256<double>.One - r * inverse)) + Vector256<double>.One);
                Vector256<double> t2 = t * t;
                derivative = -Vector256.Create(3.0) * scale * t2 * (Vector256<double>.One - t2) * inverse;
                return scale * t2 * t;
            }
            case CutoffKind.Polynomial1:
            case CutoffKind.Polynomial2:
            case CutoffKind.Polynomial3:
            case CutoffKind.Polynomial4:
            {
                var inner = Vector256.Create(InnerRadius);
                var width = Vector256.Create(1 / (Radius - InnerRadius));
                Vector256<double> x = Vector256.Max(Vector256<double>.Zero, (r - inner) * width);
                Vector256<double> f = Polynomial(Kind - CutoffKind.Polynomial1 + 1, x, out Vector256<double> dx);
                Vector256<double> below = Vector256.LessThan(r, inner);
                derivative = Vector256.ConditionalSelect(below, Vector256<double>.Zero, dx * width);
                return Vector256.ConditionalSelect(below, Vector256<double>.One, f);
            }
            default:
            {
                double f0 = Evaluate(r[0], out double d0), f1 = Evaluate(r[1], out double d1);
                double f2 = Evaluate(r[2], out double d2), f3 = Evaluate(r[3], out double d3);
                derivative = Vector256.Create(d0, d1, d2, d3);
                return Vector256.Create(f0, f1, f2, f3);
            }
        }
    }

    private static Vector256<double> Polynomial(int order, Vector256<double> x, out Vector256<double> derivative)
    {
        Vector256<double> one = Vector256<double>.One;
        Vector256<double> x2 = x * x;
        switch (order)
        {
            case 1:
                derivative = (Vector256.Create(6.0) * x - Vector256.Create(6.0)) * x;
                return (Vector256.Create(2.0) * x - Vector256.Create(3.0)) * x2 + one;
            case 2:
                derivative = x2 * ((Vector256.Create(60.0) - Vector256.Create(30.0) * x) * x - Vector256.Create(30.0));
                return ((Vector256.Create(15.0) - Vector256.Create(6.0) * x) * x - Vector256.Create(10.0)) * x2 * x + one;
            case 3:
            {
                Vector256<double> x3 = x2 * x;
                derivative = x3 * (x * (x * (Vector256.Create(140.0) * x - Vector256.Create(420.0)) + Vector256.Create(420.0)) - Vector256.Create(140.0));
                return (x * (x * (Vector256.Create(20.0) * x - Vector256.Create(70.0)) + Vector256.Create(84.0)) - Vector256.Create(35.0)) * x3 * x + one;
            }
            default:
            {
                Vector256<double> x4 = x2 * x2;
                derivative = x4 * (x * (x * ((Vector256.Create(2520.0) - Vector256.Create(630.0) * x) * x - Vector256.Create(3780.0)) + Vector256.Create(2520.0)) - Vector256.Create(630.0));
                return (x * (x * ((Vector256.Create(315.0) - Vector256.Create(70.0) * x) * x - Vector256.Create(540.0)) + Vector256.Create(420.0)) - Vector256.Create(126.0)) * x4 * x + one;
            }
        }
    }
}
