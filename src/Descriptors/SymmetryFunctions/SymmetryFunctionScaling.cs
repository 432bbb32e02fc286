namespace MatSim.Descriptors.SymmetryFunctions;

/// <summary>How descriptors are transformed before they enter a network (n2p2's scaling modes).</summary>
public enum ScalingMode
{
    /// <summary>G unchanged.</summary>
    None,
    /// <summary>G − mean (`center_symmetry_functions`).</summary>
    Center,
    /// <summary>S_min + (S_max − S_min)(G − min)/(max − min) (`scale_symmetry_functions`).</summary>
    Scale,
    /// <summary>S_min + (S_max − S_min)(G − mean)/(max − min) (both keywords).</summary>
    ScaleCenter,
    /// <summary>S_min + (S_max − S_min)(G − mean)/σ (`scale_symmetry_functions_sigma`).</summary>
    ScaleSigma,
}

/// <summary>Statistics of one symmetry function over a training set (n2p2's scaling.data columns).</summary>
public readonly record struct FunctionStatistics(double Min, double Max, double Mean, double Sigma)
{
    /// <summary>
    /// Whether a value lies in the training range [Min, Max], widened by 1e-10 of the bounds' magnitude: a training
    /// structure's own extreme value, computed with another summation order than the one that measured the range
    /// (n2p2's, or a thread's), may differ from the bound in the last digit and is not an extrapolation.
    /// </summary>
    public bool Covers(double value)
    {
        double slack = 1e-10 * Math.Max(Math.Abs(Min), Math.Abs(Max));
        return value >= Min - slack && value <= Max + slack;
    }
}

/// <summary>
/// The affine map G' = a (G − b) + S_min applied to every symmetry function, from statistics of
/// the training set (n2p2: SymFnc::scale). A function that is constant on the training set
/// (max = min) would divide by zero; n2p2 then leaves the factor at 1 and so does this class.
/// </summary>
public sealed class SymmetryFunctionScaling
{
    private readonly double[][] factor;
    private readonly double[][] offset;

    public ScalingMode Mode { get; }
    public double ScaledMin { get; }
    public double ScaledMax { get; }
    /// <summary>Statistics per element and function.</summary>
    public FunctionStatistics[][] Statistics { get; }

    public SymmetryFunctionScaling(ScalingMode mode, double scaledMin, double scaledMax, FunctionStatistics[][] statistics)
    {
        Mode = mode;
        ScaledMin = scaledMin;
        ScaledMax = scaledMax;
        Statistics = statistics;
        factor = new double[statistics.Length][];
        offset = new double[statistics.Length][];
        for (int e = 0; e < statistics.Length; e++)
        {
            factor[e] = new double[statistics[e].Length];
            offset[e] = new double[statistics[e].Length];
            for (int s = 0; s < statistics[e].Length; s++)
            {
                FunctionStatistics st = statistics[e][s];
                double range = st.Max - st.Min;
                (double a, double b, double c) = mode switch
                {
                    ScalingMode.None => (1.0, 0.0, 0.0),
                    ScalingMode.Center => (1.0, st.Mean, 0.0),
                    ScalingMode.Scale => (range > 0 ? (scaledMax - scaledMin) / range : 1.0, st.Min, scaledMin),
                    ScalingMode.ScaleCenter => (range > 0 ? (scaledMax - scaledMin) / range : 1.0, st.Mean, scaledMin),
                    _ => (st.Sigma > 0 ? (scaledMax - scaledMin) / st.Sigma : 1.0, st.Mean, scaledMin),
                };
                factor[e][s] = a;
                offset[e][s] = c - a * b;
            }
        }
    }

    /// <summary>Statistics of the given descriptor matrices (one per structure, as <see cref="StructureDescriptors.Values"/>).</summary>
    public static FunctionStatistics[][] Measure(DescriptorSet set, IEnumerable<StructureDescriptors> structures)
    {
        int elements = set.Elements.Length;
        var min = new double[elements][];
        var max = new double[elements][];
        var sum = new double[elements][];
        var sumSquares = new double[elements][];
        var count = new long[elements];
        for (int e = 0; e < elements; e++)
        {
            int n = set.CountOf(e);
            min[e] = Enumerable.Repeat(double.PositiveInfinity, n).ToArray();
            max[e] = Enumerable.Repeat(double.NegativeInfinity, n).ToArray();
            sum[e] = new double[n];
            sumSquares[e] = new double[n];
        }
        foreach (StructureDescriptors structure in structures)
        {
            for (int e = 0; e < elements; e++)
            {
                int n = set.CountOf(e);
                double[] values = structure.Values[e];
                for (int k = 0; k < values.Length; k++)
                {
                    int s = k % n;
                    double g = values[k];
                    if (g < min[e][s]) min[e][s] = g;
                    if (g > max[e][s]) max[e][s] = g;
                    sum[e][s] += g;
                    sumSquares[e][s] += g * g;
                }
                count[e] += n == 0 ? 0 : values.Length / n;
            }
        }
        var result = new FunctionStatistics[elements][];
        for (int e = 0; e < elements; e++)
        {
            result[e] = new FunctionStatistics[set.CountOf(e)];
            if (count[e] == 0 && set.IsCentre(e))
                throw new ArgumentException($"no atoms of element {set.Elements[e].Symbol} in the data: its descriptor scaling cannot be measured");
            for (int s = 0; s < result[e].Length; s++)
            {
                double mean = sum[e][s] / count[e];
                double variance = Math.Max(0, sumSquares[e][s] / count[e] - mean * mean);
                result[e][s] = new FunctionStatistics(min[e][s], max[e][s], mean, Math.Sqrt(variance));
            }
        }
        return result;
    }

    /// <summary>dG'/dG of each function of an element.</summary>
    public ReadOnlySpan<double> Factors(int element) => factor[element];

    /// <summary>Scales rows of G (count functions per row) in place.</summary>
    public void Apply(int element, Span<double> rows)
    {
        double[] a = factor[element], c = offset[element];
        int n = a.Length;
        for (int k = 0; k < rows.Length; k++) rows[k] = a[k % n] * rows[k] + c[k % n];
    }
}
