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

    /// <summary>Builds the list for positions in a cell (null: non-periodic).</summary>
    public static NeighborList Build(Cell? cell, ReadOnlySpan<Vec3> positions, double cutoff, NeighborListKind kind = NeighborListKind.Full)
    {
        if (!(cutoff > 0) || !double.IsFinite(cutoff))
            throw new ArgumentOutOfRangeException(nameof(cutoff), cutoff, "cutoff must be a positive number");
        int n = positions.Length;
        Binning bins = cell != null ? Binning.Periodic(cell, positions, cutoff) : Binning.Open(positions, cutoff);
        var counts = new List<int>(n + 1) { 0 };
        var found = new List<int>(n * 16);
        var vectors = new List<Vec3>(n * 16);
        double cutoff2 = cutoff * cutoff;
        Span<int> home = stackalloc int[3];
        for (int i = 0; i < n; i++)
        {
            bins.BinOf(i, home);
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
                    int j = bins.Atoms[slot];
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

    /// <summary>Atoms sorted into bins no thinner than the cutoff (except where the cell is thinner).</summary>
    private sealed class Binning
    {
        private const int MaxBins = 1 << 21;

        public required Vec3[] Wrapped { get; init; }
        public required int[] Counts { get; init; }       // bins along each axis
        public required int[] Reach { get; init; }        // bins to scan on each side
        public required int[] BinStart { get; init; }
        public required int[] Atoms { get; init; }
        public required int[] AtomBin { get; init; }
        public Cell? Cell { get; init; }

        public void BinOf(int atom, Span<int> index)
        {
            int b = AtomBin[atom];
            index[2] = b % Counts[2];
            index[1] = b / Counts[2] % Counts[1];
            index[0] = b / (Counts[2] * Counts[1]);
        }

        /// <summary>
        /// The bin at offset (dx, dy, dz) from <paramref name="home"/>: wrapped into the cell with
        /// the image it lies in (periodic), or false when it lies outside the grid (non-periodic).
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

        public static Binning Periodic(Cell cell, ReadOnlySpan<Vec3> positions, double cutoff)
        {
            Vec3 widths = cell.PerpendicularWidths;
            int[] counts = new int[3];
            int[] reach = new int[3];
            for (int axis = 0; axis < 3; axis++)
            {
                counts[axis] = Math.Max(1, (int)Math.Floor(widths[axis] / cutoff));
            }
            LimitBinCount(counts, positions.Length);
            // A neighbour within the cutoff differs by at most cutoff / width in fractional
            // coordinate along each axis, hence by at most ceil(cutoff · count / width) bins.
            for (int axis = 0; axis < 3; axis++)
                reach[axis] = (int)Math.Ceiling(cutoff * counts[axis] / widths[axis] - 1e-12);
            var wrapped = new Vec3[positions.Length];
            var fractional = new Vec3[positions.Length];
            for (int i = 0; i < positions.Length; i++)
            {
                Vec3 s = cell.ToFractional(positions[i]);
                s = new Vec3(Cell.WrapUnit(s.X), Cell.WrapUnit(s.Y), Cell.WrapUnit(s.Z));
                fractional[i] = s;
                wrapped[i] = cell.ToCartesian(s);
            }
            return Sort(wrapped, fractional, counts, reach, cell);
        }

        public static Binning Open(ReadOnlySpan<Vec3> positions, double cutoff)
        {
            Vec3 low = new(double.MaxValue, double.MaxValue, double.MaxValue);
            Vec3 high = -low;
            foreach (Vec3 r in positions)
            {
                low = new Vec3(Math.Min(low.X, r.X), Math.Min(low.Y, r.Y), Math.Min(low.Z, r.Z));
                high = new Vec3(Math.Max(high.X, r.X), Math.Max(high.Y, r.Y), Math.Max(high.Z, r.Z));
            }
            if (positions.Length == 0) low = high = Vec3.Zero;
            Vec3 extent = high - low;
            int[] counts = new int[3];
            for (int axis = 0; axis < 3; axis++)
                counts[axis] = Math.Max(1, (int)Math.Floor(extent[axis] / cutoff));
            LimitBinCount(counts, positions.Length);
            int[] reach = new int[3];
            var fractional = new Vec3[positions.Length];
            for (int axis = 0; axis < 3; axis++)
            {
                double binWidth = extent[axis] / counts[axis];
                reach[axis] = binWidth > 0 ? Math.Min(counts[axis], (int)Math.Ceiling(cutoff / binWidth - 1e-12)) : 0;
            }
            for (int i = 0; i < positions.Length; i++)
            {
                Vec3 d = positions[i] - low;
                fractional[i] = new Vec3(
                    extent.X > 0 ? d.X / extent.X : 0, extent.Y > 0 ? d.Y / extent.Y : 0, extent.Z > 0 ? d.Z / extent.Z : 0);
            }
            return Sort(positions.ToArray(), fractional, counts, reach, null);
        }

        // Very small cutoffs in large cells would make more bins than atoms are worth.
        private static void LimitBinCount(int[] counts, int atoms)
        {
            long limit = Math.Max(27, Math.Min(MaxBins, 8L * atoms));
            while ((long)counts[0] * counts[1] * counts[2] > limit)
            {
                int largest = counts[0] >= counts[1] && counts[0] >= counts[2] ? 0 : counts[1] >= counts[2] ? 1 : 2;
                counts[largest] = Math.Max(1, counts[largest] / 2);
            }
        }

        private static Binning Sort(Vec3[] wrapped, Vec3[] fractional, int[] counts, int[] reach, Cell? cell)
        {
            int binCount = counts[0] * counts[1] * counts[2];
            int[] atomBin = new int[wrapped.Length];
            int[] binStart = new int[binCount + 1];
            for (int i = 0; i < wrapped.Length; i++)
            {
                Vec3 s = fractional[i];
                int bx = Math.Min(counts[0] - 1, (int)(s.X * counts[0]));
                int by = Math.Min(counts[1] - 1, (int)(s.Y * counts[1]));
                int bz = Math.Min(counts[2] - 1, (int)(s.Z * counts[2]));
                atomBin[i] = (bx * counts[1] + by) * counts[2] + bz;
                binStart[atomBin[i] + 1]++;
            }
            for (int b = 0; b < binCount; b++) binStart[b + 1] += binStart[b];
            int[] fill = (int[])binStart.Clone();
            int[] atoms = new int[wrapped.Length];
            for (int i = 0; i < wrapped.Length; i++) atoms[fill[atomBin[i]]++] = i;
            return new Binning
            {
                Wrapped = wrapped, Counts = counts, Reach = reach, BinStart = binStart, Atoms = atoms,
                AtomBin = atomBin, Cell = cell,
            };
        }
    }
}
