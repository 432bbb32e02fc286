using System.Globalization;
using MatSim.Descriptors.SymmetryFunctions;
using MatSim.Potentials.AtomCentred;
using MatSim.Potentials.NeuralNetworks;
using MatSim.Simulation.Energy;
using MatSim.Simulation.Errors;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.Systems;
using MatSim.TestSupport;

namespace MatSim.Potentials.Tests.NeuralNetworks;

/// <summary>
/// Symmetry-function values outside a model's training range (n2p2's extrapolation warnings) are found where they are
/// and only there, counted as a hand count from scaling.data gives them, and counted, refused or stopped on in engines.
/// </summary>
public sealed class ExtrapolationWarningTests
{
    [Fact]
    public void A_compressed_water_frame_is_flagged_with_the_counts_scaling_data_gives()
    {
        using NeuralNetworkPotential model = WaterModel.Load();
        var frame = WaterModel.Structure().Structure;
        FunctionStatistics[][] range = ReadScalingData(Path.Combine(Repository.RequireShared(WaterModel.Folder), "scaling.data"), model.Descriptors);
        Assert.Equal(0, Outside(model, frame, 1.0).Count);
        // n2p2's training set spans densities up to a 12 % linear compression of this frame; 15 % leaves it
        Assert.Equal(0, Outside(model, frame, 0.88).Count);
        ExtrapolationCount compressed = Outside(model, frame, 0.85);
        Assert.True(compressed.Count > 0);

        StructureDescriptors d = Descriptors(model, frame, 0.85);
        int total = 0;
        for (int e = 0; e < range.Length; e++)
        {
            int n = model.Descriptors.CountOf(e);
            var byHand = new int[n];
            foreach (int i in d.AtomsOf(e))
                for (int f = 0; f < n; f++)
                    if (d.Of(i)[f] < range[e][f].Min || d.Of(i)[f] > range[e][f].Max) byHand[f]++;
            Assert.Equal(byHand, compressed.PerFunction(e).ToArray());
            total += byHand.Sum();
        }
        Assert.Equal(total, compressed.Count);
    }

    /// <summary>scaling.data of n2p2's own training of these clusters covers every training frame (their extremes included).</summary>
    [Fact]
    public void No_training_frame_is_flagged()
    {
        var reference = new N2p2Reference("n2p2-train-xtb-water");
        using NeuralNetworkPotential model = reference.Load();
        int frames = 0;
        foreach (var frame in reference.Structures())
        {
            var s = frame.Structure;
            ExtrapolationCount outside = ExtrapolationCount.Find(DescriptorCalculator.Compute(model.Descriptors, s.Cell, s.Positions, s.Elements), model.Scaling.Statistics);
            Assert.True(outside.Count == 0, $"frame {frames + 1}: {outside.DescribeWorst()}");
            frames++;
        }
        Assert.Equal(600, frames);
    }

    [Fact]
    public void Engines_count_used_evaluations_outside_the_range_refuse_them_or_stop_at_the_limit()
    {
        using NeuralNetworkPotential model = WaterModel.Load();
        ParticleSystem system = WaterSystem(SmallWater.Box(13.0));
        var counting = (IDomainWatch)new NeuralNetworkEnergy(model).Bind(system);
        ((IBoundEnergy)counting).TotalEnergy(system);
        DomainExcursions start = counting.Excursions;   // the cut-out box's faces already hold a few unusual environments
        Assert.Equal(ExtrapolationCount.Find(Descriptors(model, Structure(system), 1.0), model.Scaling.Statistics).Count, start.Values);
        var where = new SourceLocation("test.yaml", 3, 5);
        var refusing = (IDomainWatch)new NeuralNetworkEnergy(model, Extrapolation.Reject).Bind(system);
        var stopping = (IDomainWatch)new NeuralNetworkEnergy(model, Extrapolation.Allow, new ExtrapolationLimit(start.Values, where)).Bind(system);
        foreach (IDomainWatch watch in new[] { refusing, stopping })
        {
            ((IBoundEnergy)watch).TotalEnergy(system);
            Assert.Equal(start, watch.Excursions);
        }

        // a hydrogen pushed to 0.55 Å from its oxygen: functions no training structure reached
        var move = new MoveProposal();
        move.Displace(system, 1)[0] = system.Positions[0] + new Vec3(0.55, 0, 0);
        double change = ((IBoundEnergy)counting).Propose(move);
        Assert.True(double.IsFinite(change));
        Assert.Equal(start.Evaluations + 1, counting.Excursions.Evaluations);
        Assert.True(counting.Excursions.Values > start.Values);
        Assert.Contains("training range", counting.Latest);

        Assert.Equal(double.PositiveInfinity, ((IBoundEnergy)refusing).Propose(move));
        Assert.Equal(start, refusing.Excursions);   // a refused move used no extrapolated answer

        var stop = Assert.Throws<InputException>(() => ((IBoundEnergy)stopping).Propose(move));
        Assert.Equal(where, stop.Location);
        Assert.Contains($"max_extrapolation_warnings = {start.Values}", stop.Message);
    }

    private static ParticleSystem WaterSystem(Simulation.Structures.Structure water)
    {
        AtomType h = AtomType.Of(water.Elements.First(e => e.Symbol == "H")), o = AtomType.Of(water.Elements.First(e => e.Symbol == "O"));
        var system = new ParticleSystem(water.Cell, [o, h], [Species.Atom(o), Species.Atom(h)], water.Count);
        for (int i = 0; i < water.Count; i++) system.AddMolecule(water.Elements[i].Symbol == "O" ? 0 : 1, [water.Positions[i]]);
        return system;
    }

    private static Simulation.Structures.Structure Structure(ParticleSystem system) =>
        new(system.Cell, Enumerable.Range(0, system.Count).Select(i => system.Types[system.TypeIndices[i]].Element).ToArray(), system.Positions.ToArray());

    private static StructureDescriptors Descriptors(NeuralNetworkPotential model, Simulation.Structures.Structure s, double factor)
    {
        var cell = new Cell(factor * s.Cell!.A, factor * s.Cell.B, factor * s.Cell.C);
        return DescriptorCalculator.Compute(model.Descriptors, cell, s.Positions.ToArray().Select(r => factor * r).ToArray(), s.Elements);
    }

    private static ExtrapolationCount Outside(NeuralNetworkPotential model, Simulation.Structures.Structure s, double factor) =>
        ExtrapolationCount.Find(Descriptors(model, s, factor), model.Scaling.Statistics);

    /// <summary>n2p2's scaling.data read here, independently of the model reader: element index, function index, min, max, mean, sigma.</summary>
    private static FunctionStatistics[][] ReadScalingData(string path, DescriptorSet set)
    {
        var result = set.Elements.Select((_, e) => new FunctionStatistics[set.CountOf(e)]).ToArray();
        foreach (string line in File.ReadLines(path).Where(l => !l.StartsWith('#') && l.Trim().Length > 0))
        {
            double[] v = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray();
            result[(int)v[0] - 1][(int)v[1] - 1] = new FunctionStatistics(v[2], v[3], v[4], v[5]);
        }
        return result;
    }
}
