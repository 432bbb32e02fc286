using MatSim.Descriptors.SymmetryFunctions;
using MatSim.Potentials.NeuralNetworks;
using MatSim.Potentials.NeuralNetworks.N2p2;
using MatSim.Simulation.Energy;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.Random;
using MatSim.Simulation.Structures;
using MatSim.Simulation.Systems;
using MatSim.TestSupport;
using static TorchSharp.torch;
using MatSim.Potentials.AtomCentred;

namespace MatSim.Potentials.Tests.NeuralNetworks;

/// <summary>The network potential: forces and virial are derivatives of its energy; invariances; extensivity; file round trips.</summary>
public sealed class NeuralNetworkPotentialTests
{
    private const double Step = 1e-4; // total energies are ~10^4 eV: smaller steps drown in round-off

    [Fact]
    public void Forces_and_virial_are_minus_the_derivatives_of_the_energy()
    {
        using NeuralNetworkPotential model = WaterModel.Load();
        Structure s = SmallWater.Box(9.0);
        AtomCentredPrediction p = model.Predict(s.Cell, s.Positions, s.Elements);
        double Energy(Cell cell, Vec3[] r) => model.Predict(cell, r, s.Elements, forces: false).Energy;
        foreach (int i in new[] { 0, 1, 2, 10, s.Count - 1 })
        for (int axis = 0; axis < 3; axis++)
        {
            Vec3 h = axis switch { 0 => new Vec3(Step, 0, 0), 1 => new Vec3(0, Step, 0), _ => new Vec3(0, 0, Step) };
            Vec3[] plus = (Vec3[])s.Positions.Clone(), minus = (Vec3[])s.Positions.Clone();
            plus[i] += h;
            minus[i] -= h;
            double numeric = -(Energy(s.Cell!, plus) - Energy(s.Cell!, minus)) / (2 * Step);
            Assert.True(Math.Abs(numeric - p.Forces![i][axis]) < 1e-6, $"atom {i} axis {axis}: {p.Forces[i][axis]} vs FD {numeric} eV/Å");
        }
        for (int a = 0; a < 3; a++)
        {
            double Strained(double e)
            {
                Mat3 d = Mat3.Identity + e * Mat3.Outer(Axis(a), Axis(a));
                return Energy(new Cell(d * s.Cell!.A, d * s.Cell.B, d * s.Cell.C), s.Positions.Select(r => d * r).ToArray());
            }
            double numeric = -(Strained(Step) - Strained(-Step)) / (2 * Step);
            Assert.True(Math.Abs(numeric - p.Virial[a, a]) < 1e-5 * (1 + Math.Abs(numeric)), $"W[{a},{a}] {p.Virial[a, a]} vs FD {numeric} eV");
        }
    }

    [Fact]
    public void Chain_rule_forces_equal_autograd_through_network_and_descriptor_jacobian()
    {
        using NeuralNetworkPotential model = WaterModel.Load();
        Structure s = SmallWater.Box(9.0);
        StructureDescriptors d = DescriptorCalculator.Compute(model.Descriptors, s.Cell, s.Positions, s.Elements);
        AtomCentredPrediction chain = model.Predict(d);
        // Dense Jacobian dG/dr column by column, then E(G0 + J δr) through the networks with autograd.
        int n = s.Count;
        var columns = new double[3 * n][][];
        for (int c = 0; c < 3 * n; c++)
        {
            var v = new Vec3[n];
            v[c / 3] = (c % 3) switch { 0 => new Vec3(1, 0, 0), 1 => new Vec3(0, 1, 0), _ => new Vec3(0, 0, 1) };
            columns[c] = d.Forward(v);
        }
        using var scope = NewDisposeScope();
        Tensor displacement = zeros(3 * n, ScalarType.Float64).requires_grad_(true);
        Tensor energy = zeros(1, ScalarType.Float64);
        for (int e = 0; e < model.Descriptors.Elements.Length; e++)
        {
            int rows = d.AtomsOf(e).Length, count = model.Descriptors.CountOf(e);
            var jacobian = new double[d.Values[e].Length * 3 * n];
            for (int k = 0; k < d.Values[e].Length; k++)
                for (int c = 0; c < 3 * n; c++) jacobian[k * 3 * n + c] = columns[c][e][k];
            Tensor g = tensor(d.Values[e], [rows * count], ScalarType.Float64) + tensor(jacobian, [rows * count, 3 * n], ScalarType.Float64).matmul(displacement);
            double[] factors = model.Scaling.Factors(e).ToArray();
            var scaledRows = new double[rows * count];
            model.Scaling.Apply(e, scaledRows);
            Tensor offset = tensor(scaledRows, ScalarType.Float64);
            Tensor scaled = offset + tensor(Enumerable.Range(0, rows * count).Select(k => factors[k % count]).ToArray(), ScalarType.Float64) * g;
            energy = energy + model.Networks[e].forward(scaled.reshape(rows, count)).sum() * model.Normalization.Scale(model.Units);
        }
        double[] gradient = autograd.grad([energy.sum()], [displacement])[0].data<double>().ToArray();
        for (int i = 0; i < n; i++)
        for (int axis = 0; axis < 3; axis++)
            Assert.True(Math.Abs(-gradient[3 * i + axis] - chain.Forces![i][axis]) < 1e-9, $"atom {i} axis {axis}: chain rule {chain.Forces[i][axis]} autograd {-gradient[3 * i + axis]}");
    }

