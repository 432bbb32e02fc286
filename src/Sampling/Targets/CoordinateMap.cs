namespace MatSim.Sampling.Targets;

/// <summary>
/// Between the flow's coordinates y and the target's Cartesian coordinates x. For a translation-
/// invariant system of N particles in d dimensions the flow lives in the (N−1)d-dimensional
/// centre-of-mass-free subspace: x = Q y per spatial direction, y = Qᵀ x, with Q the N × (N−1)
/// Helmert basis (orthonormal columns orthogonal to (1, …, 1)). The map is an isometry, so it adds
/// nothing to log-densities, and y = Qᵀx discards the centre of mass of any x. Otherwise y = x.
/// </summary>
public sealed class CoordinateMap
{
    private readonly double[,]? helmert;   // N × (N−1)

    public CoordinateMap(ITargetEnergy target)
    {
        Particles = target.Particles;
        SpatialDimension = target.SpatialDimension;
        if (!target.TranslationInvariant || Particles < 2) return;
        int n = Particles;
        helmert = new double[n, n - 1];
        for (int k = 1; k < n; k++)
        {
            double norm = Math.Sqrt(k * (k + 1.0));
            for (int i = 0; i < k; i++) helmert[i, k - 1] = 1 / norm;
            helmert[k, k - 1] = -k / norm;
        }
    }

    public int Particles { get; }
    public int SpatialDimension { get; }
    public bool RemovesCentreOfMass => helmert != null;
    public int CartesianDimension => Particles * SpatialDimension;
    public int FlowDimension => helmert == null ? CartesianDimension : (Particles - 1) * SpatialDimension;

    /// <summary>x = Q y (one configuration).</summary>
    public void ToCartesian(ReadOnlySpan<double> y, Span<double> x) => Apply(y, x, toCartesian: true);

    /// <summary>y = Qᵀ x (one configuration; the centre of mass of x is dropped). Also maps gradients: ∇_y u = Qᵀ ∇_x u.</summary>
    public void ToFlow(ReadOnlySpan<double> x, Span<double> y) => Apply(x, y, toCartesian: false);

    private void Apply(ReadOnlySpan<double> input, Span<double> output, bool toCartesian)
    {
        if (helmert == null) { input.CopyTo(output); return; }
        int n = Particles, d = SpatialDimension;
        output.Clear();
        for (int i = 0; i < n; i++)
            for (int k = 0; k < n - 1; k++)
            {
                double q = helmert[i, k];
                if (q == 0) continue;
                for (int a = 0; a < d; a++)
                {
                    if (toCartesian) output[i * d + a] += q * input[k * d + a];
                    else output[k * d + a] += q * input[i * d + a];
                }
            }
    }

    /// <summary>Maps a batch of flow rows to Cartesian rows.</summary>
    public double[] ToCartesian(double[] ys) => ApplyRows(ys, toCartesian: true);

    /// <summary>Maps a batch of Cartesian rows (configurations or gradients) to flow rows.</summary>
    public double[] ToFlow(double[] xs) => ApplyRows(xs, toCartesian: false);

    private double[] ApplyRows(double[] input, bool toCartesian)
    {
        if (helmert == null) return input;
        int from = toCartesian ? FlowDimension : CartesianDimension, to = toCartesian ? CartesianDimension : FlowDimension;
        int rows = input.Length / from;
        var output = new double[rows * to];
        for (int r = 0; r < rows; r++) Apply(input.AsSpan(r * from, from), output.AsSpan(r * to, to), toCartesian);
        return output;
    }
}
