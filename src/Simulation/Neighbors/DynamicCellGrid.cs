using MatSim.Simulation.Geometry;
using MatSim.Simulation.Systems;

namespace MatSim.Simulation.Neighbors;

/// <summary>Atoms found near a point: index, displacement from the point (Å) and its square.</summary>
public sealed class NeighborBuffer
{
    private int[] atoms = new int[256];
    private Vec3[] displacements = new Vec3[256];
    private double[] distancesSquared = new double[256];

    public int Count { get; internal set; }
    public int[] Atoms => atoms;
    public Vec3[] Displacements => displacements;
    public double[] DistancesSquared => distancesSquared;

    internal void Add(int atom, Vec3 d, double r2)
    {
        if (Count == atoms.Length)
        {
            Array.Resize(ref atoms, 2 * Count);
            Array.Resize(ref displacements, 2 * Count);
            Array.Resize(ref distancesSquared, 2 * Count);
        }
        atoms[Count] = atom;
        displacements[Count] = d;
        distancesSquared[Count] = r2;
        Count++;
    }
}

/// <summary>
/// A cell list kept up to date move by move, for MC: finds the atoms within a range of any point
/// (a trial position) without touching the rest of the system. Bins are at least half the range
/// wide; periodic images are handled by bin offsets, so the range may be any size.
/// </summary>
public sealed class DynamicCellGrid(double range)
{
    private Cell? cell;
    private Vec3[] wrapped = [];
    private int[] binOf = [];
    private int[] slotOf = [];
    private int[][] binAtoms = [];
    private int[] binCount = [];
    private int[] counts = [1, 1, 1];
    private int[] reach = [0, 0, 0];
    private long builtTopology = -1;
    private Cell? builtCell;

    public double Range { get; } = range;

    /// <summary>Rebuilds from the system when its atoms were added/removed or its cell changed.</summary>
    public void Synchronize(ParticleSystem system)
    {
        if (system.TopologyVersion == builtTopology && ReferenceEquals(system.Cell, builtCell)) return;
        Rebuild(system);
    }

    public void Rebuild(ParticleSystem system)
    {
        builtTopology = system.TopologyVersion;
        builtCell = system.Cell;
        cell = system.Cell ?? throw new InvalidOperationException("a dynamic cell grid needs a periodic cell");
        Vec3 widths = cell.PerpendicularWidths;
        counts = new int[3];
        reach = new int[3];
        for (int axis = 0; axis < 3; axis++)
        {
            counts[axis] = Math.Max(1, (int)Math.Floor(2 * widths[axis] / Range));
            reach[axis] = (int)Math.Ceiling(Range * counts[axis] / widths[axis] - 1e-12);
        }
        while ((long)counts[0] * counts[1] * counts[2] > Math.Max(27, 4L * system.Count + 64))
        {
            int largest = counts[0] >= counts[1] && counts[0] >= counts[2] ? 0 : counts[1] >= counts[2] ? 1 : 2;
            counts[largest] = Math.Max(1, counts[largest] / 2);
            reach[largest] = (int)Math.Ceiling(Range * counts[largest] / widths[largest] - 1e-12);
        }
        int binTotal = counts[0] * counts[1] * counts[2];
        binAtoms = new int[binTotal][];
        binCount = new int[binTotal];
        int n = system.Count;
        wrapped = new Vec3[Math.Max(n, 1)];
        binOf = new int[Math.Max(n, 1)];
        slotOf = new int[Math.Max(n, 1)];
        ReadOnlySpan<Vec3> positions = system.Positions;
        for (int i = 0; i < n; i++) Place(i, positions[i]);
    }

    /// <summary>Follows an atom that moved (after an accepted displacement).</summary>
    public void Move(int atom, Vec3 position)
    {
        int bin = binOf[atom];
        int slot = slotOf[atom];
        int last = binAtoms[bin][--binCount[bin]];
        binAtoms[bin][slot] = last;
        slotOf[last] = slot;
        Place(atom, position);
    }

    /// <summary>
    /// Collects the atoms within the range of <paramref name="point"/>, except atoms
    /// skipFirst .. skipFirst+skipCount−1 (the molecule being moved), into <paramref name="buffer"/>.
    /// </summary>
    public void Collect(Vec3 point, int skipFirst, int skipCount, NeighborBuffer buffer)
    {
        buffer.Count = 0;
        Cell c = cell!;
        Vec3 s = c.ToFractional(point);
        s = new Vec3(Cell.WrapUnit(s.X), Cell.WrapUnit(s.Y), Cell.WrapUnit(s.Z));
        Vec3 p = c.ToCartesian(s);
        int hx = Math.Min(counts[0] - 1, (int)(s.X * counts[0]));
        int hy = Math.Min(counts[1] - 1, (int)(s.Y * counts[1]));
        int hz = Math.Min(counts[2] - 1, (int)(s.Z * counts[2]));
        double range2 = Range * Range;
        int skipEnd = skipFirst + skipCount;
        for (int dx = -reach[0]; dx <= reach[0]; dx++)
        {
            int bx = hx + dx, ix = FloorDiv(bx, counts[0]);
            bx -= ix * counts[0];
            for (int dy = -reach[1]; dy <= reach[1]; dy++)
            {
                int by = hy + dy, iy = FloorDiv(by, counts[1]);
                by -= iy * counts[1];
                for (int dz = -reach[2]; dz <= reach[2]; dz++)
                {
                    int bz = hz + dz, iz = FloorDiv(bz, counts[2]);
                    bz -= iz * counts[2];
                    Vec3 origin = p - (ix * c.A + iy * c.B + iz * c.C);
                    int bin = (bx * counts[1] + by) * counts[2] + bz;
                    int[] atoms = binAtoms[bin];
                    int count = binCount[bin];
                    for (int k = 0; k < count; k++)
                    {
                        int j = atoms[k];
                        if (j >= skipFirst && j < skipEnd) continue;
                        Vec3 d = wrapped[j] - origin;
                        double r2 = d.LengthSquared;
                        if (r2 < range2) buffer.Add(j, d, r2);
                    }
                }
            }
        }
    }

    private void Place(int atom, Vec3 position)
    {
        Cell c = cell!;
        Vec3 s = c.ToFractional(position);
        s = new Vec3(Cell.WrapUnit(s.X), Cell.WrapUnit(s.Y), Cell.WrapUnit(s.Z));
        wrapped[atom] = c.ToCartesian(s);
        int bx = Math.Min(counts[0] - 1, (int)(s.X * counts[0]));
        int by = Math.Min(counts[1] - 1, (int)(s.Y * counts[1]));
        int bz = Math.Min(counts[2] - 1, (int)(s.Z * counts[2]));
        int bin = (bx * counts[1] + by) * counts[2] + bz;
        int[]? atoms = binAtoms[bin];
        if (atoms == null || binCount[bin] == atoms.Length)
        {
            Array.Resize(ref atoms, Math.Max(8, 2 * binCount[bin]));
            binAtoms[bin] = atoms;
        }
        atoms[binCount[bin]] = atom;
        binOf[atom] = bin;
        slotOf[atom] = binCount[bin]++;
    }

    private static int FloorDiv(int a, int b) => a >= 0 ? a / b : -((-a + b - 1) / b);
}
