using MatSim.Simulation.Geometry;
using MatSim.Simulation.Systems;

namespace MatSim.Simulation.Neighbors;

/// <summary>
/// A half Verlet list with a skin for pair potentials in MD and full evaluations: pairs within
/// cutoff + skin, rebuilt only when an atom has moved more than half the skin since the last
/// build, when atoms were added or removed, or when the cell changed. Pairs inside one rigid
/// molecule and framework–framework pairs are left out (their energy is constant).
/// Atoms are kept in a local, spatially sorted order (better cache use); the kernel reads local
/// coordinates <see cref="X"/>, <see cref="Y"/>, <see cref="Z"/> = system position + the lattice
/// translation that wrapped the atom at the last build, and pair (i, j) has the displacement
/// x[j] − x[i] + <see cref="ShiftX"/>[shift] (etc.).
/// </summary>
public sealed class VerletList(double cutoff, double skin)
{
    private Vec3[] positionsAtBuild = [];
    private Vec3[] wrapShift = [];       // local order
    private long topologyAtBuild = -1;
    private Cell? cellAtBuild;
    private bool built;

    public double Cutoff { get; } = cutoff;
    public double Skin { get; } = skin;
    public int Count { get; private set; }
    /// <summary>Local index → system atom index.</summary>
    public int[] Order { get; private set; } = [];
    public double[] X { get; private set; } = [];
    public double[] Y { get; private set; } = [];
    public double[] Z { get; private set; } = [];
    /// <summary>Neighbours of local atom i are entries Start[i] .. Start[i+1]−1 (local indices, each pair once).</summary>
    public int[] Start { get; private set; } = [];
    public int[] Neighbor { get; private set; } = [];
    public byte[] Shift { get; private set; } = [];
    public double[] ShiftX { get; private set; } = [];
    public double[] ShiftY { get; private set; } = [];
    public double[] ShiftZ { get; private set; } = [];
    public int Builds { get; private set; }

    /// <summary>Brings the list up to date with the system; true when it was rebuilt.</summary>
    public bool Update(ParticleSystem system)
    {
        bool rebuild = !built || system.TopologyVersion != topologyAtBuild || !ReferenceEquals(system.Cell, cellAtBuild) ||
            MovedBeyondHalfSkin(system.Positions);
        if (rebuild) Build(system);
        else RefreshCoordinates(system.Positions);
        return rebuild;
    }

    private bool MovedBeyondHalfSkin(ReadOnlySpan<Vec3> positions)
    {
        double limit = 0.25 * Skin * Skin;
        for (int i = 0; i < positions.Length; i++)
            if ((positions[i] - positionsAtBuild[i]).LengthSquared > limit) return true;
        return false;
    }

    private void RefreshCoordinates(ReadOnlySpan<Vec3> positions)
    {
        int[] order = Order;
        for (int k = 0; k < Count; k++)
        {
            Vec3 r = positions[order[k]] + wrapShift[k];
            X[k] = r.X;
            Y[k] = r.Y;
            Z[k] = r.Z;
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
        double range = Cutoff + Skin;
        var grid = BinGrid.Create(system.Cell, positions, range, divisions: 2);

        Order = grid.SortedAtoms;
        wrapShift = new Vec3[n];
        X = new double[n];
        Y = new double[n];
        Z = new double[n];
        int[] localOf = new int[n];
        for (int k = 0; k < n; k++)
        {
            int atom = Order[k];
            localOf[atom] = k;
            wrapShift[k] = grid.Wrapped[atom] - positions[atom];
            X[k] = grid.Wrapped[atom].X;
            Y[k] = grid.Wrapped[atom].Y;
            Z[k] = grid.Wrapped[atom].Z;
        }

        var shiftIndex = new Dictionary<(int, int, int), byte>();
        var shifts = new List<Vec3>();
        var start = new int[n + 1];
        var neighbors = new List<int>(n * 40);
        var shiftOf = new List<byte>(n * 40);
        ReadOnlySpan<int> molecule = system.MoleculeOfAtom;
        int framework = system.FrameworkAtomCount;
        double range2 = range * range;
        Span<int> home = stackalloc int[3];
        for (int i = 0; i < n; i++)
        {
            int atomI = Order[i];
            grid.BinIndices(grid.BinOf[atomI], home);
            for (int dx = -grid.Reach[0]; dx <= grid.Reach[0]; dx++)
            for (int dy = -grid.Reach[1]; dy <= grid.Reach[1]; dy++)
            for (int dz = -grid.Reach[2]; dz <= grid.Reach[2]; dz++)
            {
                if (!grid.TryNeighborBin(home, dx, dy, dz, out int bin, out Vec3 shift, out int ix, out int iy, out int iz)) continue;
                bool positiveShift = ix > 0 || (ix == 0 && (iy > 0 || (iy == 0 && iz > 0)));
                for (int slot = grid.BinStart[bin]; slot < grid.BinStart[bin + 1]; slot++)
                {
                    int j = slot;  // bins hold atoms in sorted (local) order
                    if (j < i || (j == i && !positiveShift)) continue;
                    int atomJ = Order[j];
                    if (atomI < framework && atomJ < framework) continue;
                    if (molecule[atomI] >= 0 && molecule[atomI] == molecule[atomJ] && atomI != atomJ) continue;
                    double ddx = X[j] + shift.X - X[i], ddy = Y[j] + shift.Y - Y[i], ddz = Z[j] + shift.Z - Z[i];
                    if (ddx * ddx + ddy * ddy + ddz * ddz >= range2) continue;
                    if (!shiftIndex.TryGetValue((ix, iy, iz), out byte s))
                    {
                        if (shifts.Count == 255) throw new InvalidOperationException("too many periodic images for one Verlet list; the cutoff is far larger than the cell");
                        s = (byte)shifts.Count;
                        shiftIndex[(ix, iy, iz)] = s;
                        shifts.Add(shift);
                    }
                    neighbors.Add(j);
                    shiftOf.Add(s);
                }
            }
            start[i + 1] = neighbors.Count;
        }
        Start = start;
        Neighbor = neighbors.ToArray();
        Shift = shiftOf.ToArray();
        ShiftX = shifts.Select(v => v.X).ToArray();
        ShiftY = shifts.Select(v => v.Y).ToArray();
        ShiftZ = shifts.Select(v => v.Z).ToArray();
    }
}
