using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.Systems;

namespace MatSim.Simulation.Neighbors;

/// <summary>
/// A half Verlet list with a skin for pair potentials in MD and full evaluations: pairs within
/// cutoff + skin, rebuilt only when the two largest displacements since the last build add up to
/// more than the skin, when atoms were added or removed, or when the cell changed. Pairs inside one rigid
/// molecule and framework–framework pairs are left out (their energy is constant).
/// <para>
/// Layout for fast kernels: atoms live in a local, spatially sorted order with interleaved
/// coordinates <see cref="Positions"/> (x, y, z per atom). A neighbour across the cell boundary is
/// a ghost — a periodic copy appended after the real atoms with its own coordinates — so a kernel
/// never adds image shifts; forces on ghosts are folded back onto their owners
/// (<see cref="FoldGhostForces"/>). Each pair appears once, under its lower local index.
/// </para>
/// </summary>
public sealed class VerletList(double cutoff, double skin)
{
    private Vec3[] positionsAtBuild = [];
    private Vec3[] wrapShift = [];      // per local real atom: wrapped − system position
    private Vec3[] ghostShift = [];     // per ghost: lattice translation from its owner
    private long topologyAtBuild = -1;
    private Cell? cellAtBuild;
    private bool built;

    public double Cutoff { get; } = cutoff;
    public double Skin { get; } = skin;
    /// <summary>Real atoms (local indices 0 .. Count−1).</summary>
    public int Count { get; private set; }
    /// <summary>Real atoms and ghosts.</summary>
    public int TotalCount { get; private set; }
    /// <summary>Local real index → system atom index.</summary>
    public int[] Order { get; private set; } = [];
    /// <summary>Ghost local index − Count → local real index of its owner.</summary>
    public int[] Owner { get; private set; } = [];
    /// <summary>x, y, z of every local atom (real, then ghosts).</summary>
    public double[] Positions { get; private set; } = [];
    /// <summary>Neighbours of local real atom i: Neighbor[Start[i] .. Start[i+1]−1] (local indices, ghosts included).</summary>
    public int[] Start { get; private set; } = [];
    public int[] Neighbor { get; private set; } = [];
    public int Builds { get; private set; }

    /// <summary>Forces a rebuild at the next update (after a restart, so that both paths build alike).</summary>
    public void Invalidate() => built = false;

    /// <summary>Brings the list up to date with the system; true when it was rebuilt.</summary>
    public bool Update(ParticleSystem system)
    {
        bool rebuild = !built || system.TopologyVersion != topologyAtBuild || !ReferenceEquals(system.Cell, cellAtBuild) ||
            MovedBeyondSkin(system.Positions);
        if (rebuild) Build(system);
        else RefreshCoordinates(system.Positions);
        return rebuild;
    }

    /// <summary>Adds the forces accumulated on ghosts (interleaved, TotalCount atoms) to their owners.</summary>
    public void FoldGhostForces(double[] forces)
    {
        for (int g = 0; g < TotalCount - Count; g++)
        {
            int ghost = 3 * (Count + g), owner = 3 * Owner[g];
            forces[owner] += forces[ghost];
            forces[owner + 1] += forces[ghost + 1];
            forces[owner + 2] += forces[ghost + 2];
        }
    }

    // No pair can have come from beyond cutoff + skin to within the cutoff while the two largest
    // displacements since the build add up to less than the skin.
    private bool MovedBeyondSkin(ReadOnlySpan<Vec3> positions)
    {
        double largest = 0, second = 0;
        Vec3[] reference = positionsAtBuild;
        for (int i = 0; i < positions.Length; i++)
        {
            double dx = positions[i].X - reference[i].X, dy = positions[i].Y - reference[i].Y, dz = positions[i].Z - reference[i].Z;
            double d2 = dx * dx + dy * dy + dz * dz;
            if (d2 <= second) continue;
            if (d2 > largest)
            {
                second = largest;
                largest = d2;
            }
            else
            {
                second = d2;
            }
        }
        return Math.Sqrt(largest) + Math.Sqrt(second) > Skin;
    }

    private void RefreshCoordinates(ReadOnlySpan<Vec3> positions)
    {
        double[] p = Positions;
        int[] order = Order;
        for (int k = 0; k < Count; k++)
        {
            Vec3 r = positions[order[k]] + wrapShift[k];
            p[3 * k] = r.X;
            p[3 * k + 1] = r.Y;
            p[3 * k + 2] = r.Z;
        }
        for (int g = 0; g < TotalCount - Count; g++)
        {
            int o = 3 * Owner[g], k = 3 * (Count + g);
            p[k] = p[o] + ghostShift[g].X;
            p[k + 1] = p[o + 1] + ghostShift[g].Y;
            p[k + 2] = p[o + 2] + ghostShift[g].Z;
        }
    }

