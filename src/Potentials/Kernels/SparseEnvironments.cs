namespace MatSim.Potentials.Kernels;

/// <summary>
/// The representative (sparse, "inducing") atomic environments of a kernel model: per element, the
/// scaled descriptor vectors of M_e environments, row-major, with their squared norms. Columns of
/// every kernel matrix are numbered element by element: column = <see cref="Offset"/>[e] + m.
/// </summary>
public sealed class SparseEnvironments
{
    /// <summary>Scaled descriptors: [element][m * dimension + d].</summary>
    public double[][] Points { get; }
    /// <summary>Descriptor count per element.</summary>
    public int[] Dimensions { get; }
    public double[][] Norms { get; }
    public int[] Offset { get; }
    public int Total { get; }

    public SparseEnvironments(double[][] points, int[] dimensions)
    {
        Points = points;
        Dimensions = dimensions;
        Offset = new int[points.Length];
        Norms = new double[points.Length][];
        int total = 0;
        for (int e = 0; e < points.Length; e++)
        {
            if (points[e].Length % Math.Max(1, dimensions[e]) != 0) throw new ArgumentException($"element {e}: {points[e].Length} values are not rows of {dimensions[e]}");
            Offset[e] = total;
            int count = CountOf(e);
            Norms[e] = new double[count];
            for (int m = 0; m < count; m++) Norms[e][m] = KernelFunction.Dot(Point(e, m), Point(e, m));
            total += count;
        }
        Total = total;
    }

    public int CountOf(int element) => Dimensions[element] == 0 ? 0 : Points[element].Length / Dimensions[element];

    public ReadOnlySpan<double> Point(int element, int m) => Points[element].AsSpan(m * Dimensions[element], Dimensions[element]);
}
