using MatSim.Simulation.Chemistry;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.Neighbors;
using MatSim.Simulation.Random;
using MatSim.Simulation.Systems;
using MatSim.Simulation.Tests.Geometry;

namespace MatSim.Simulation.Tests.Neighbors;

public class VerletListTests
{
    private static readonly AtomType Atom = AtomType.Of(Elements.FromSymbol("Ar"));

    /// <summary>Pairs of the Verlet list as (lower system index, higher, rounded displacement).</summary>
    private static List<(int, int, long, long, long)> Pairs(VerletList list)
    {
        var pairs = new List<(int, int, long, long, long)>();
        for (int i = 0; i < list.Count; i++)
        for (int k = list.Start[i]; k < list.Start[i + 1]; k++)
        {
            int j = list.Neighbor[k];
            int owner = j < list.Count ? j : list.Owner[j - list.Count];
            var d = new Vec3(list.Positions[3 * j] - list.Positions[3 * i], list.Positions[3 * j + 1] - list.Positions[3 * i + 1],
                list.Positions[3 * j + 2] - list.Positions[3 * i + 2]);
            int a = list.Order[i], b = list.Order[owner];
            pairs.Add(Normalised(a, b, d));
        }
        return pairs.Order().ToList();
    }

    private static (int, int, long, long, long) Normalised(int a, int b, Vec3 d)
    {
        if (a > b || (a == b && (d.X < 0 || (d.X == 0 && (d.Y < 0 || (d.Y == 0 && d.Z < 0)))))) (a, b, d) = (b, a, -d);
        return (a, b, (long)Math.Round(d.X * 1e6), (long)Math.Round(d.Y * 1e6), (long)Math.Round(d.Z * 1e6));
    }

    private static List<(int, int, long, long, long)> Reference(ParticleSystem system, double range)
    {
        var list = NeighborList.Build(system.Cell, system.Positions, range, NeighborListKind.Half);
        var pairs = new List<(int, int, long, long, long)>();
        ReadOnlySpan<int> molecule = system.MoleculeOfAtom;
        for (int i = 0; i < system.Count; i++)
        {
            ReadOnlySpan<int> js = list.NeighborsOf(i);
            ReadOnlySpan<Vec3> ds = list.DisplacementsOf(i);
            for (int k = 0; k < js.Length; k++)
            {
                int j = js[k];
                if (i < system.FrameworkAtomCount && j < system.FrameworkAtomCount) continue;
                if (molecule[i] >= 0 && molecule[i] == molecule[j] && i != j) continue;
                pairs.Add(Normalised(i, j, ds[k]));
            }
        }
        return pairs.Order().ToList();
    }

    [Theory]
    [InlineData(1, 20, 2.5, 0.3)]
    [InlineData(2, 200, 3.0, 0.5)]
    [InlineData(3, 60, 6.0, 1.0)]    // range beyond half the cell: ghosts of several images and of the atom itself
    public void HoldsExactlyThePairsWithinRangeOnTriclinicCells(ulong seed, int atoms, double cutoff, double skin)
    {
        var rng = new Rng(seed);
        Cell cell = CellTests.RandomTriclinic(rng);
        var system = new ParticleSystem(cell, [Atom], [Species.Atom(Atom)]);
        for (int i = 0; i < atoms; i++)
            system.AddMolecule(0, [cell.ToCartesian(new Vec3(3 * rng.NextDouble() - 1, 3 * rng.NextDouble() - 1, 3 * rng.NextDouble() - 1))]);
        var list = new VerletList(cutoff, skin);
        list.Update(system);
        Assert.Equal(Reference(system, cutoff + skin), Pairs(list));
    }

    [Fact]
    public void LeavesOutPairsInsideMoleculesAndInsideTheFramework()
    {
        var rng = new Rng(9);
        Cell cell = Cell.Cubic(12);
        var dimer = new Species("dimer", ["Ar", "Ar"], [0.0, 0.0], [Vec3.Zero, new Vec3(1.2, 0, 0)], [40.0, 40.0]);
        var system = new ParticleSystem(cell, [Atom], [dimer]);
        for (int i = 0; i < 30; i++) system.AddFrameworkAtom(0, 0, new Vec3(12 * rng.NextDouble(), 12 * rng.NextDouble(), 12 * rng.NextDouble()));
        var r = new Vec3[2];
        for (int m = 0; m < 40; m++)
        {
            dimer.Place(new Vec3(12 * rng.NextDouble(), 12 * rng.NextDouble(), 12 * rng.NextDouble()), rng.NextRotation(), r);
            system.AddMolecule(0, r);
        }
        var list = new VerletList(4.0, 0.5);
        list.Update(system);
        Assert.Equal(Reference(system, 4.5), Pairs(list));
    }

    [Fact]
    public void RebuildsOnlyWhenTheTwoLargestDisplacementsExceedTheSkin()
    {
        var system = new ParticleSystem(Cell.Cubic(10), [Atom], [Species.Atom(Atom)]);
        LatticeFill.Fill(system, 0, 64, LatticeKind.SimpleCubic, new Rng(1));
        var list = new VerletList(3.0, 0.4);
        Assert.True(list.Update(system));
        int local = Array.IndexOf(list.Order, 5);
        double before = list.Positions[3 * local];
        system.Positions[5] += new Vec3(0.19, 0, 0);
        system.PositionsChanged();
        Assert.False(list.Update(system));
        Assert.Equal(before + 0.19, list.Positions[3 * local], 1e-12);   // coordinates follow without a rebuild
        system.Positions[9] += new Vec3(0, 0.2, 0);      // 0.19 + 0.2 < 0.4: still valid
        system.PositionsChanged();
        Assert.False(list.Update(system));
        system.Positions[9] += new Vec3(0, 0.02, 0);     // 0.19 + 0.22 > 0.4: rebuild
        system.PositionsChanged();
        Assert.True(list.Update(system));
        Assert.Equal(2, list.Builds);
    }
}
