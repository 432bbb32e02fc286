namespace MatSim.Screening.Surrogates;

/// <summary>
/// Feature preprocessing fitted on training rows only: drops features whose training variance is below a threshold
/// (constant columns carry no information and break scaling), then centres and scales to unit variance.
/// </summary>
public sealed class Standardizer
{
    private readonly int[] kept;
    private readonly double[] mean, scale;

    public Standardizer(double[][] x, double varianceThreshold = 1e-10)
    {
        int d = x[0].Length;
        var means = new double[d];
        var variances = new double[d];
        for (int j = 0; j < d; j++)
        {
            means[j] = x.Average(r => r[j]);
            variances[j] = x.Sum(r => (r[j] - means[j]) * (r[j] - means[j])) / x.Length;
        }
        kept = Enumerable.Range(0, d).Where(j => variances[j] > varianceThreshold * Math.Max(1, means[j] * means[j])).ToArray();
        mean = kept.Select(j => means[j]).ToArray();
        scale = kept.Select(j => Math.Sqrt(variances[j])).ToArray();
    }

    /// <summary>Indices of the features that passed the variance threshold.</summary>
    public IReadOnlyList<int> Kept => kept;

    public double[] Transform(double[] row)
    {
        var result = new double[kept.Length];
        for (int k = 0; k < kept.Length; k++) result[k] = (row[kept[k]] - mean[k]) / scale[k];
        return result;
    }

    public double[][] Transform(double[][] rows) => rows.Select(Transform).ToArray();
}
