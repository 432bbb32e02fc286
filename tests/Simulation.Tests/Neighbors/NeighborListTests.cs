using MatSim.Simulation.Geometry;
using MatSim.Simulation.Neighbors;
using MatSim.Simulation.Random;
using MatSim.Simulation.Tests.Geometry;

namespace MatSim.Simulation.Tests.Neighbors;

public class NeighborListTests
{
    /// <summary>Every (i, j, image) within the cutoff, by looping over enough images of every pair.</summary>
    private static List<(int I, int J, long X, long Y, long Z)> BruteForce(Cell? cell, Vec3[] r, double cutoff, bool half)
    {
        var pairs = new List<(int, int, long, long, long)>();
        int[] range = [0, 0, 0];
        if (cell != null)
        {
            Vec3 w = cell.PerpendicularWidths;
            // positions may lie up to three cells apart (see RandomPositions)
            range = [(int)Math.Ceiling(cutoff / w.X) + 4, (int)Math.Ceiling(cutoff / w.Y) + 4, (int)Math.Ceiling(cutoff / w.Z) + 4];
        }
        for (int i = 0; i < r.Length; i++)
        for (int j = 0; j < r.Length; j++)
        for (int x = -range[0]; x <= range[0]; x++)
        for (int y = -range[1]; y <= range[1]; y++)
        for (int z = -range[2]; z <= range[2]; z++)
        {
            if (i == j && x == 0 && y == 0 && z == 0) continue;
            Vec3 shift = cell == null ? Vec3.Zero : x * cell.A + y * cell.B + z * cell.C;
            Vec3 d = r[j] + shift - r[i];
            if (d.Length >= cutoff) continue;
            if (half && (j < i || (j == i && !(x > 0 || (x == 0 && (y > 0 || (y == 0 && z > 0))))))) continue;
            pairs.Add(Normalised(Key(i, j, d)));
        }
        return pairs.Order().ToList();
    }

    // Pairs are compared by (i, j, displacement rounded to 1e-6 Å).
    private static (int, int, long, long, long) Key(int i, int j, Vec3 d) =>
        (i, j, (long)Math.Round(d.X * 1e6), (long)Math.Round(d.Y * 1e6), (long)Math.Round(d.Z * 1e6));

    // A self-image (i, i, ±d) is stored once in a half list under either sign; compare it by +d.
    private static (int, int, long, long, long) Normalised((int I, int J, long X, long Y, long Z) key) =>
        key.I == key.J && !(key.X > 0 || (key.X == 0 && (key.Y > 0 || (key.Y == 0 && key.Z > 0))))
            ? (key.I, key.J, -key.X, -key.Y, -key.Z)
            : key;

    private static List<(int I, int J, long X, long Y, long Z)> FromList(NeighborList list)
    {
        var pairs = new List<(int, int, long, long, long)>();
        for (int i = 0; i < list.AtomCount; i++)
        {
            ReadOnlySpan<int> js = list.NeighborsOf(i);
            ReadOnlySpan<Vec3> ds = list.DisplacementsOf(i);
            for (int k = 0; k < js.Length; k++)
            {
                pairs.Add(Normalised(Key(i, js[k], ds[k])));
            }
        }
        return pairs.Order().ToList();
    }

    private static Vec3[] RandomPositions(Rng rng, Cell cell, int n, bool outside) =>
        Enumerable.Range(0, n).Select(_ =>
        {
            double spread = outside ? 3 : 1, offset = outside ? 1 : 0;
            return cell.ToCartesian(new Vec3(spread * rng.NextDouble() - offset, spread * rng.NextDouble() - offset,
                spread * rng.NextDouble() - offset));
        }).ToArray();

