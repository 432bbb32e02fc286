namespace MatSim.Sampling.Estimators;

/// <summary>
/// The distribution of interparticle distances over a set of configurations (each configuration
/// weighted, e.g. by importance weights), as a normalised density on equal bins of [0, <see cref="Range"/>).
/// </summary>
public sealed class PairDistanceHistogram
{
    public PairDistanceHistogram(double[] configurations, int particles, int spatialDimension, double range, int bins, IReadOnlyList<double>? weights = null)
    {
        Range = range;
        Density = new double[bins];
        int d = spatialDimension, stride = particles * d, n = configurations.Length / stride;
        double width = range / bins, total = 0;
        for (int c = 0; c < n; c++)
        {
            double w = weights?[c] ?? 1;
            if (w == 0) continue;
            for (int i = 0; i < particles; i++)
                for (int j = i + 1; j < particles; j++)
                {
                    double r2 = 0;
                    for (int a = 0; a < d; a++)
                    {
                        double delta = configurations[c * stride + i * d + a] - configurations[c * stride + j * d + a];
                        r2 += delta * delta;
                    }
                    total += w;
                    int bin = (int)(Math.Sqrt(r2) / width);
                    if (bin < bins) Density[bin] += w;
                }
        }
        for (int b = 0; b < bins; b++) Density[b] /= total * width;
    }

    public double Range { get; }
    public double[] Density { get; }
    public double BinWidth => Range / Density.Length;
    public double[] Centres => Enumerable.Range(0, Density.Length).Select(b => (b + 0.5) * BinWidth).ToArray();

    /// <summary>Total-variation distance ½∫|p − q| between two histograms on the same bins (0: identical, 1: disjoint).</summary>
    public double TotalVariation(PairDistanceHistogram other) =>
        0.5 * BinWidth * Density.Zip(other.Density, (a, b) => Math.Abs(a - b)).Sum();
}
