namespace MatSim.Simulation.Statistics;

/// <summary>A mean with its standard error.</summary>
public readonly record struct Estimate(double Mean, double StandardError)
{
    public override string ToString() => $"{Mean:G8} ± {StandardError:G3}";
}

/// <summary>
/// Block averaging of a time series of known length (Flyvbjerg &amp; Petersen, J. Chem. Phys. 91,
/// 461 (1989)): the samples are split into equal consecutive blocks, and the standard error of the
/// mean is sqrt(Σ (m_b − m̄)² / (B (B − 1))) over the B block means m_b. Its state is a few
/// numbers, saved in checkpoints.
/// </summary>
public sealed class BlockAverage
{
    private readonly double[] sums;
    private readonly long[] counts;

    public long ExpectedSamples { get; }
    public long Samples { get; private set; }
    public int Blocks => sums.Length;

    public BlockAverage(int blocks, long expectedSamples)
    {
        if (blocks < 2) throw new ArgumentOutOfRangeException(nameof(blocks), blocks, "at least two blocks are needed for an error bar");
        if (expectedSamples < blocks) throw new ArgumentOutOfRangeException(nameof(expectedSamples), expectedSamples, "fewer samples than blocks");
        sums = new double[blocks];
        counts = new long[blocks];
        ExpectedSamples = expectedSamples;
    }

    public void Add(double value)
    {
        int block = (int)Math.Min(Blocks - 1, Samples * Blocks / ExpectedSamples);
        sums[block] += value;
        counts[block]++;
        Samples++;
    }

    /// <summary>Mean of all samples and the standard error from the filled blocks.</summary>
    public Estimate Result
    {
        get
        {
            double total = sums.Sum();
            long n = counts.Sum();
            if (n == 0) return new Estimate(double.NaN, double.NaN);
            double mean = total / n;
            double[] means = Enumerable.Range(0, Blocks).Where(b => counts[b] > 0).Select(b => sums[b] / counts[b]).ToArray();
            if (means.Length < 2) return new Estimate(mean, double.NaN);
            double blockMean = means.Average();
            double variance = means.Sum(m => (m - blockMean) * (m - blockMean)) / (means.Length - 1);
            return new Estimate(mean, Math.Sqrt(variance / means.Length));
        }
    }

    /// <summary>The accumulator's state for a checkpoint.</summary>
    public BlockAverageState Save() => new(Blocks, ExpectedSamples, Samples, (double[])sums.Clone(), (long[])counts.Clone());

    public static BlockAverage Restore(BlockAverageState state)
    {
        var average = new BlockAverage(state.Blocks, state.ExpectedSamples) { Samples = state.Samples };
        state.Sums.CopyTo(average.sums, 0);
        state.Counts.CopyTo(average.counts, 0);
        return average;
    }
}

/// <summary>Serializable state of a <see cref="BlockAverage"/>.</summary>
public sealed record BlockAverageState(int Blocks, long ExpectedSamples, long Samples, double[] Sums, long[] Counts);