    private void Build(ParticleSystem system)
    {
        built = true;
        Builds++;
        topologyAtBuild = system.TopologyVersion;
        cellAtBuild = system.Cell;
        ReadOnlySpan<Vec3> positions = system.Positions;
        int n = positions.Length;
        Count = n;
        positionsAtBuild = positions.ToArray();
        double range = Cutoff + Skin, range2 = range * range;
        var grid = BinGrid.Create(system.Cell, positions, range, divisions: 1);
        Order = grid.SortedAtoms;
        wrapShift = new Vec3[n];
        var real = new double[3 * n];
        double[] rx = new double[n + 4], ry = new double[n + 4], rz = new double[n + 4];   // padded for 4-wide loads
        var moleculeLocal = new int[n];
        // bins hold atoms in local order, so a bin's atoms are a contiguous range of local indices
        bool[] frameworkLocal = new bool[n];
        ReadOnlySpan<int> molecule = system.MoleculeOfAtom;
        for (int k = 0; k < n; k++)
        {
            int atom = Order[k];
            Vec3 w = grid.Wrapped[atom];
            wrapShift[k] = w - positions[atom];
            (real[3 * k], real[3 * k + 1], real[3 * k + 2]) = (w.X, w.Y, w.Z);
            (rx[k], ry[k], rz[k]) = (w.X, w.Y, w.Z);
            moleculeLocal[k] = molecule[atom];
            frameworkLocal[k] = atom < system.FrameworkAtomCount;
        }

        // Ghosts are created on demand: ghostIndex[image][j] is the local index of j's copy in that image.
        var ghostIndex = new Dictionary<(int, int, int), int[]>();
        var owners = new List<int>();
        var shifts = new List<Vec3>();
        var start = new int[n + 1];
        int[] neighbors = new int[Math.Max(16, n * 48)];
        int entries = 0;
        (int dx, int dy, int dz)[] stencil = HalfStencil(grid, range);
        // Per home bin, the neighbour bins of the stencil with their lattice shift, found once.
        var binOfOffset = new int[stencil.Length];
        var shiftOfOffset = new Vec3[stencil.Length];
        var copiesOfOffset = new int[stencil.Length][];
        Span<int> home = stackalloc int[3];
        int binCount = grid.BinStart.Length - 1;
        for (int b = 0; b < binCount; b++)
        {
            int first = grid.BinStart[b], last = grid.BinStart[b + 1];
            if (first == last) continue;
            grid.BinIndices(b, home);
            int offsets = 0;
            for (int o = 0; o < stencil.Length; o++)
            {
                var (dx, dy, dz) = stencil[o];
                if (!grid.TryNeighborBin(home, dx, dy, dz, out int bin, out Vec3 shift, out int ix, out int iy, out int iz)) continue;
                binOfOffset[offsets] = bin;
                shiftOfOffset[offsets] = shift;
                int[]? copies = null;
                if (ix != 0 || iy != 0 || iz != 0)
                {
                    if (!ghostIndex.TryGetValue((ix, iy, iz), out copies))
                    {
                        copies = new int[n];
                        Array.Fill(copies, -1);
                        ghostIndex[(ix, iy, iz)] = copies;
                    }
                }
                copiesOfOffset[offsets] = copies!;
                // the home bin itself comes first in the stencil (offset 0) and is never imaged
                offsets++;
            }
            for (int i = first; i < last; i++)
            {
                double xi = real[3 * i], yi = real[3 * i + 1], zi = real[3 * i + 2];
                bool fi = frameworkLocal[i];
                int mi = moleculeLocal[i];
                for (int o = 0; o < offsets; o++)
                {
                    int bin = binOfOffset[o];
                    Vec3 shift = shiftOfOffset[o];
                    double sx = shift.X - xi, sy = shift.Y - yi, sz = shift.Z - zi;
                    int jStart = grid.BinStart[bin], jEnd = grid.BinStart[bin + 1];
                    int[]? copies = copiesOfOffset[o];
                    if (bin == b && copies == null) jStart = i + 1;   // the home bin: each pair once
                    if (entries + jEnd - jStart > neighbors.Length) Array.Resize(ref neighbors, 2 * neighbors.Length + jEnd - jStart);
                    int found = Candidates(rx, ry, rz, jStart, jEnd, -sx, -sy, -sz, range2, neighbors, entries);
                    // then the rare cases: exclusions and periodic copies
                    int kept = entries;
                    for (int k = entries; k < found; k++)
                    {
                        int j = neighbors[k];
                        if (fi && frameworkLocal[j]) continue;
                        if (mi >= 0 && mi == moleculeLocal[j] && j != i) continue;
                        if (copies != null)
                        {
                            if (copies[j] < 0)
                            {
                                copies[j] = n + owners.Count;
                                owners.Add(j);
                                shifts.Add(shift);
                            }
                            j = copies[j];
                        }
                        neighbors[kept++] = j;
                    }
                    entries = kept;
                }
                start[i + 1] = entries;
            }
        }
        Start = start;
        Neighbor = neighbors;
        Owner = owners.ToArray();
        ghostShift = shifts.ToArray();
        TotalCount = n + owners.Count;
        Positions = new double[3 * TotalCount];
        Array.Copy(real, Positions, 3 * n);
        for (int g = 0; g < owners.Count; g++)
        {
            int o = 3 * owners[g], k = 3 * (n + g);
            Positions[k] = real[o] + ghostShift[g].X;
            Positions[k + 1] = real[o + 1] + ghostShift[g].Y;
            Positions[k + 2] = real[o + 2] + ghostShift[g].Z;
        }
    }

