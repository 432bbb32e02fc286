using System.Collections.Immutable;
using MatSim.Simulation.Geometry;

namespace MatSim.Simulation.Systems;

/// <summary>
/// A kind of rigid molecule (or single atom) that engines move, insert and delete as a whole:
/// its atoms' types (names resolved against the system's type table), charges in e and positions
/// in Å in the molecule's own frame, centred on the centre of mass.
/// </summary>
public sealed class Species
{
    public string Name { get; }
    public ImmutableArray<string> AtomTypes { get; }
    public ImmutableArray<double> Charges { get; }
    /// <summary>Atom positions relative to the centre of mass (Å).</summary>
    public ImmutableArray<Vec3> Positions { get; }
    /// <summary>Mass of each atom in u (a massless site such as N2's centre charge has 0).</summary>
    public ImmutableArray<double> Masses { get; }

    public int AtomCount => AtomTypes.Length;
    public double Mass => Masses.Sum();
    public bool IsSingleAtom => AtomCount == 1;
    public double TotalCharge => Charges.Sum();

    public Species(string name, IEnumerable<string> atomTypes, IEnumerable<double> charges, IEnumerable<Vec3> positions,
        IEnumerable<double> masses)
    {
        Name = name;
        AtomTypes = atomTypes.ToImmutableArray();
        Charges = charges.ToImmutableArray();
        Masses = masses.ToImmutableArray();
        Vec3[] r = positions.ToArray();
        if (AtomTypes.Length == 0) throw new ArgumentException($"species '{name}' has no atoms");
        if (Charges.Length != AtomCount || r.Length != AtomCount || Masses.Length != AtomCount)
            throw new ArgumentException($"species '{name}': per-atom lists differ in length");
        double total = Mass;
        Vec3 centre = Vec3.Zero;
        if (total > 0)
            for (int a = 0; a < r.Length; a++) centre += Masses[a] / total * r[a];
        Positions = r.Select(p => p - centre).ToImmutableArray();
    }

    /// <summary>Atoms of one molecule closer than this (Å) overlap: no bond is that short (H2: 0.74 Å).</summary>
    public const double OverlapDistance = 0.5;

    /// <summary>The first pair of atoms (in file order) closer than <see cref="OverlapDistance"/>, if any.</summary>
    public static (int First, int Second, double Distance)? FirstOverlap(IReadOnlyList<Vec3> positions)
    {
        for (int j = 1; j < positions.Count; j++)
        for (int i = 0; i < j; i++)
        {
            double d = (positions[j] - positions[i]).Length;
            if (d < OverlapDistance) return (i, j, d);
        }
        return null;
    }

    /// <summary>A single atom of a type with a charge.</summary>
    public static Species Atom(AtomType type, double charge = 0) =>
        new(type.Name, [type.Name], [charge], [Vec3.Zero], [type.Mass]);

    /// <summary>Atom positions for a molecule whose centre of mass is at <paramref name="centre"/>, rotated by <paramref name="rotation"/>.</summary>
    public void Place(Vec3 centre, Mat3 rotation, Span<Vec3> positions)
    {
        for (int a = 0; a < AtomCount; a++) positions[a] = centre + rotation * Positions[a];
    }
}