    [Theory]
    [InlineData(1, 2.5)]     // cutoff below half the cell
    [InlineData(2, 4.0)]
    [InlineData(3, 7.0)]     // cutoff above half the cell: several images of a neighbour
    [InlineData(4, 13.0)]    // cutoff above the whole cell: images of the atom itself
    public void FullListEqualsBruteForceOnRandomTriclinicCells(ulong seed, double cutoff)
    {
        var rng = new Rng(seed);
        for (int trial = 0; trial < 4; trial++)
        {
            Cell cell = CellTests.RandomTriclinic(rng);
            Vec3[] r = RandomPositions(rng, cell, 40, outside: trial % 2 == 1);
            var list = NeighborList.Build(cell, r, cutoff, NeighborListKind.Full);
            Assert.Equal(BruteForce(cell, r, cutoff, half: false), FromList(list));
        }
    }

    [Theory]
    [InlineData(7, 2.5, 2)]      // a few centres, cutoff below half the cell: the direct search
    [InlineData(8, 2.5, 12)]     // many centres: the binned search
    [InlineData(9, 7.0, 2)]      // a few centres beyond half the cell: binned, several images
    public void AListForSomeCentresHoldsExactlyTheirPairs(ulong seed, double cutoff, int centreCount)
    {
        var rng = new Rng(seed);
        for (int trial = 0; trial < 4; trial++)
        {
            Cell cell = CellTests.RandomTriclinic(rng);
            Vec3[] r = RandomPositions(rng, cell, 40, outside: trial % 2 == 1);
            var centres = new bool[r.Length];
            foreach (int i in rng.Permutation(r.Length).Take(centreCount)) centres[i] = true;
            var list = NeighborList.Build(cell, r, cutoff, NeighborListKind.Full, centres);
            Assert.Equal(BruteForce(cell, r, cutoff, half: false).Where(p => centres[p.I]).ToList(), FromList(list));
        }
    }

    [Theory]
    [InlineData(5, 3.0)]
    [InlineData(6, 9.0)]
    public void HalfListHoldsEachPairOnce(ulong seed, double cutoff)
    {
        var rng = new Rng(seed);
        Cell cell = CellTests.RandomTriclinic(rng);
        Vec3[] r = RandomPositions(rng, cell, 40, outside: true);
        var half = NeighborList.Build(cell, r, cutoff, NeighborListKind.Half);
        var full = NeighborList.Build(cell, r, cutoff, NeighborListKind.Full);
        Assert.Equal(BruteForce(cell, r, cutoff, half: true), FromList(half));
        Assert.Equal(full.EntryCount, 2 * half.EntryCount);
    }

    [Fact]
    public void NonPeriodicClusterHasNoImages()
    {
        var rng = new Rng(7);
        Vec3[] r = Enumerable.Range(0, 60).Select(_ => new Vec3(8 * rng.NextDouble(), 3 * rng.NextDouble(), 20 * rng.NextDouble())).ToArray();
        foreach (double cutoff in new[] { 1.0, 2.5, 30.0 })
        {
            var list = NeighborList.Build(null, r, cutoff, NeighborListKind.Full);
            Assert.Equal(BruteForce(null, r, cutoff, half: false), FromList(list));
        }
    }

    [Fact]
    public void LargeDenseSystemMatchesBruteForceCounts()
    {
        // 1000 atoms in a skewed cell, cutoff small against the cell: the binned path with many bins.
        var rng = new Rng(8);
        Cell cell = Cell.FromParameters(24, 25, 22, 75, 100, 65);
        Vec3[] r = RandomPositions(rng, cell, 1000, outside: false);
        var list = NeighborList.Build(cell, r, 3.5, NeighborListKind.Half);
        int expected = 0;
        for (int i = 0; i < r.Length; i++)
        for (int j = i + 1; j < r.Length; j++)
            if (cell.MinimumImage(r[j] - r[i]).Length < 3.5) expected++;
        Assert.Equal(expected, list.EntryCount);
    }

    [Fact]
    public void RejectsANonPositiveCutoff()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NeighborList.Build(Cell.Cubic(10), [Vec3.Zero], 0));
    }
}
