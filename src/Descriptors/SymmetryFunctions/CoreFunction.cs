namespace MatSim.Descriptors.SymmetryFunctions;

/// <summary>
/// The core functions on x ∈ [0, 1] shared by the polynomial/exponential cutoffs and the compact
/// symmetry functions (n2p2's CoreFunction; Bircher et al., Mach. Learn.: Sci. Technol. 2, 035026
/// (2021)): polynomials p1..p4 with f(0) = 1, f(1) = 0 and 1..4 vanishing derivatives at both
/// ends, and e·exp(1/(x² − 1)).
/// </summary>
public static class CoreFunction
{
    /// <summary>Polynomial of the given order (1–4) at x, with its derivative.</summary>
    public static double Polynomial(int order, double x, out double derivative)
    {
        switch (order)
        {
            case 1:
                derivative = (6 * x - 6) * x;
                return (2 * x - 3) * x * x + 1;
            case 2:
            {
                double x2 = x * x;
                derivative = x2 * ((60 - 30 * x) * x - 30);
                return ((15 - 6 * x) * x - 10) * x2 * x + 1;
            }
            case 3:
            {
                double x3 = x * x * x;
                derivative = x3 * (x * (x * (140 * x - 420) + 420) - 140);
                return (x * (x * (20 * x - 70) + 84) - 35) * x3 * x + 1;
            }
            case 4:
            {
                double x4 = x * x * x * x;
                derivative = x4 * (x * (x * ((2520 - 630 * x) * x - 3780) + 2520) - 630);
                return (x * (x * ((315 - 70 * x) * x - 540) + 420) - 126) * x4 * x + 1;
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(order), order, "polynomial order must be 1 to 4");
        }
    }

    /// <summary>e·exp(1/(x² − 1)) for x &lt; 1, 0 from 1 on.</summary>
    public static double Exponential(double x, out double derivative)
    {
        if (x >= 1)
        {
            derivative = 0;
            return 0;
        }
        double denominator = x * x - 1;
        double value = Math.E * Math.Exp(1 / denominator);
        derivative = -2 * x * value / (denominator * denominator);
        return value;
    }
}
