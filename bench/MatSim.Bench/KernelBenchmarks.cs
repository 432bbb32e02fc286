using BenchmarkDotNet.Attributes;
using MatSim.Descriptors.SymmetryFunctions;
using MatSim.Learning.KernelTraining;
using MatSim.Learning.NetworkTraining;
using MatSim.Potentials.Kernels;
using MatSim.Potentials.NeuralNetworks.N2p2;
using MatSim.Simulation.Chemistry;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.Random;
using MatSim.Simulation.Structures;

namespace MatSim.Bench;

/// <summary>
/// Argon test data for kernel-model benchmarks: icosahedral 13-atom clusters and an 864-atom fcc crystal with
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

    /// <summary>Icosahedral Ar13 (the LJ13 minimum: centre + 12 vertices at 3.7 Å) with Gaussian displacements of 0.25 Å.</summary>
    public static List<LabelledStructure> Clusters(int count, ulong seed)
    {
        double phi = (1 + Math.Sqrt(5)) / 2, scale = 3.7 / Math.Sqrt(1 + phi * phi);
        Vec3[] icosahedron =
        [
            Vec3.Zero,
            .. new[] { -1.0, 1.0 }.SelectMany(a => new[] { -phi, phi }.SelectMany(b => new[] { new Vec3(0, a, b), new Vec3(a, b, 0), new Vec3(b, 0, a) }))
                .Select(v => scale * v),
        ];
        var rng = new Rng(seed);
        return Enumerable.Range(0, count).Select(_ => Label(new Structure(null, Enumerable.Repeat(Argon, 13),
            icosahedron.Select(r => r + 0.25 * new Vec3(rng.NextGaussian(), rng.NextGaussian(), rng.NextGaussian()))))).ToList();
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

    [Params(100, 200, 400)]
    public int Sparse { get; set; }

    [Params(50, 100)]
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
/// Prediction with a 1000-environment sparse model (trained on 100 argon clusters) for an
/// 864-atom argon crystal, one core: atoms/s/core = 864 / mean of energy+forces; with σ (the
/// per-atom and energy variances, O(M²) per atom) for comparison.
/// </summary>
[BenchmarkDotNet.Attributes.Config(typeof(SingleCoreConfig))]
public class KernelPredictionBenchmarks
{
    private KernelPotential model = null!;
    private Structure crystal = null!;

    /// <summary>The model is trained once (minutes on one core) and kept in the temporary folder for the other benchmark processes.</summary>
    [GlobalSetup]
    public void Setup()
    {
        string path = Path.Combine(Path.GetTempPath(), "matsim-bench-argon-1000.kernel.json");
        if (File.Exists(path)) model = KernelModelFile.Read(path);
        else
        {
            model = KernelTrainer.Train(ArgonData.Clusters(100, 5), ArgonData.Descriptors(), new KernelFitOptions
            {
                KernelParameters = [4], SparsePerElement = 1000, EnergyRatios = [1e-4], ForceRatios = [1e-3],
            }, out _);
            KernelModelFile.Write(model, path);
        }
        if (model.Basis.Sparse.Total != 1000) throw new InvalidOperationException($"expected 1000 sparse environments, got {model.Basis.Sparse.Total}");
        crystal = ArgonData.Crystal(3);
    }

    [Benchmark(Baseline = true, Description = "energy+forces+virial")]
    public double EnergyAndForces() => model.Predict(crystal.Cell, crystal.Positions, crystal.Elements).Energy;

    [Benchmark(Description = "energy, atomic and energy σ")]
    public double Uncertainty() => model.Uncertainty(crystal.Cell, crystal.Positions, crystal.Elements, forces: false).Energy;
}
