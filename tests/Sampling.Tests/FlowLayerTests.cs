using MatSim.Sampling.Flows;
using MatSim.Simulation.Random;
using MathNet.Numerics.LinearAlgebra;
using static TorchSharp.torch;

namespace MatSim.Sampling.Tests;

/// <summary>Exactness of the flows: invertibility, log-determinants against a finite-difference Jacobian, normalisation.</summary>
public sealed class FlowLayerTests
{
    /// <summary>A flow with random (non-identity) parameters, as after training.</summary>
    internal static NormalizingFlow RandomFlow(int dimension, CouplingKind coupling, ulong seed, double spread = 0.3, int layers = 4, double bound = 3)
    {
        var flow = new NormalizingFlow(dimension, new FlowArchitecture(coupling, layers, 16, 2, 6, bound, ActNorm: true), seed);
        var rng = new Rng(seed + 17);
        using (no_grad())
            foreach (var p in flow.parameters())
            {
                double[] values = new double[p.numel()];
                for (int i = 0; i < values.Length; i++) values[i] = spread * rng.NextGaussian();
                using var t = tensor(values, p.shape, ScalarType.Float64);
                p.add_(t);
            }
        return flow;
    }

    [Theory]
    [InlineData(CouplingKind.Affine)]
    [InlineData(CouplingKind.Spline)]
    public void Inverse_undoes_forward_and_log_determinants_are_opposite(CouplingKind coupling)
    {
        using var flow = RandomFlow(5, coupling, 3);
        using var generator = new Generator(1, CPU);
        using var z = randn([64, 5], ScalarType.Float64, generator: generator) * 2;
        var (x, forward) = flow.Forward(z);
        var (back, inverse) = flow.Inverse(x);
        double roundTrip = (back - z).abs().max().item<double>();
        // the spline inverse solves a quadratic: steep bins (derivatives down to 1e-3) amplify rounding to ~1e-7
        Assert.True(roundTrip < 1e-6, $"z → x → z: {roundTrip}");
        double logDets = (forward + inverse).abs().max().item<double>();
        Assert.True(logDets < 1e-6, $"log|det| forward + inverse: {logDets}");
        Assert.True((x - z).abs().max().item<double>() > 0.1, "the random flow is not the identity");
    }

    [Theory]
    [InlineData(CouplingKind.Affine)]
    [InlineData(CouplingKind.Spline)]
    public void Log_determinant_equals_that_of_the_finite_difference_jacobian(CouplingKind coupling)
    {
        const int d = 4;
        const double h = 1e-5;
        using var flow = RandomFlow(d, coupling, 5);
        var rng = new Rng(9);
        for (int sample = 0; sample < 5; sample++)
        {
            double[] z0 = Enumerable.Range(0, d).Select(_ => 1.5 * rng.NextGaussian()).ToArray();
            double[] Map(double[] z)
            {
                using var t = tensor(z, [1, d], ScalarType.Float64);
                var (x, _) = flow.Forward(t);
                return x.data<double>().ToArray();
            }
            var jacobian = Matrix<double>.Build.Dense(d, d);
            for (int j = 0; j < d; j++)
            {
                double[] plus = (double[])z0.Clone(), minus = (double[])z0.Clone();
                plus[j] += h;
                minus[j] -= h;
                double[] xp = Map(plus), xm = Map(minus);
                for (int i = 0; i < d; i++) jacobian[i, j] = (xp[i] - xm[i]) / (2 * h);
            }
            using var zt = tensor(z0, [1, d], ScalarType.Float64);
            double logDet = flow.Forward(zt).LogDet.item<double>();
            Assert.Equal(Math.Log(Math.Abs(jacobian.Determinant())), logDet, 6);
        }
    }

    [Theory]
    [InlineData(CouplingKind.Affine)]
    [InlineData(CouplingKind.Spline)]
    public void Density_of_a_two_dimensional_flow_integrates_to_one(CouplingKind coupling)
    {
        using var flow = RandomFlow(2, coupling, 11, spread: 0.2, bound: 2);
        const int n = 400;
        const double lo = -12, hi = 12, step = (hi - lo) / n;
        var grid = new double[n * n * 2];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                grid[2 * (i * n + j)] = lo + (i + 0.5) * step;
                grid[2 * (i * n + j) + 1] = lo + (j + 0.5) * step;
            }
        using var points = tensor(grid, [n * n, 2], ScalarType.Float64);
        using var _ = no_grad();
        double integral = flow.LogProbability(points).exp().sum().item<double>() * step * step;
        Assert.InRange(integral, 0.995, 1.005);
    }

    [Fact]
    public void A_fresh_flow_is_the_identity_map()
    {
        using var flow = new NormalizingFlow(6, new FlowArchitecture(CouplingKind.Spline, 4, 8, 1, 5, 4, ActNorm: true), 2);
        using var generator = new Generator(3, CPU);
        using var z = randn([32, 6], ScalarType.Float64, generator: generator);
        var (x, logDet) = flow.Forward(z);
        Assert.True((x - z).abs().max().item<double>() < 1e-12);
        Assert.True(logDet.abs().max().item<double>() < 1e-12);
    }
}
