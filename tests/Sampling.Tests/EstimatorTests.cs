using MatSim.Sampling.Estimators;
using MatSim.Sampling.Targets;

namespace MatSim.Sampling.Tests;

public sealed class EstimatorTests
{
    [Fact]
    public void Grid_KL_is_zero_for_the_exact_density_and_ln_N_minus_entropy_against_uniform()
    {
        var grid = new GridDensity(-3, 3, -4, 4, 50);
        double[] exact = grid.Exact(new DoubleWell(), 1);
        Assert.Equal(1, exact.Sum(), 12);
        Assert.Equal(0, GridDensity.KullbackLeibler(exact, exact), 12);
        double[] uniform = Enumerable.Repeat(1.0 / exact.Length, exact.Length).ToArray();
        double entropy = -exact.Where(p => p > 0).Sum(p => p * Math.Log(p));
        Assert.Equal(Math.Log(exact.Length) - entropy, GridDensity.KullbackLeibler(exact, uniform), 10);
        // a histogram of the cell centres weighted by the exact probabilities reproduces them
        double[] centres = Enumerable.Range(0, 50 * 50).SelectMany(k => { var (x, y) = grid.Centre(k / 50, k % 50); return new[] { x, y }; }).ToArray();
        Assert.Equal(0, GridDensity.KullbackLeibler(exact, grid.Histogram(centres, exact)), 9);
    }

    [Fact]
    public void Pair_distance_histogram_puts_every_pair_in_its_bin()
    {
        // an equilateral triangle of side 1.25 and one of side 2.25 (2D), weighted 3 : 1
        double h = Math.Sqrt(3) / 2;
        double[] configurations = [0, 0, 1.25, 0, 0.625, 1.25 * h, 0, 0, 2.25, 0, 1.125, 2.25 * h];
        var histogram = new PairDistanceHistogram(configurations, 3, 2, 4, 8, [3, 1]);
        Assert.Equal(0.75 / 0.5, histogram.Density[2], 12);   // bin [1, 1.5): density = probability / width
        Assert.Equal(0.25 / 0.5, histogram.Density[4], 12);   // bin [2, 2.5)
        Assert.Equal(1, histogram.Density.Sum() * histogram.BinWidth, 12);
        Assert.Equal(0, histogram.TotalVariation(histogram), 12);
        var unweighted = new PairDistanceHistogram(configurations, 3, 2, 4, 8);
        Assert.Equal(0.25, histogram.TotalVariation(unweighted), 12);
    }
}
