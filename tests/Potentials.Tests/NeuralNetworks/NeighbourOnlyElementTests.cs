using MatSim.Descriptors.SymmetryFunctions;
using MatSim.Potentials.AtomCentred;
using MatSim.Potentials.NeuralNetworks;
using MatSim.Potentials.NeuralNetworks.N2p2;
using MatSim.Simulation.Chemistry;
using MatSim.Simulation.Energy;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.Random;
using MatSim.Simulation.Systems;
using MatSim.TestSupport;
using static TorchSharp.torch;

namespace MatSim.Potentials.Tests.NeuralNetworks;

/// <summary>
/// A model with a neighbour-only element (no symmetry functions of its own): guests (C) in a rigid lattice of O, the
/// shape of a learned host–guest potential. The O atoms carry no energy but shape the C environments; forces on
/// them are still −∇E; local Monte Carlo changes (displace, insert, delete) equal full recomputation.
/// </summary>
public sealed class NeighbourOnlyElementTests
{
    private static readonly Element Carbon = Elements.FromSymbol("C"), Oxygen = Elements.FromSymbol("O");
    private static readonly Cell Box = Cell.Cubic(13.0);

    private static NeuralNetworkPotential Model()
    {
        string[] input =
        [
            "cutoff_type 1",
            "symfunction_short C 2 O 0.5 3.0 6.0",
            "symfunction_short C 2 O 0.2 4.5 6.0",
            "symfunction_short C 2 C 0.3 3.5 6.0",
            "symfunction_short C 3 O O 0.05 -1.0 1.0 6.0",
            "symfunction_short C 3 C O 0.05 1.0 2.0 6.0",
        ];
        Element[] elements = [Carbon, Oxygen];
        DescriptorSet set = N2p2ModelReader.ReadDescriptors(N2p2Keywords.Parse(input, "test input.nn"), elements, 1.0, neighbourOnly: true);
        Assert.True(set.IsCentre(0));
        Assert.False(set.IsCentre(1));
        var architectures = elements.Select((_, e) => new NetworkArchitecture([set.CountOf(e), 6, 1], [Activation.Tanh, Activation.Identity], false)).ToArray();
        AtomicNetwork[] networks = NeuralNetworkPotential.CreateNetworks(set, architectures, CPU);
        var rng = new Rng(5);
        for (int e = 0; e < networks.Length; e++)
            networks[e].ImportN2p2(Enumerable.Range(0, architectures[e].ParameterCount).Select(_ => rng.NextDouble() - 0.5).ToArray());
        (Vec3[] positions, Element[] atoms) = Structure(rng, 6);
        var scaling = new SymmetryFunctionScaling(ScalingMode.ScaleCenter, 0, 1,
            SymmetryFunctionScaling.Measure(set, [DescriptorCalculator.Compute(set, Box, positions, atoms)]));
        return new NeuralNetworkPotential(set, scaling, networks, new EnergyNormalization(0, 1, 1, false, [0.05, 0]), ModelUnits.AngstromEv, CPU);
    }

    /// <summary>O on a 4×4×4 lattice of spacing 3.25 Å, then <paramref name="guests"/> C atoms at random.</summary>
    private static (Vec3[] Positions, Element[] Elements) Structure(Rng rng, int guests)
    {
        var positions = new List<Vec3>();
        for (int i = 0; i < 4; i++)
        for (int j = 0; j < 4; j++)
        for (int k = 0; k < 4; k++)
            positions.Add(new Vec3(i, j, k) * 3.25);
        for (int g = 0; g < guests; g++) positions.Add(new Vec3(rng.NextDouble(), rng.NextDouble(), rng.NextDouble()) * 13.0);
        return (positions.ToArray(), [.. Enumerable.Repeat(Oxygen, 64), .. Enumerable.Repeat(Carbon, guests)]);
    }

    [Fact]
    public void Only_the_guests_carry_energy_and_both_evaluation_paths_agree()
    {
        using NeuralNetworkPotential model = Model();
        (Vec3[] positions, Element[] elements) = Structure(new Rng(9), 6);
        AtomCentredPrediction fused = model.Predict(Box, positions, elements);
        AtomCentredPrediction batched = model.Predict(DescriptorCalculator.Compute(model.Descriptors, Box, positions, elements), forces: true);
        Assert.All(fused.AtomEnergies.Take(64), a => Assert.Equal(0.0, a));
        Assert.All(fused.AtomEnergies.Skip(64), a => Assert.NotEqual(0.0, a));
        Assert.Equal(fused.Energy, fused.AtomEnergies.Skip(64).Sum(), 12);
        Assert.Equal(fused.Energy, batched.Energy, 12);
        Assert.True(fused.Forces!.Take(64).Any(f => f.Length > 1e-6), "the O atoms feel the guests");
        for (int i = 0; i < positions.Length; i++) Assert.True((fused.Forces![i] - batched.Forces![i]).Length < 1e-10);
    }

