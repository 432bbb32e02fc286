namespace MatSim.Descriptors.SymmetryFunctions;

/// <summary>
/// A bell-shaped function with compact support (left, right): 1 at the centre, the core function
/// of |a − centre| / half-width on either side, 0 outside (n2p2's CompactFunction). Subtypes as in
/// n2p2 input files: "p1".."p4" (polynomials), "p1a".."p4a" (asymmetric polynomials, core of
/// (2 − x)x), "e" (exponential).
/// </summary>
public sealed class CompactFunction
{
    private readonly int order;
    private readonly bool asymmetric;
    private readonly double center;
    private readonly double scale;

    public string Subtype { get; }
    public double Left { get; }
    public double Right { get; }

    public CompactFunction(string subtype, double left, double right)
    {
        if (!(left < right)) throw new ArgumentException($"compact function: left boundary {left} must be below right boundary {right}");
        (order, asymmetric) = ParseSubtype(subtype);
        Subtype = subtype;
        Left = left;
        Right = right;
        center = 0.5 * (left + right);
        scale = 2 / (right - left);
    }

    /// <summary>
    /// The angular factor of a compact angular function (types 21, 22, 24, 25) on (left, right) in
    /// radians: the subtype's core function without the asymmetric modification. n2p2 gives the
    /// angular part only the radial part's core type (SymFncBaseCompAng::setParameters,
    /// ca.setCoreFunction(cr.getCoreFunctionType())), so "p2a" is p2 in θ and (2 − x)x-p2 in r.
    /// </summary>
    public static CompactFunction ForAngle(string subtype, double left, double right) =>
        new(ParseSubtype(subtype).Asymmetric ? subtype[..2] : subtype, left, right);

    /// <summary>Polynomial order (0 for the exponential) and asymmetry of a subtype, or an error naming the valid ones.</summary>
    public static (int Order, bool Asymmetric) ParseSubtype(string subtype)
    {
        if (subtype == "e") return (0, false);
        if (subtype.Length is 2 or 3 && subtype[0] == 'p' && subtype[1] is >= '1' and <= '4' && (subtype.Length == 2 || subtype[2] == 'a'))
            return (subtype[1] - '0', subtype.Length == 3);
        throw new ArgumentException($"unknown compact function subtype '{subtype}'; expected p1, p2, p3, p4 (optionally with 'a', e.g. p2a) or e");
    }

    /// <summary>Value at a and derivative with respect to a.</summary>
    public double Evaluate(double a, out double derivative)
    {
        derivative = 0;
        if (a <= Left || a >= Right) return 0;
        if (a == center) return 1;
        double x = (a - center) * scale;
        double sign = 1;
        if (x < 0)
        {
            x = -x;
            sign = -1;
        }
        double value = Core(x, out double dx);
        derivative = sign * scale * dx;
        return value;
    }

    private double Core(double x, out double derivative)
    {
        double inner = x;
        double innerDerivative = 1;
        if (asymmetric)
        {
            inner = (2 - x) * x;
            innerDerivative = 2 - 2 * x;
        }
        double value = order == 0 ? CoreFunction.Exponential(inner, out derivative) : CoreFunction.Polynomial(order, inner, out derivative);
        derivative *= innerDerivative;
        return value;
    }
}
