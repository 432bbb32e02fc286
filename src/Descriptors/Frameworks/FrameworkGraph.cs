using MatSim.Simulation.Geometry;
using MatSim.Simulation.Neighbors;
using MatSim.Simulation.Structures;

namespace MatSim.Descriptors.Frameworks;

/// <summary>
/// The bond graph of a periodic structure: atoms i and j are bonded when their distance (nearest
/// image) is at most r_i + r_j + tolerance with Cordero covalent radii (the CSD convention, tolerance
/// 0.4 Å). A bond records the lattice cell of its far atom, so walks run on the infinite crystal net:
/// in a small cell an atom bonded to two images of one neighbour has two bonds, as in any supercell.
/// </summary>
public sealed class FrameworkGraph
{
    public const double DefaultTolerance = 0.4;
    private readonly Bond[][] bonds;

    /// <summary>A bond to atom <see cref="Atom"/> in the cell displaced by <see cref="Image"/> lattice vectors.</summary>
    public readonly record struct Bond(int Atom, (int A, int B, int C) Image);

    public FrameworkGraph(Structure structure, double tolerance = DefaultTolerance)
    {
        double[] radii = structure.Elements.Select(ElementProperties.CovalentRadius).ToArray();
        double reach = 2 * radii.Max() + tolerance;
        NeighborList list = NeighborList.Build(structure.Cell, structure.Positions, reach);
        var cell = structure.Cell;
        bonds = new Bond[structure.Count][];
        for (int i = 0; i < structure.Count; i++)
        {
            var found = new List<Bond>();
            ReadOnlySpan<int> js = list.NeighborsOf(i);
            ReadOnlySpan<Vec3> ds = list.DisplacementsOf(i);
            for (int n = 0; n < js.Length; n++)
            {
                int j = js[n];
                if (ds[n].Length > radii[i] + radii[j] + tolerance) continue;
                var image = (0, 0, 0);
                if (cell != null)
                {
                    Vec3 f = cell.ToFractional(structure.Positions[i] + ds[n] - structure.Positions[j]);
                    image = ((int)Math.Round(f.X), (int)Math.Round(f.Y), (int)Math.Round(f.Z));
                }
                found.Add(new Bond(j, image));
            }
            bonds[i] = found.ToArray();
        }
    }

    public int Count => bonds.Length;

    public IReadOnlyList<Bond> BondsOf(int atom) => bonds[atom];

    /// <summary>Coordination number (bonds, to whichever images).</summary>
    public int Degree(int atom) => bonds[atom].Length;

    /// <summary>Atom indices at each topological distance 0..maxDepth from <paramref name="start"/> on the crystal net (one entry per distinct image).</summary>
    public List<int>[] Shells(int start, int maxDepth)
    {
        var shells = new List<(int Atom, (int, int, int) Image)>[maxDepth + 1];
        shells[0] = [(start, (0, 0, 0))];
        var seen = new HashSet<(int, (int, int, int))> { (start, (0, 0, 0)) };
        for (int d = 1; d <= maxDepth; d++)
        {
            shells[d] = [];
            foreach (var (atom, (a, b, c)) in shells[d - 1])
                foreach (Bond bond in bonds[atom])
                {
                    var node = (bond.Atom, (a + bond.Image.A, b + bond.Image.B, c + bond.Image.C));
                    if (seen.Add(node)) shells[d].Add(node);
                }
        }
        return shells.Select(s => s.Select(n => n.Atom).ToList()).ToArray();
    }
}