    [Fact]
    public void Forces_on_guests_and_on_neighbour_only_atoms_are_minus_the_gradient()
    {
        using NeuralNetworkPotential model = Model();
        (Vec3[] positions, Element[] elements) = Structure(new Rng(11), 6);
        Vec3[] forces = model.Predict(Box, positions, elements).Forces!;
        const double h = 1e-5;
        foreach (int atom in new[] { 0, 21, 42, 64, 67, 69 })
        for (int axis = 0; axis < 3; axis++)
        {
            Vec3 step = axis switch { 0 => new Vec3(h, 0, 0), 1 => new Vec3(0, h, 0), _ => new Vec3(0, 0, h) };
            Vec3[] plus = (Vec3[])positions.Clone(), minus = (Vec3[])positions.Clone();
            plus[atom] += step;
            minus[atom] -= step;
            double derivative = (model.Predict(Box, plus, elements, false).Energy - model.Predict(Box, minus, elements, false).Energy) / (2 * h);
            Assert.True(Math.Abs(forces[atom][axis] + derivative) < 1e-7, $"atom {atom} axis {axis}: F {forces[atom][axis]} vs −dE/dx {-derivative}");
        }
    }

    [Fact]
    public void Local_displacements_insertions_and_deletions_equal_full_recomputation()
    {
        using NeuralNetworkPotential model = Model();
        AtomType o = AtomType.Of(Oxygen), c = AtomType.Of(Carbon);
        var guest = Species.Atom(c);
        var system = new ParticleSystem(Box, [o, c], [guest], 128);
        var rng = new Rng(21);
        (Vec3[] positions, _) = Structure(rng, 5);
        for (int i = 0; i < 64; i++) system.AddFrameworkAtom(0, 0, positions[i]);
        for (int g = 64; g < positions.Length; g++) system.AddMolecule(0, [positions[g]]);
        IBoundEnergy bound = new NeuralNetworkEnergy(model).Bind(system);
        var move = new MoveProposal();
        for (int trial = 0; trial < 24; trial++)
        {
            Vec3 somewhere = new Vec3(rng.NextDouble(), rng.NextDouble(), rng.NextDouble()) * 13.0;
            switch (trial % 3)
            {
                case 0:
                    move.Displace(system, (int)(rng.NextDouble() * system.MoleculeCount))[0] = somewhere;
                    break;
                case 1:
                    move.Insert(system, 0)[0] = somewhere;
                    break;
                default:
                    move.Delete(system, (int)(rng.NextDouble() * system.MoleculeCount));
                    break;
            }
            double before = bound.TotalEnergy(system);
            double change = bound.Propose(move);
            system.Apply(move);
            bound.Commit();
            double after = new NeuralNetworkEnergy(model).Bind(system).TotalEnergy(system);
            Assert.True(Math.Abs(after - before - change) < 1e-10, $"trial {trial} ({move.Kind}): local ΔE {change} vs full {after - before}");
            Assert.Equal(after, bound.TotalEnergy(system), 10);
        }
    }

    [Theory]
    [InlineData(-1e9, 1e9, false, 13.0)]   // every environment inside the training range
    [InlineData(-1e9, 1e-9, true, 13.0)]   // every guest environment beyond the largest training value
    [InlineData(-1e9, 1e9, false, 11.0)]   // a box below twice the cutoff: full recomputation, the same rule
    [InlineData(-1e9, 1e-9, true, 11.0)]
    public void Extrapolation_reject_refuses_exactly_the_moves_that_leave_the_training_range(double min, double max, bool outside, double edge)
    {
        using NeuralNetworkPotential trained = Model();
        var range = trained.Descriptors.Elements.Select((_, e) => Enumerable.Repeat(new FunctionStatistics(min, max, 0, 1), trained.Descriptors.CountOf(e)).ToArray()).ToArray();
        var model = new NeuralNetworkPotential(trained.Descriptors, new SymmetryFunctionScaling(ScalingMode.None, 0, 1, range), trained.Networks,
            trained.Normalization, trained.Units, CPU);
        AtomType o = AtomType.Of(Oxygen), c = AtomType.Of(Carbon);
        var system = new ParticleSystem(Cell.Cubic(edge), [o, c], [Species.Atom(c)], 128);
        (Vec3[] positions, _) = Structure(new Rng(3), 3);
        for (int i = 0; i < 64; i++) system.AddFrameworkAtom(0, 0, positions[i]);
        for (int g = 64; g < positions.Length; g++) system.AddMolecule(0, [positions[g]]);
        IBoundEnergy rejecting = new NeuralNetworkEnergy(model, Extrapolation.Reject).Bind(system);
        IBoundEnergy allowing = new NeuralNetworkEnergy(model).Bind(system);
        var move = new MoveProposal();
        move.Insert(system, 0)[0] = new Vec3(5.1, 6.2, 7.3);
        double allowed = allowing.Propose(move);
        Assert.True(double.IsFinite(allowed));
        Assert.Equal(outside ? double.PositiveInfinity : allowed, rejecting.Propose(move));
        move.Displace(system, 1)[0] = new Vec3(1.7, 1.6, 8.0);
        Assert.Equal(outside ? double.PositiveInfinity : allowing.Propose(move), rejecting.Propose(move));
    }

    [Fact]
    public void A_model_file_keeps_its_neighbour_only_element()
    {
        using NeuralNetworkPotential model = Model();
        (Vec3[] positions, Element[] elements) = Structure(new Rng(13), 4);
        string file = Path.Combine(Repository.TemporaryDirectory("nnp-neighbour-only"), "host-guest.nnp.json");
        NativeModelFile.Write(model, file);
        using NeuralNetworkPotential read = NativeModelFile.Read(file, CPU);
        Assert.False(read.Descriptors.IsCentre(1));
        Assert.Equal(model.Predict(Box, positions, elements, false).Energy, read.Predict(Box, positions, elements, false).Energy, 12);
    }
}
