using BenchmarkDotNet.Attributes;
using MatSim.Sampling.Flows;
using MatSim.Sampling.Targets;
using MatSim.Sampling.Training;
using static TorchSharp.torch;

namespace MatSim.Bench;

/// <summary>
/// Boltzmann-generator throughput on the CPU (all cores): one training step of 256 samples by
/// example (maximum likelihood) and by energy (reverse KL, including the target's energies and forces),
/// and drawing 4096 samples with log q. samples/s = 256 / mean (training) or 4096 / mean (sampling).
/// The double well (2D, 6 layers × 32 units) and LJ13 (36 centre-of-mass-free coordinates, 8 layers × 128).
/// </summary>
[MemoryDiagnoser]
public class FlowBenchmarks
{
    private NormalizingFlow flow = null!;
    private FlowTrainer byExample = null!, byEnergy = null!;
    private Generator generator = null!;

    [Params("double-well", "lj13")]
    public string Target { get; set; } = "";

    [Params(CouplingKind.Affine, CouplingKind.Spline)]
    public CouplingKind Coupling { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        ITargetEnergy target = Target == "lj13" ? new LennardJonesCluster() : new DoubleWell();
        var map = new CoordinateMap(target);
        var architecture = Target == "lj13" ? new FlowArchitecture(Coupling, 8, 128, 2, 8, 4) : new FlowArchitecture(Coupling, 6, 32, 2, 8, 4);
        flow = new NormalizingFlow(map.FlowDimension, architecture, 1);
        // examples: jittered configurations (their values do not matter for timing)
        var rng = new Simulation.Random.Rng(2);
        double[] examples = Enumerable.Range(0, 1024 * map.CartesianDimension).Select(k => 1.1 * (k % map.CartesianDimension / 3) + 0.1 * rng.NextGaussian()).ToArray();
        byExample = new FlowTrainer(flow, target, new FlowTrainingOptions { KT = 1, ExampleSteps = int.MaxValue, Seed = 1 }, examples);
        byEnergy = new FlowTrainer(flow, target, new FlowTrainingOptions { KT = 1, EnergySteps = int.MaxValue, Seed = 1 }, null);
        generator = new Generator(3, CPU);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        byExample.Dispose();
        byEnergy.Dispose();
        generator.Dispose();
        flow.Dispose();
    }

    [Benchmark(Description = "train by example, 256 samples")]
    public FlowTrainingStep TrainByExample() => byExample.Step();

    [Benchmark(Description = "train by energy, 256 samples")]
    public FlowTrainingStep TrainByEnergy() => byEnergy.Step();

    [Benchmark(Description = "sample 4096 with log q")]
    public double Sample()
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        return flow.Sample(4096, generator).LogQ.sum().item<double>();
    }
}