    [Fact]
    public void Energy_is_invariant_and_extensive()
    {
        using NeuralNetworkPotential model = WaterModel.Load();
        Structure s = SmallWater.Box(9.0);
        double reference = model.Predict(s.Cell, s.Positions, s.Elements, false).Energy;
        Mat3 rotation = Mat3.Rotation(new Vec3(0.3, -1, 0.4).Normalized(), 1.1);
        var rotated = new Cell(rotation * s.Cell!.A, rotation * s.Cell.B, rotation * s.Cell.C);
        Assert.Equal(reference, model.Predict(rotated, s.Positions.Select(r => rotation * r + new Vec3(3, 1, -2)).ToArray(), s.Elements, false).Energy, 1e-8);
        int[] order = Enumerable.Range(0, s.Count).Reverse().ToArray();
        Assert.Equal(reference, model.Predict(s.Cell, order.Select(i => s.Positions[i]).ToArray(), order.Select(i => s.Elements[i]).ToArray(), false).Energy, 1e-8);
        var super = new Cell(2 * s.Cell.A, s.Cell.B, 2 * s.Cell.C);
        var positions = new List<Vec3>();
        var elements = new List<Simulation.Chemistry.Element>();
        foreach (Vec3 shift in new[] { Vec3.Zero, s.Cell.A, s.Cell.C, s.Cell.A + s.Cell.C })
        {
            positions.AddRange(s.Positions.Select(r => r + shift));
            elements.AddRange(s.Elements);
        }
        Assert.Equal(4 * reference, model.Predict(super, positions.ToArray(), elements, false).Energy, 1e-7);
    }

    [Fact]
    public void N2p2_folder_and_native_file_round_trip_to_the_same_model()
    {
        using NeuralNetworkPotential model = WaterModel.Load();
        Structure s = SmallWater.Box(9.0);
        double reference = model.Predict(s.Cell, s.Positions, s.Elements, false).Energy;
        string folder = Repository.TemporaryDirectory("nnp-roundtrip");
        N2p2ModelWriter.Write(model, Path.Combine(folder, "n2p2"));
        NativeModelFile.Write(model, Path.Combine(folder, "water.nnp.json"));
        using NeuralNetworkPotential fromN2p2 = N2p2ModelReader.Read(Path.Combine(folder, "n2p2"), ModelUnits.BohrHartree, CPU);
        using NeuralNetworkPotential fromNative = NativeModelFile.Read(Path.Combine(folder, "water.nnp.json"), CPU);
        Assert.Equal(reference, fromN2p2.Predict(s.Cell, s.Positions, s.Elements, false).Energy, 1e-9);
        Assert.Equal(reference, fromNative.Predict(s.Cell, s.Positions, s.Elements, false).Energy, 1e-9);
        Assert.Equal(ModelUnits.BohrHartree, fromNative.Units);
    }

    [Fact]
    public void Local_monte_carlo_energy_changes_equal_full_recomputation()
    {
        using NeuralNetworkPotential model = WaterModel.Load();
        Structure s = SmallWater.Box(13.0);
        ParticleSystem system = SystemBuilder.FromStructure(s);
        IBoundEnergy bound = new NeuralNetworkEnergy(model).Bind(system);
        var rng = new Rng(17);
        var move = new MoveProposal();
        for (int trial = 0; trial < 6; trial++)
        {
            int molecule = (int)(rng.NextDouble() * system.MoleculeCount);
            Span<Vec3> moved = move.Displace(system, molecule);
            for (int k = 0; k < moved.Length; k++) moved[k] = system.Positions[system.FirstAtomOf(molecule) + k] + new Vec3(rng.NextDouble() - 0.5, rng.NextDouble() - 0.5, rng.NextDouble() - 0.5) * 0.4;
            double before = bound.TotalEnergy(system);
            double change = bound.Propose(move);
            system.Apply(move);
            bound.Commit();
            double after = new NeuralNetworkEnergy(model).Bind(system).TotalEnergy(system);
            Assert.True(Math.Abs(after - before - change) < 1e-9, $"trial {trial}: local ΔE {change} vs full {after - before}");
        }
    }

    private static Vec3 Axis(int a) => a switch { 0 => new Vec3(1, 0, 0), 1 => new Vec3(0, 1, 0), _ => new Vec3(0, 0, 1) };
}

/// <summary>The `type: nnp` configuration block.</summary>
public sealed class NeuralNetworkFactoryTests
{
    private static IEnergyModel Build(string yaml)
    {
        var config = Simulation.Config.ConfigDocument.Parse(yaml, "test.yaml", Path.GetTempPath());
        var registry = new EnergyModelRegistry([new Configuration.NeuralNetworkFactory()]);
        return registry.Build(config.Required("energy", "models"), ModelContext.Empty);
    }

    [Fact]
    public void An_n2p2_folder_with_units_gives_the_reference_energy()
    {
        string folder = Repository.RequireShared(WaterModel.Folder);
        IEnergyModel model = Build($"energy:\n  - {{type: nnp, model: {folder}, units: {{length: bohr, energy: hartree}}}}\n");
        ParticleSystem system = SystemBuilder.FromStructure(WaterModel.Structure().Structure);
        double energy = model.Bind(system).TotalEnergy(system) / ModelUnits.BohrHartree.EvPerEnergy;
        Assert.Equal(WaterModel.Expected().Energy, energy, 1e-6);
    }

    [Fact]
    public void Cuda_without_a_gpu_build_is_an_error_at_the_device_key()
    {
        if (TorchSharp.torch.cuda.is_available()) Assert.Skip("CUDA is available here; the error path cannot be shown");
        string folder = Repository.RequireShared(WaterModel.Folder);
        var e = Assert.Throws<Simulation.Errors.InputException>(() => Build($"energy:\n  - {{type: nnp, model: {folder}, device: cuda}}\n"));
        Assert.Contains("test.yaml:2", e.Message);
        Assert.Contains("CUDA is not available", e.Message);
    }
}
