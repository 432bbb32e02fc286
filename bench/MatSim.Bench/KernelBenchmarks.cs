using BenchmarkDotNet.Attributes;
using MatSim.Descriptors.SymmetryFunctions;
using MatSim.Potentials.Kernels;
using MatSim.Potentials.NeuralNetworks.N2p2;
using MatSim.Potentials.NeuralNetworks.Training;
using MatSim.Simulation.Chemistry;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.Random;
using MatSim.Simulation.Structures;

namespace MatSim.Bench;

/// <summary>
/// Argon test data for kernel-model benchmarks: 13-atom clusters and an 864-atom fcc crystal with
/// thermal noise, labelled by Lennard-Jones (ε/k_B = 120 K, σ = 3.4 Å, no cutoff) computed here.
/// </summary>
internal static class ArgonData
{
    public static readonly Element Argon = Elements.FromSymbol("Ar");

    public static DescriptorSet Descriptors()
    {
        string[] lines =
        [
            "cutoff_type 6",
            .. new[] { 3.4, 3.8, 4.2, 4.8, 5.5, 6.2 }.Select(r => $"symfunction_short Ar 2 Ar 1.0 {r} 7.0"),
            "symfunction_short Ar 2 Ar 0.05 0.0 7.0",
            "symfunction_short Ar 2 Ar 0.2 0.0 7.0",
            "symfunction_short Ar 3 Ar Ar 0.02 1 1 7.0", "symfunction_short Ar 3 Ar Ar 0.02 -1 1 7.0",
            "symfunction_short Ar 3 Ar Ar 0.02 1 4 7.0", "symfunction_short Ar 3 Ar Ar 0.02 -1 4 7.0",
        ];
        return N2p2ModelReader.ReadDescriptors(N2p2Keywords.Parse(lines, "argon descriptors"), [Argon], 1.0);
    }

    public static List<LabelledStructure> Clusters(int count, ulong seed)
    {
        var rng = new Rng(seed);
        var result = new List<LabelledStructure>();
        while (result.Count < count)
        {
            var positions = new List<Vec3>();
            while (positions.Count < 13)
            {
                var r = new Vec3(6 * rng.NextDouble() - 3, 6 * rng.NextDouble() - 3, 6 * rng.NextDouble() - 3);
                if (positions.All(p => (p - r).Length > 3.3)) positions.Add(r);
            }
            result.Add(Label(new Structure(null, Enumerable.Repeat(Argon, 13), positions)));
        }
        return result;
    }

    /// <summary>6×6×6 fcc cells (a = 5.26 Å), atoms displaced by Gaussian noise of 0.1 Å.</summary>
    public static Structure Crystal(ulong seed)
    {
        const double a = 5.26;
        var rng = new Rng(seed);
        Vec3[] basis = [new(0, 0, 0), new(0.5, 0.5, 0), new(0.5, 0, 0.5), new(0, 0.5, 0.5)];
        var positions = (from i in Enumerable.Range(0, 6) from j in Enumerable.Range(0, 6) from k in Enumerable.Range(0, 6) from b in basis
                         select a * (new Vec3(i, j, k) + b) + 0.1 * new Vec3(rng.NextGaussian(), rng.NextGaussian(), rng.NextGaussian())).ToArray();
        return new Structure(new Cell(new Vec3(6 * a, 0, 0), new Vec3(0, 6 * a, 0), new Vec3(0, 0, 6 * a)), Enumerable.Repeat(Argon, positions.Length), positions);
    }

    private static LabelledStructure Label(Structure s)
    {
        const double epsilon = 120 * 8.617333262e-5, sigma = 3.4;
        var forces = new Vec3[s.Count];
        double energy = 0;
        for (int i = 0; i < s.Count; i++)
            for (int j = i + 1; j < s.Count; j++)
            {
                Vec3 d = s.Positions[j] - s.Positions[i];
                double r2 = d.LengthSquared, s6 = Math.Pow(sigma * sigma / r2, 3);
                energy += 4 * epsilon * (s6 * s6 - s6);
                Vec3 f = 24 * epsilon * (2 * s6 * s6 - s6) / r2 * d;
                forces[j] += f;
                forces[i] -= f;
            }
        return new LabelledStructure(s, energy, forces);
    }
}

/// <summary>
/// Sparse GPR training cost vs the number of sparse environments M (per element) and of
/// training structures N (13-atom argon clusters, energies and forces, one fixed hyperparameter
/// set): the Gram sums cost O(M² N), the factorisations O(M³). All cores.
/// </summary>
public class KernelTrainingBenchmarks
{
    private List<LabelledStructure> data = [];
    private DescriptorSet set = null!;

    [Params(125, 250, 500, 1000)]
    public int Sparse { get; set; }

    [Params(100, 200)]
    public int Structures { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        set = ArgonData.Descriptors();
        data = ArgonData.Clusters(Structures, 5);
    }

    [Benchmark]
    public double Train() => KernelTrainer.Train(data, set, new KernelFitOptions
    {
        KernelParameters = [4], SparsePerElement = Sparse, EnergyRatios = [1e-4], ForceRatios = [1e-3],
    }, out _).Fit.SignalVariance;
}

/// <summary>
/// Prediction with a 1000-environment sparse model (trained on 200 argon clusters) for an
/// 864-atom argon crystal, one core: atoms/s/core = 864 / mean of energy+forces; with σ (the
/// per-atom and energy variances, O(M²) per atom) for comparison.
/// </summary>
[BenchmarkDotNet.Attributes.Config(typeof(SingleCoreConfig))]
public class KernelPredictionBenchmarks
{
    private KernelPotential model = null!;
    private Structure crystal = null!;

    [GlobalSetup]
    public void Setup()
    {
        model = KernelTrainer.Train(ArgonData.Clusters(200, 5), ArgonData.Descriptors(), new KernelFitOptions
        {
            KernelParameters = [4], SparsePerElement = 1000, EnergyRatios = [1e-4], ForceRatios = [1e-3],
        }, out _);
        if (model.Basis.Sparse.Total != 1000) throw new InvalidOperationException($"expected 1000 sparse environments, got {model.Basis.Sparse.Total}");
        crystal = ArgonData.Crystal(3);
    }

    [Benchmark(Baseline = true, Description = "energy+forces+virial")]
    public double EnergyAndForces() => model.Predict(crystal.Cell, crystal.Positions, crystal.Elements).Energy;

    [Benchmark(Description = "energy, atomic and energy σ")]
    public double Uncertainty() => model.Uncertainty(crystal.Cell, crystal.Positions, crystal.Elements, forces: false).Energy;
}
