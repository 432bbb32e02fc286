using MatSim.Simulation.Chemistry;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.Structures;

namespace MatSim.Simulation.Tests.Structures;

public class StructureTests
{
    private static Structure Water(Cell? cell) => new(
        cell,
        [Elements.FromSymbol("O"), Elements.FromSymbol("H"), Elements.FromSymbol("H")],
        [new Vec3(1, 1, 1), new Vec3(1.8, 1.6, 1), new Vec3(0.2, 1.6, 1)],
        ["OW", "HW", "HW"],
        [-0.8476, 0.4238, 0.4238],
        [0, 0, 0]);

    [Fact]
    public void CloneCopiesPositionsAndSharesTheRest()
    {
        Structure original = Water(Cell.Cubic(10));
        Structure copy = original.Clone();
        copy.Positions[0] = new Vec3(5, 5, 5);
        Assert.Equal(new Vec3(1, 1, 1), original.Positions[0]);
        Assert.True(original.Types == copy.Types);        // same immutable array
        Assert.True(original.Charges == copy.Charges);
        Assert.Same(original.Cell, copy.Cell);
    }

    [Fact]
    public void ReplicateRepeatsAtomsAndRenumbersMolecules()
    {
        Structure water = Water(Cell.Orthorhombic(10, 11, 12));
        Structure big = water.Replicate(new Replication(2, 3, 1));
        Assert.Equal(18, big.Count);
        Assert.Equal(6 * water.Cell!.Volume, big.Cell!.Volume, 1e-9);
        Assert.Equal(6, big.Molecules.Distinct().Count());
        Assert.Equal(6 * water.TotalCharge, big.TotalCharge, 1e-12);
        // replica (0, 1, 0) is the second one, shifted by b
        Assert.Equal(water.Positions[2] + water.Cell.B, big.Positions[3 + 2]);
        Assert.Equal("H2O", water.Formula);
        Assert.Equal("H12O6", big.Formula);
    }

    [Fact]
    public void FormulaUsesHillOrder()
    {
        var atoms = new[] { "Zn", "O", "C", "H", "C" }.Select(Elements.FromSymbol).ToArray();
        var s = new Structure(null, atoms, atoms.Select((_, i) => new Vec3(i, 0, 0)));
        Assert.Equal("C2HOZn", s.Formula);
        var noCarbon = new Structure(null, [Elements.FromSymbol("Si"), Elements.FromSymbol("O"), Elements.FromSymbol("O")],
            [Vec3.Zero, new Vec3(1, 0, 0), new Vec3(2, 0, 0)]);
        Assert.Equal("O2Si", noCarbon.Formula);
    }

    [Fact]
    public void MismatchedArraysAndNonFinitePositionsAreRejected()
    {
        Element o = Elements.FromSymbol("O");
        Assert.Throws<ArgumentException>(() => new Structure(null, [o, o], [Vec3.Zero]));
        Assert.Throws<ArgumentException>(() => new Structure(null, [o], [Vec3.Zero], charges: [1.0, 2.0]));
        Assert.Throws<ArgumentException>(() => new Structure(null, [o], [new Vec3(double.NaN, 0, 0)]));
        Assert.Throws<InvalidOperationException>(() => new Structure(null, [o], [Vec3.Zero]).Replicate(new Replication(2, 1, 1)));
    }

    [Fact]
    public void WrappedKeepsEveryAtomInsideTheCell()
    {
        Structure water = Water(Cell.Cubic(1.5));
        Structure wrapped = water.Wrapped();
        foreach (Vec3 r in wrapped.Positions)
        {
            Vec3 s = wrapped.Cell!.ToFractional(r);
            Assert.InRange(s.X, 0, 1);
            Assert.InRange(s.Y, 0, 1);
            Assert.InRange(s.Z, 0, 1);
        }
    }
}