    /// <summary>
    /// Appends to <paramref name="list"/> (from <paramref name="count"/> on) the atoms j of
    /// [first, end) with |r_j − p|² &lt; range², four at a time; returns the new count. The list must
    /// have room for end − first more entries.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Candidates(double[] rx, double[] ry, double[] rz, int first, int end, double px, double py, double pz,
        double range2, int[] list, int count)
    {
        var vx = Vector256.Create(px);
        var vy = Vector256.Create(py);
        var vz = Vector256.Create(pz);
        var limit = Vector256.Create(range2);
        ref double x0 = ref rx[0], y0 = ref ry[0], z0 = ref rz[0];
        for (int j = first; j < end; j += 4)
        {
            var dx = Vector256.LoadUnsafe(ref x0, (nuint)j) - vx;
            var dy = Vector256.LoadUnsafe(ref y0, (nuint)j) - vy;
            var dz = Vector256.LoadUnsafe(ref z0, (nuint)j) - vz;
            uint mask = Vector256.LessThan(dx * dx + dy * dy + dz * dz, limit).ExtractMostSignificantBits();
            if (end - j < 4) mask &= (1u << (end - j)) - 1;
            while (mask != 0)
            {
                int lane = System.Numerics.BitOperations.TrailingZeroCount(mask);
                list[count++] = j + lane;
                mask &= mask - 1;
            }
        }
        return count;
    }

    /// <summary>
    /// Bin offsets to scan so that each pair is met once: the home bin first (where only j &gt; i is
    /// taken), then the offsets that are lexicographically positive. For an orthorhombic cell, offsets whose bins are
    /// farther apart than the range are dropped.
    /// </summary>
    private static (int, int, int)[] HalfStencil(BinGrid grid, double range)
    {
        var offsets = new List<(int, int, int)>();
        Cell? cell = grid.Cell;
        bool prune = cell is { IsOrthorhombic: true };
        Vec3 widths = cell?.PerpendicularWidths ?? Vec3.Zero;
        for (int dx = -grid.Reach[0]; dx <= grid.Reach[0]; dx++)
        for (int dy = -grid.Reach[1]; dy <= grid.Reach[1]; dy++)
        for (int dz = -grid.Reach[2]; dz <= grid.Reach[2]; dz++)
        {
            bool positive = dx > 0 || (dx == 0 && (dy > 0 || (dy == 0 && dz >= 0)));
            if (!positive) continue;
            if (prune)
            {
                double gx = Math.Max(0, Math.Abs(dx) - 1) * widths.X / grid.Counts[0];
                double gy = Math.Max(0, Math.Abs(dy) - 1) * widths.Y / grid.Counts[1];
                double gz = Math.Max(0, Math.Abs(dz) - 1) * widths.Z / grid.Counts[2];
                if (gx * gx + gy * gy + gz * gz >= range * range) continue;
            }
            offsets.Add((dx, dy, dz));
        }
        return offsets.OrderBy(o => o != (0, 0, 0)).ToArray();
    }
}
