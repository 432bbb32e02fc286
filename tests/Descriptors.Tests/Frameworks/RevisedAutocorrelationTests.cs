using MatSim.Descriptors.Frameworks;
using MatSim.Simulation.Chemistry;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.Structures;
using Xunit;

namespace MatSim.Descriptors.Tests.Frameworks;

public class RevisedAutocorrelationTests
{
    private static Structure Molecule(string[] symbols, Vec3[] positions, double box = 20) =>
        new(Cell.Cubic(box), symbols.Select(Elements.FromSymbol), positions);

    /// <summary>Water by hand: Z products at depth 0, 1, 2 are (64+1+1)/3, (2·8 + 8 + 8)/3, (1+1)/3; no metals.</summary>
    [Fact]
    public void Water_matches_a_hand_calculation()
    {
        var water = Molecule(["O", "H", "H"], [new(5, 5, 5), new(5.96, 5, 5), new(4.76, 5.93, 5)]);
        var graph = new FrameworkGraph(water);
        Assert.Equal(new[] { 2, 1, 1 }, Enumerable.Range(0, 3).Select(graph.Degree));
        var rac = RevisedAutocorrelations.Compute(water, graph);
        Assert.Equal(66.0 / 3, rac["f-Z-0"], 1e-12);
        Assert.Equal(32.0 / 3, rac["f-Z-1"], 1e-12);
        Assert.Equal(2.0 / 3, rac["f-Z-2"], 1e-12);
        Assert.Equal(0, rac["f-Z-3"]);
        Assert.Equal((4 + 1 + 1) / 3.0, rac["f-T-0"], 1e-12);
        Assert.Equal((3.44 * 3.44 + 2 * 2.2 * 2.2) / 3, rac["f-chi-0"], 1e-12);
        Assert.Equal(0, rac["mc-Z-1"]);
    }

    /// <summary>Linear O–Zn–O: the metal-centred products and differences of Zn with its two oxygens.</summary>
    [Fact]
    public void Metal_centred_terms_start_from_the_metal()
    {
        var zno2 = Molecule(["O", "Zn", "O"], [new(3, 5, 5), new(5, 5, 5), new(7, 5, 5)]);
        var rac = RevisedAutocorrelations.Compute(zno2, new FrameworkGraph(zno2));
        Assert.Equal(30 * 30, rac["mc-Z-0"], 1e-12);
        Assert.Equal(2 * 30 * 8, rac["mc-Z-1"], 1e-12);
        Assert.Equal(2 * (30 - 8), rac["D_mc-Z-1"], 1e-12);
        Assert.Equal(2 * (1.65 - 3.44), rac["D_mc-chi-1"], 1e-12);
        Assert.Equal(0, rac["mc-Z-2"]);
        Assert.False(rac.ContainsKey("D_mc-I-1"));
    }

    /// <summary>A periodic Zn–O chain, its supercell, a permutation and a rotation of the atoms: same descriptors.</summary>
    [Fact]
    public void Invariant_to_supercell_permutation_and_translation()
    {
        var cell = Cell.Orthorhombic(4, 12, 12);
        var chain = new Structure(cell, new[] { "Zn", "O", "C", "H" }.Select(Elements.FromSymbol),
            [new Vec3(0, 6, 6), new Vec3(2, 6, 6), new Vec3(2, 7.4, 6), new Vec3(2, 8.45, 6)]);
        var reference = RevisedAutocorrelations.Compute(chain, new FrameworkGraph(chain));
        var super = chain.Replicate(new Replication(3, 1, 2));
        int[] order = [3, 0, 2, 1];
        var permuted = new Structure(cell, order.Select(i => chain.Elements[i]), order.Select(i => chain.Positions[i] + new Vec3(1.1, -0.4, 2.5)));
        foreach (var other in new[] { super, permuted })
        {
            var values = RevisedAutocorrelations.Compute(other, new FrameworkGraph(other));
            foreach (var (name, value) in reference) Assert.Equal(value, values[name], 1e-9);
        }
        Assert.Equal(2, new FrameworkGraph(chain).Degree(0));   // Zn bonded to two images of the one O of the cell
    }
}
