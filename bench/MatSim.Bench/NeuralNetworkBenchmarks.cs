using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using MatSim.Descriptors.SymmetryFunctions;
using MatSim.Potentials.NeuralNetworks;
using MatSim.Potentials.NeuralNetworks.N2p2;
using MatSim.Simulation.Structures;

namespace MatSim.Bench;

/// <summary>Pins the benchmark process to one core, so figures are per core (as n2p2's anchor is).</summary>
public sealed class SingleCoreConfig : ManualConfig
{
    public SingleCoreConfig() => AddJob(Job.Default.WithAffinity(1));
}

/// <summary>
/// n2p2's RPBE-D3 water model on its 1080-atom reference structure (shared/reference/n2p2-h2o),
/// one core: the full prediction (energy, forces, virial) and its phases. atoms/s/core = 1080 /
/// mean of <see cref="EnergyAndForces"/>; n2p2's anchor is 0.30–0.32 s per structure on this
/// machine kind (SPEED.md).
/// </summary>
[Config(typeof(SingleCoreConfig))]
[MemoryDiagnoser]
public class NeuralNetworkBenchmarks
{
    private NeuralNetworkPotential model = null!;
    private Structure water = null!;
    private StructureDescriptors descriptors = null!;

    [GlobalSetup]
    public void Setup()
    {
        TorchSharp.torch.set_num_threads(1);
        string folder = RaspaInputs.Shared("reference/n2p2-h2o");
        model = N2p2ModelReader.Read(folder, ModelUnits.BohrHartree, TorchSharp.torch.CPU);
        water = N2p2DataFile.Read(Path.Combine(folder, "input.data"), ModelUnits.BohrHartree).First().Structure;
        descriptors = DescriptorCalculator.Compute(model.Descriptors, water.Cell, water.Positions, water.Elements);
    }

    [GlobalCleanup]
    public void Cleanup() => model.Dispose();

    [Benchmark(Baseline = true, Description = "energy+forces+virial (1080 atoms)")]
    public double EnergyAndForces() => model.Predict(water.Cell, water.Positions, water.Elements).Energy;

    [Benchmark(Description = "energy only")]
    public double EnergyOnly() => model.Predict(water.Cell, water.Positions, water.Elements, forces: false).Energy;

    [Benchmark(Description = "neighbour list + symmetry functions")]
    public int Descriptors() => DescriptorCalculator.Compute(model.Descriptors, water.Cell, water.Positions, water.Elements).AtomCount;

    [Benchmark(Description = "networks + dE/dG + forces from stored G")]
    public double NetworksAndForces() => model.Predict(descriptors).Energy;
}
