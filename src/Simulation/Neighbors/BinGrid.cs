using MatSim.Simulation.Geometry;

namespace MatSim.Simulation.Neighbors;

/// <summary>
/// Atoms sorted into bins of a grid over the cell (in fractional coordinates, so it works for
/// triclinic cells), with the bin offsets to scan for a search range. For a periodic cell the
/// positions are wrapped into it and a bin offset beyond the grid maps to a bin and a lattice
/// image; a non-periodic system gets a grid over its bounding box and no images.
/// </summary>
internal sealed class BinGrid
{
    private const int MaxBins = 1 << 21;

    /// <summary>Positions wrapped into the cell (system order).</summary>
    public required Vec3[] Wrapped { get; init; }
    /// <summary>Bin of each atom (system order).</summary>
    public required int[] BinOf { get; init; }
    /// <summary>Atoms sorted by bin; bin b holds SortedAtoms[BinStart[b] .. BinStart[b+1]−1].</summary>
    public required int[] SortedAtoms { get; init; }
    public required int[] BinStart { get; init; }
    /// <summary>Bins along each axis.</summary>
    public required int[] Counts { get; init; }
    /// <summary>Bins to scan on each side along each axis.</summary>
    public required int[] Reach { get; init; }
    public Cell? Cell { get; init; }

    /// <summary>
    /// A grid whose bins are at least range / <paramref name="divisions"/> wide (where the cell
    /// allows), so that all atoms within <paramref name="range"/> of an atom lie within Reach bins.
    /// </summary>
    public static BinGrid Create(Cell? cell, ReadOnlySpan<Vec3> positions, double range, int divisions = 1)
    {
        int n = positions.Length;
        var wrapped = new Vec3[n];
        var fractional = new Vec3[n];
        Vec3 widths;
        if (cell != null)
        {
            widths = cell.PerpendicularWidths;
            for (int i = 0; i < n; i++)
            {
                Vec3 s = cell.ToFractional(positions[i]);
                s = new Vec3(Cell.WrapUnit(s.X), Cell.WrapUnit(s.Y), Cell.WrapUnit(s.Z));
                fractional[i] = s;
                wrapped[i] = cell.ToCartesian(s);
            }
        }
        else
        {
            Vec3 low = new(double.MaxValue, double.MaxValue, double.MaxValue), high = -low;
            foreach (Vec3 r in positions)
            {
                low = new Vec3(Math.Min(low.X, r.X), Math.Min(low.Y, r.Y), Math.Min(low.Z, r.Z));
                high = new Vec3(Math.Max(high.X, r.X), Math.Max(high.Y, r.Y), Math.Max(high.Z, r.Z));
            }
            if (n == 0) low = high = Vec3.Zero;
            widths = high - low;
            for (int i = 0; i < n; i++)
            {
                Vec3 d = positions[i] - low;
                fractional[i] = new Vec3(
                    widths.X > 0 ? d.X / widths.X : 0, widths.Y > 0 ? d.Y / widths.Y : 0, widths.Z > 0 ? d.Z / widths.Z : 0);
                wrapped[i] = positions[i];
            }
        }

        int[] counts = new int[3];
        for (int axis = 0; axis < 3; axis++) counts[axis] = Math.Max(1, (int)Math.Floor(widths[axis] * divisions / range));
        long limit = Math.Max(27, Math.Min(MaxBins, 8L * n));
        while ((long)counts[0] * counts[1] * counts[2] > limit)
        {
            int largest = counts[0] >= counts[1] && counts[0] >= counts[2] ? 0 : counts[1] >= counts[2] ? 1 : 2;
            counts[largest] = Math.Max(1, counts[largest] / 2);
        }
        // A neighbour within the range differs by at most range / width in the fractional
        // coordinate of each axis, hence by at most ceil(range · count / width) bins.
        int[] reach = new int[3];
        for (int axis = 0; axis < 3; axis++)
        {
            reach[axis] = widths[axis] > 0 ? (int)Math.Ceiling(range * counts[axis] / widths[axis] - 1e-12) : 0;
            if (cell == null) reach[axis] = Math.Min(reach[axis], counts[axis]);
        }

        int binCount = counts[0] * counts[1] * counts[2];
        int[] binOf = new int[n];
        int[] binStart = new int[binCount + 1];
        for (int i = 0; i < n; i++)
        {
            Vec3 s = fractional[i];
            int bx = Math.Min(counts[0] - 1, (int)(s.X * counts[0]));
            int by = Math.Min(counts[1] - 1, (int)(s.Y * counts[1]));
            int bz = Math.Min(counts[2] - 1, (int)(s.Z * counts[2]));
            binOf[i] = (bx * counts[1] + by) * counts[2] + bz;
            binStart[binOf[i] + 1]++;
        }
        for (int b = 0; b < binCount; b++) binStart[b + 1] += binStart[b];
        int[] fill = (int[])binStart.Clone();
        int[] sorted = new int[n];
        for (int i = 0; i < n; i++) sorted[fill[binOf[i]]++] = i;
        return new BinGrid
        {
            Wrapped = wrapped, BinOf = binOf, SortedAtoms = sorted, BinStart = binStart, Counts = counts, Reach = reach, Cell = cell,
        };
    }

    public void BinIndices(int bin, Span<int> index)
    {
        index[2] = bin % Counts[2];
        index[1] = bin / Counts[2] % Counts[1];
        index[0] = bin / (Counts[2] * Counts[1]);
    }

    /// <summary>
    /// The bin at offset (dx, dy, dz) from <paramref name="home"/>: wrapped into the grid with the
    /// lattice image it lies in (periodic), or false when outside the grid (non-periodic).
    /// </summary>
    public bool TryNeighborBin(ReadOnlySpan<int> home, int dx, int dy, int dz, out int bin, out Vec3 shift,
        out int ix, out int iy, out int iz)
    {
        int bx = home[0] + dx, by = home[1] + dy, bz = home[2] + dz;
        if (Cell == null)
        {
            ix = iy = iz = 0;
            shift = Vec3.Zero;
            bin = 0;
            if (bx < 0 || by < 0 || bz < 0 || bx >= Counts[0] || by >= Counts[1] || bz >= Counts[2]) return false;
        }
        else
        {
            ix = FloorDiv(bx, Counts[0]);
            iy = FloorDiv(by, Counts[1]);
            iz = FloorDiv(bz, Counts[2]);
            bx -= ix * Counts[0];
            by -= iy * Counts[1];
            bz -= iz * Counts[2];
            shift = ix * Cell.A + iy * Cell.B + iz * Cell.C;
        }
        bin = (bx * Counts[1] + by) * Counts[2] + bz;
        return true;
    }

    private static int FloorDiv(int a, int b) => a >= 0 ? a / b : -((-a + b - 1) / b);
}
