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
/// and its 2×2×2 supercell (8640 atoms: time per atom must not grow), one core: the full
/// prediction (energy, forces, virial) and its phases. atoms/s/core = atoms / mean of
/// <see cref="EnergyAndForces"/>; n2p2's anchor is 0.30–0.32 s per 1080-atom structure on this
/// machine kind (SPEED.md).
/// </summary>
[Config(typeof(SingleCoreConfig))]
[MemoryDiagnoser]
public class NeuralNetworkBenchmarks
{
    private NeuralNetworkPotential model = null!;
    private Structure water = null!;
    private StructureDescriptors descriptors = null!;

    /// <summary>Copies of the box along each axis.</summary>
    [Params(1, 2)]
    public int Replicas { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        TorchSharp.torch.set_num_threads(1);
        string folder = RaspaInputs.Shared("reference/n2p2-h2o");
        model = N2p2ModelReader.Read(folder, ModelUnits.BohrHartree, TorchSharp.torch.CPU);
        water = Replicate(N2p2DataFile.Read(Path.Combine(folder, "input.data"), ModelUnits.BohrHartree).First().Structure, Replicas);
        descriptors = DescriptorCalculator.Compute(model.Descriptors, water.Cell, water.Positions, water.Elements);
    }

    [GlobalCleanup]
    public void Cleanup() => model.Dispose();

    private static Structure Replicate(Structure s, int n)
    {
        var cell = s.Cell!;
        var shifts = (from a in Enumerable.Range(0, n) from b in Enumerable.Range(0, n) from c in Enumerable.Range(0, n)
                      select a * cell.A + b * cell.B + c * cell.C).ToArray();
        return new Structure(new MatSim.Simulation.Geometry.Cell(n * cell.A, n * cell.B, n * cell.C),
            shifts.SelectMany(_ => s.Elements), shifts.SelectMany(shift => s.Positions.Select(r => r + shift)));
    }

    [Benchmark(Baseline = true, Description = "energy+forces+virial")]
    public double EnergyAndForces() => model.Predict(water.Cell, water.Positions, water.Elements).Energy;

    [Benchmark(Description = "energy only")]
    public double EnergyOnly() => model.Predict(water.Cell, water.Positions, water.Elements, forces: false).Energy;

    [Benchmark(Description = "neighbour list + symmetry functions")]
    public int Descriptors() => DescriptorCalculator.Compute(model.Descriptors, water.Cell, water.Positions, water.Elements).AtomCount;

    [Benchmark(Description = "networks + dE/dG + forces from stored G")]
    public double NetworksAndForces() => model.Predict(descriptors).Energy;
}

/// <summary>
/// Training throughput for the water model's architecture (57 symmetry functions, 25-25 tanh): one
/// Adam epoch (batches of 4, energy and force loss) over 32 water boxes of 69 atoms, one core.
/// Structures per second = 32 / mean.
/// </summary>
[Config(typeof(SingleCoreConfig))]
public class NeuralNetworkTrainingBenchmarks
{
    private List<MatSim.Learning.NetworkTraining.TrainingItem> items = [];
    private MatSim.Learning.NetworkTraining.NetworkTrainer trainer = null!;
    private int epoch;

    [GlobalSetup]
    public void Setup()
    {
        TorchSharp.torch.set_num_threads(1);
        string folder = RaspaInputs.Shared("reference/n2p2-h2o");
        using var reference = N2p2ModelReader.Read(folder, ModelUnits.BohrHartree, TorchSharp.torch.CPU);
        Structure big = N2p2DataFile.Read(Path.Combine(folder, "input.data"), ModelUnits.BohrHartree).First().Structure;
        var cell = MatSim.Simulation.Geometry.Cell.Cubic(9.9);
        int[] atoms = Enumerable.Range(0, big.Count).Where(i => big.Positions[i - i % 3] is var o && o.X is >= 0 and < 9 && o.Y is >= 0 and < 9 && o.Z is >= 0 and < 9).ToArray();
        var start = new Structure(cell, atoms.Select(i => big.Elements[i]), atoms.Select(i => big.Positions[i - i % 3] + big.Cell!.MinimumImage(big.Positions[i] - big.Positions[i - i % 3])));
        var rng = new MatSim.Simulation.Random.Rng(1);
        var descriptors = new List<StructureDescriptors>();
        var labels = new List<MatSim.Learning.NetworkTraining.LabelledStructure>();
        for (int k = 0; k < 32; k++)
        {
            var s = start.WithPositions(start.Positions.Select(r => r + 0.05 * new MatSim.Simulation.Geometry.Vec3(rng.NextGaussian(), rng.NextGaussian(), rng.NextGaussian())).ToArray());
            var p = reference.Predict(s.Cell, s.Positions, s.Elements);
            labels.Add(new(s, p.Energy, p.Forces!));
            descriptors.Add(DescriptorCalculator.Compute(reference.Descriptors, s.Cell, s.Positions, s.Elements));
        }
        var scaling = new SymmetryFunctionScaling(ScalingMode.ScaleCenter, 0, 1, SymmetryFunctionScaling.Measure(reference.Descriptors, descriptors));
        double mean = labels.Average(l => l.Energy / l.Structure.Count);
        for (int k = 0; k < labels.Count; k++)
        {
            var item = new MatSim.Learning.NetworkTraining.TrainingItem(labels[k], descriptors[k], labels[k].Energy - mean * labels[k].Structure.Count);
            item.ScaledRows = descriptors[k].Values.Select((rows, e) => { var copy = (double[])rows.Clone(); scaling.Apply(e, copy); return copy; }).ToArray();
            items.Add(item);
        }
        var architectures = reference.Networks.Select(n => n.Architecture).ToArray();
        var networks = NeuralNetworkPotential.CreateNetworks(reference.Descriptors, architectures, TorchSharp.torch.CPU);
        var generator = new TorchSharp.torch.Generator(1, TorchSharp.torch.CPU);
        foreach (var n in networks) n.Initialize(generator);
        trainer = new MatSim.Learning.NetworkTraining.NetworkTrainer(networks, scaling,
            new MatSim.Learning.NetworkTraining.TrainingOptions { BatchSize = 4, ForceWeight = 0.05 }, TorchSharp.torch.CPU);
    }

    [Benchmark(Description = "one training epoch, 32 structures of 69 atoms, energies + forces")]
    public void Epoch() => trainer.Epoch(items, epoch++);
}
