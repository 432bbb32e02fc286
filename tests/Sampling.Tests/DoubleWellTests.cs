using System.Diagnostics;
using MatSim.Sampling.Estimators;
using MatSim.Sampling.Flows;
using MatSim.Sampling.MonteCarlo;
using MatSim.Sampling.Targets;
using MatSim.Sampling.Training;
using MatSim.Simulation.Statistics;
using static TorchSharp.torch;

namespace MatSim.Sampling.Tests;

/// <summary>One double-well flow (by example from MC in both wells, then by energy), trained once for the tests of this class.</summary>
public sealed class TrainedDoubleWell : IDisposable
{
    public TrainedDoubleWell()
    {
        var clock = Stopwatch.StartNew();
        double[] data = ChainSamples.Collect(Target, 1, [[-1.8, 0], [1.7, 0]], 1000, 10, 1000, 0.5, 3);
        Flow = new NormalizingFlow(2, new FlowArchitecture(CouplingKind.Affine, 6, 32, 2), 7);
        var options = new FlowTrainingOptions { KT = 1, ExampleSteps = 500, EnergySteps = 500, ExampleWeight = 0.5, BatchSize = 256, LearningRate = 3e-3, Seed = 5 };
        using var trainer = new FlowTrainer(Flow, Target, options, data);
        while (trainer.StepsDone < trainer.TotalSteps) trainer.Step();
        Seconds = clock.Elapsed.TotalSeconds;
    }

    public DoubleWell Target { get; } = new();
    public NormalizingFlow Flow { get; }
    public double Seconds { get; }

    public void Dispose() => Flow.Dispose();
}

public sealed class DoubleWellTests(TrainedDoubleWell trained, ITestOutputHelper log) : IClassFixture<TrainedDoubleWell>
{
    [Fact]
    public void Reweighted_flow_samples_give_the_exact_free_energy_difference()
    {
        DoubleWell target = trained.Target;
        NormalizingFlow flow = trained.Flow;
        log.WriteLine($"trained in {trained.Seconds:F1} s");
        using var generator = new Generator(11, CPU);
        double[] x, logQ;
        using (no_grad())
        {
            FlowSample s = flow.Sample(100_000, generator);
            x = s.X.data<double>().ToArray();
            logQ = s.LogQ.data<double>().ToArray();
        }
        double[] u = target.Energies(x, null);
        var weights = new ImportanceWeights(u, logQ);
        bool[] left = Enumerable.Range(0, u.Length).Select(i => x[2 * i] < 0).ToArray();
        Estimate df = weights.FreeEnergyDifference(left, left.Select(l => !l).ToArray(), 1);
        double exact = DoubleWellIntegral.FreeEnergyDifference(1);
        log.WriteLine($"ΔF = {df.Mean:F4} ± {df.StandardError:F4} (exact {exact:F4}); ESS {weights.EffectiveFraction:P1}");
        Assert.True(Math.Abs(df.Mean - exact) < 0.1, $"ΔF {df.Mean} vs exact {exact}");
        Assert.True(df.StandardError < 0.03, $"error bar {df.StandardError}");
    }

    /// <summary>Population of the right well (x₁ &gt; 0) and well-to-well transitions over a chain.</summary>
    private static (Estimate RightPopulation, long Transitions, long EnergyCalls, double Seconds, FlowMonteCarlo Chain) Run(
        DoubleWell target, NormalizingFlow? flow, double flowProbability, long steps, ulong seed)
    {
        var clock = Stopwatch.StartNew();
        var chain = new FlowMonteCarlo(target, 1, [-1.8, 0], flow, flowProbability, 0.5, seed);
        var population = new BlockAverage(20, steps);
        var transitions = new WellTransitions(-1, 1);
        for (long s = 0; s < steps; s++)
        {
            chain.Step();
            population.Add(chain.Position[0] > 0 ? 1 : 0);
            transitions.Observe(chain.Position[0]);
        }
        return (population.Result, transitions.Count, chain.EnergyEvaluations, clock.Elapsed.TotalSeconds, chain);
    }

    [Fact]
    public void Flow_moves_cross_the_barrier_far_more_often_and_both_chains_give_the_exact_populations()
    {
        DoubleWell target = trained.Target;
        NormalizingFlow flow = trained.Flow;
        double exact = 1 / (1 + Math.Exp(DoubleWellIntegral.FreeEnergyDifference(1)));   // P_right = 1/(1 + e^{ΔF/kT})
        var local = Run(target, null, 0, 20_000_000, 21);
        var mixed = Run(target, flow, 0.5, 50_000, 22);
        double localRate = (double)local.Transitions / local.EnergyCalls, mixedRate = (double)mixed.Transitions / mixed.EnergyCalls;
        log.WriteLine($"exact P_right {exact:F4}");
        log.WriteLine($"local: P_right {local.RightPopulation}, {local.Transitions} transitions in {local.EnergyCalls} energy calls ({local.Seconds:F1} s), acceptance {local.Chain.Local.AcceptanceRatio:P1}");
        log.WriteLine($"flow+local: P_right {mixed.RightPopulation}, {mixed.Transitions} transitions in {mixed.EnergyCalls} energy calls ({mixed.Seconds:F1} s), flow acceptance {mixed.Chain.Flow.AcceptanceRatio:P1}");
        log.WriteLine($"transitions per energy call: flow {mixedRate:E2}, local {localRate:E2}, ratio {mixedRate / localRate:F0}; per second ratio {(mixed.Transitions / mixed.Seconds) / (local.Transitions / local.Seconds):F1}");
        Assert.True(mixedRate > 100 * localRate, "flow moves cross at least two orders of magnitude more often per energy evaluation");
        foreach (var (name, p) in new[] { ("local", local.RightPopulation), ("flow", mixed.RightPopulation) })
            Assert.True(Math.Abs(p.Mean - exact) < 3 * p.StandardError + 1e-3, $"{name}: P_right {p} vs exact {exact}");
        Assert.True(mixed.RightPopulation.StandardError < 0.003, $"flow chain error bar {mixed.RightPopulation.StandardError}");
        local.Chain.Dispose();
        mixed.Chain.Dispose();
    }
}
