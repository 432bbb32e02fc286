using MatSim.Sampling.Flows;
using MatSim.Sampling.Targets;
using MatSim.Sampling.Training;
using MatSim.Simulation.Errors;
using TorchSharp;
using static TorchSharp.torch;

namespace MatSim.Sampling.Tests;

public sealed class TrainingRobustnessTests
{
    /// <summary>The double well, but "overlapping": NaN energy and forces wherever x₁ &gt; 1.5, +∞ below x₁ &lt; −2.5.</summary>
    private sealed class BrokenDoubleWell : ITargetEnergy
    {
        private readonly DoubleWell inner = new();
        public string Name => "broken";
        public int Particles => 1;
        public int SpatialDimension => 2;
        public bool TranslationInvariant => false;

        public double Energy(ReadOnlySpan<double> x, Span<double> gradient)
        {
            double u = inner.Energy(x, gradient);
            if (x[0] > 1.5)
            {
                if (!gradient.IsEmpty) gradient.Fill(double.NaN);
                return double.NaN;
            }
            return x[0] < -2.5 ? double.PositiveInfinity : u;
        }
    }

    [Fact]
    public void Non_finite_energies_are_rejected_and_counted_and_the_flow_stays_finite()
    {
        using var flow = new NormalizingFlow(2, new FlowArchitecture(CouplingKind.Affine, 4, 16, 2), 3);
        var options = new FlowTrainingOptions { KT = 1, EnergySteps = 60, BatchSize = 128, LearningRate = 1e-2, Seed = 2 };
        using var trainer = new FlowTrainer(flow, new BrokenDoubleWell(), options, null);
        while (trainer.StepsDone < trainer.TotalSteps)
        {
            FlowTrainingStep step = trainer.Step();
            Assert.True(step.Skipped || double.IsFinite(step.ReverseKl), $"step {step.Step}: loss {step.ReverseKl}");
        }
        Assert.True(trainer.RejectedSamples > 0, "some samples landed where the target is not finite");
        foreach (var p in flow.parameters()) Assert.True(p.isfinite().all().item<bool>(), "every parameter finite");
        using var generator = new Generator(4, CPU);
        using var _ = no_grad();
        FlowSample sample = flow.Sample(1000, generator);
        Assert.True(sample.X.isfinite().all().item<bool>() && sample.LogQ.isfinite().all().item<bool>());
    }

    [Fact]
    public void High_energies_are_capped_logarithmically()
    {
        // an untrained flow on LJ13 produces overlapping particles: enormous energies, capped, never NaN
        using var flow = new NormalizingFlow(36, new FlowArchitecture(CouplingKind.Affine, 2, 16, 1), 3);
        var options = new FlowTrainingOptions { KT = 1, EnergySteps = 3, BatchSize = 64, Seed = 2, EnergyCap = 100 };
        using var trainer = new FlowTrainer(flow, new LennardJonesCluster(), options, null);
        FlowTrainingStep step = trainer.Step();
        Assert.True(step.Capped > 0, "overlapping samples exceed the cap");
        Assert.True(double.IsFinite(step.ReverseKl) && step.ReverseKl < 200, $"capped loss {step.ReverseKl}");
    }

    [Fact]
    public void Training_through_the_potential_contract_equals_training_on_the_analytic_target()
    {
        // the same LJ cluster once as MatSim's Lennard-Jones model (eV, Å, forces from the contract) and once analytic
        var analytic = new LennardJonesCluster(restraint: 0);
        var contract = new PotentialTarget(() => TargetTests.ArgonCluster(13), TargetTests.ArgonModel());
        double[] start = TargetTests.Configuration(analytic, 1);
        double[] data = Enumerable.Range(0, 64).SelectMany(k => start.Select((v, i) => v + 0.02 * Math.Sin(7 * k + i))).ToArray();
        double[] Losses(ITargetEnergy target)
        {
            using var flow = new NormalizingFlow(36, new FlowArchitecture(CouplingKind.Affine, 2, 16, 1), 3);
            var options = new FlowTrainingOptions { KT = 1, ExampleSteps = 2, EnergySteps = 3, BatchSize = 32, Seed = 2 };
            using var trainer = new FlowTrainer(flow, target, options, data);
            return Enumerable.Range(0, 5).Select(_ => trainer.Step()).Select(s => double.IsNaN(s.ReverseKl) ? s.NegativeLogLikelihood : s.ReverseKl).ToArray();
        }
        double[] a = Losses(analytic), b = Losses(contract);
        for (int k = 0; k < a.Length; k++) Assert.Equal(a[k], b[k], 6);
    }

    [Fact]
    public void Tensors_stay_flat_over_training_steps()
    {
        var target = new DoubleWell();
        double[] data = [.. Enumerable.Range(0, 200).SelectMany(k => new[] { -1.8 + 0.01 * k, 0.0 })];
        using var flow = new NormalizingFlow(2, new FlowArchitecture(CouplingKind.Spline, 4, 16, 2, 6, 4), 1);
        var options = new FlowTrainingOptions { KT = 1, ExampleSteps = 150, EnergySteps = 150, BatchSize = 64, Seed = 2 };
        using var trainer = new FlowTrainer(flow, target, options, data);
        for (int k = 0; k < 20; k++) trainer.Step();
        long before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        while (trainer.StepsDone < trainer.TotalSteps) trainer.Step();
        long after = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        Assert.True(after <= before, $"live tensors {before} → {after} over {trainer.TotalSteps - 20} steps");
    }
}
