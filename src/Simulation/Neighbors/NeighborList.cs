using MatSim.Simulation.Geometry;

namespace MatSim.Simulation.Neighbors;

/// <summary>Whether each pair is stored once (half) or under both atoms (full).</summary>
public enum NeighborListKind
{
    /// <summary>Every neighbour of every atom, so each pair appears twice (i→j and j→i).</summary>
    Full,
    /// <summary>Each pair once: under the lower index, and an atom's own images once per ± pair.</summary>
    Half,
}

/// <summary>
/// All pairs (i, j, image) closer than a cutoff, found with a cell list in O(N). Correct for
/// triclinic cells and for cutoffs larger than half the cell (an atom then sees several images of
/// a neighbour, and images of itself). For a non-periodic structure (no cell) no images exist.
/// Stored compressed by atom: the neighbours of atom i are entries Start(i) .. Start(i+1)-1.
/// </summary>
public sealed class NeighborList
{
    private readonly int[] start;
    private readonly int[] neighbors;
    private readonly Vec3[] displacements;

    public double Cutoff { get; }
    public NeighborListKind Kind { get; }
    public int AtomCount => start.Length - 1;
    /// <summary>Number of stored entries (twice the number of pairs for a full list).</summary>
    public int EntryCount => neighbors.Length;

    private NeighborList(double cutoff, NeighborListKind kind, int[] start, int[] neighbors, Vec3[] displacements)
    {
        Cutoff = cutoff;
        Kind = kind;
        this.start = start;
        this.neighbors = neighbors;
        this.displacements = displacements;
    }

    /// <summary>Indices of the neighbours of atom i (an index repeats once per image within the cutoff).</summary>
    public ReadOnlySpan<int> NeighborsOf(int i) => neighbors.AsSpan(start[i], start[i + 1] - start[i]);

    /// <summary>Displacements r_j + image − r_i (Å) matching <see cref="NeighborsOf"/>.</summary>
    public ReadOnlySpan<Vec3> DisplacementsOf(int i) => displacements.AsSpan(start[i], start[i + 1] - start[i]);

    /// <summary>
    /// Builds the list for positions in a cell (null: non-periodic). With <paramref name="centres"/> only the atoms
    /// marked there get their neighbours listed (all atoms are still candidates as neighbours): a few centres among
    /// many atoms, as for guests in a framework, cost their own neighbours only.
    /// </summary>
    public static NeighborList Build(Cell? cell, ReadOnlySpan<Vec3> positions, double cutoff, NeighborListKind kind = NeighborListKind.Full,
        bool[]? centres = null)
    {
        if (!(cutoff > 0) || !double.IsFinite(cutoff))
            throw new ArgumentOutOfRangeException(nameof(cutoff), cutoff, "cutoff must be a positive number");
        int n = positions.Length;
        int listed = centres == null ? n : centres.Count(c => c);
        if (centres != null && listed <= DirectCentres && kind == NeighborListKind.Full && (cell == null || cutoff < cell.MaxMinimumImageCutoff))
            return Direct(cell, positions, cutoff, centres);
        BinGrid bins = BinGrid.Create(cell, positions, cutoff);
        var counts = new List<int>(n + 1) { 0 };
        var found = new List<int>(listed * 16);
        var vectors = new List<Vec3>(listed * 16);
        double cutoff2 = cutoff * cutoff;
        Span<int> home = stackalloc int[3];
        for (int i = 0; i < n; i++)
        {
            if (centres != null && !centres[i])
            {
                counts.Add(found.Count);
                continue;
            }
            bins.BinIndices(bins.BinOf[i], home);
            Vec3 ri = bins.Wrapped[i];
            for (int dx = -bins.Reach[0]; dx <= bins.Reach[0]; dx++)
            for (int dy = -bins.Reach[1]; dy <= bins.Reach[1]; dy++)
            for (int dz = -bins.Reach[2]; dz <= bins.Reach[2]; dz++)
            {
                if (!bins.TryNeighborBin(home, dx, dy, dz, out int bin, out Vec3 shift, out int ix, out int iy, out int iz)) continue;
                bool zeroShift = ix == 0 && iy == 0 && iz == 0;
                bool positiveShift = ix > 0 || (ix == 0 && (iy > 0 || (iy == 0 && iz > 0)));
                for (int slot = bins.BinStart[bin]; slot < bins.BinStart[bin + 1]; slot++)
                {
                    int j = bins.SortedAtoms[slot];
                    if (kind == NeighborListKind.Half)
                    {
                        // keep (i, j, image) with i < j, and an atom's own images with positive shift only
                        if (j < i || (j == i && !positiveShift)) continue;
                    }
                    else if (j == i && zeroShift)
                    {
                        continue;
                    }
                    Vec3 d = bins.Wrapped[j] + shift - ri;
                    if (d.LengthSquared < cutoff2)
                    {
                        found.Add(j);
                        vectors.Add(d);
                    }
                }
            }
            counts.Add(found.Count);
        }
        return new NeighborList(cutoff, kind, counts.ToArray(), found.ToArray(), vectors.ToArray());
    }

    /// <summary>Up to this many centres are searched against every atom directly, without binning them all.</summary>
    private const int DirectCentres = 4;

    /// <summary>
    /// The neighbours of a few centres by a direct search over all atoms (a Monte Carlo move's neighbourhood among
    /// thousands of framework atoms), for a cutoff below half the cell's width (one image per pair), in atom order.
    /// </summary>
    private static NeighborList Direct(Cell? cell, ReadOnlySpan<Vec3> positions, double cutoff, bool[] centres)
    {
        int n = positions.Length;
        var start = new int[n + 1];
        var found = new List<int>();
        var vectors = new List<Vec3>();
        double cutoff2 = cutoff * cutoff;
        for (int i = 0; i < n; i++)
        {
            start[i] = found.Count;
            if (!centres[i]) continue;
            Vec3 ri = positions[i];
            for (int j = 0; j < n; j++)
            {
                if (j == i) continue;
                Vec3 d = positions[j] - ri;
                if (cell != null) d = cell.MinimumImage(d);
                if (d.LengthSquared >= cutoff2) continue;
                found.Add(j);
                vectors.Add(d);
            }
        }
        start[n] = found.Count;
        return new NeighborList(cutoff, NeighborListKind.Full, start, found.ToArray(), vectors.ToArray());
    }
}
