using MatSim.Sampling.Estimators;
using MatSim.Simulation.Random;

namespace MatSim.Sampling.Tests;

public sealed class ImportanceWeightTests
{
    [Fact]
    public void Exact_proposals_give_full_ESS_and_shifted_ones_the_right_mean_within_the_error_bar()
    {
        var rng = new Rng(3);
        const int n = 200_000;
        double[] x = Enumerable.Range(0, n).Select(_ => rng.NextGaussian()).ToArray();
        double[] logQ = x.Select(v => -0.5 * v * v - 0.5 * Math.Log(2 * Math.PI)).ToArray();
        var exact = new ImportanceWeights(x.Select(v => 0.5 * v * v).ToArray(), logQ);
        Assert.Equal(n, exact.EffectiveSampleSize, 6);
        // target N(0.5, 1) from proposals N(0, 1): Kish ESS = n / e^{0.25}
        var shifted = new ImportanceWeights(x.Select(v => 0.5 * (v - 0.5) * (v - 0.5)).ToArray(), logQ);
        Assert.InRange(shifted.EffectiveFraction, Math.Exp(-0.25) - 0.01, Math.Exp(-0.25) + 0.01);
        var mean = shifted.Mean(x);
        Assert.True(Math.Abs(mean.Mean - 0.5) < 4 * mean.StandardError, $"{mean} vs 0.5");
        Assert.InRange(mean.StandardError, 0.5 / Math.Sqrt(n), 3 / Math.Sqrt(n));
        // F(x ≥ 0.5) − F(x < 0.5) = 0 for N(0.5, 1), and ln 2-free for two equal halves
        var df = shifted.FreeEnergyDifference(x.Select(v => v < 0.5).ToArray(), x.Select(v => v >= 0.5).ToArray(), 1);
        Assert.True(Math.Abs(df.Mean) < 4 * df.StandardError, $"ΔF {df}");
    }

    [Fact]
    public void Non_finite_energies_get_zero_weight_and_are_counted()
    {
        var w = new ImportanceWeights([1, double.NaN, double.PositiveInfinity, 1], [0, 0, 0, 0]);
        Assert.Equal(2, w.NonFinite);
        Assert.Equal(2, w.EffectiveSampleSize, 9);
    }
}
