using MatSim.Descriptors.SymmetryFunctions;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.Systems;

namespace MatSim.Potentials.AtomCentred;

/// <summary>
/// The system as a proposed Monte Carlo move would leave it (positions and element indices, atoms renumbered as
/// <see cref="ParticleSystem.Apply"/> renumbers them: an insertion appends, a deletion closes the gap), with the
/// atoms whose atomic energy the move can change: the energy-carrying atoms within the cutoff of a moved, inserted
/// or deleted atom's old or new position whose functions look at that atom's element, and the moved or inserted
/// atoms themselves.
/// </summary>
internal sealed class LocalChange
{
    private readonly ParticleSystem system;
    private readonly MoveProposal move;
    private readonly DescriptorSet set;
    /// <summary>Old and new positions of the atoms the move touches, and their elements.</summary>
    private readonly Vec3[] touched;
    private readonly int[] touchedElements;

    public Vec3[] Positions { get; }
    public int[] Elements { get; }

    public LocalChange(ParticleSystem system, MoveProposal move, int[] currentElements, DescriptorSet set)
    {
        this.system = system;
        this.move = move;
        this.set = set;
        ReadOnlySpan<Vec3> current = system.Positions;
        int first = move.FirstAtom, count = move.AtomCount;
        ReadOnlySpan<Vec3> removed = current.Slice(first, move.Kind == MoveKind.Insert ? 0 : count);
        touched = [.. removed, .. move.Kind == MoveKind.Delete ? [] : move.Positions];
        int[] moved = move.Kind == MoveKind.Insert
            ? system.TypeIndicesOf(move.Species).ToArray().Select(t => set.IndexOf(system.Types[t].Element)).ToArray()
            : currentElements[first..(first + count)];
        touchedElements = [.. move.Kind == MoveKind.Insert ? [] : moved, .. move.Kind == MoveKind.Delete ? [] : moved];
        switch (move.Kind)
        {
            case MoveKind.Displace:
                Positions = current.ToArray();
                move.Positions.CopyTo(Positions.AsSpan(first));
                Elements = currentElements;
                break;
            case MoveKind.Insert:
                Positions = [.. current, .. move.Positions];
                Elements = [.. currentElements, .. moved];
                break;
            default:
                Positions = [.. current[..first], .. current[(first + count)..]];
                Elements = [.. currentElements[..first], .. currentElements[(first + count)..]];
                break;
        }
    }

    /// <summary>The index before the move of atom <paramref name="atom"/> after it, or −1 for an inserted atom.</summary>
    public int CurrentIndexOf(int atom) => move.Kind switch
    {
        MoveKind.Insert => atom < system.Count ? atom : -1,
        MoveKind.Delete => atom < move.FirstAtom ? atom : atom + move.AtomCount,
        _ => atom,
    };

    /// <summary>Energy-carrying atoms (indices after the move) whose environment the move changes.</summary>
    public int[] AtomsWithin(double cutoff)
    {
        double cutoff2 = cutoff * cutoff;
        var result = new List<int>();
        for (int j = 0; j < Positions.Length; j++)
        {
            if (!set.IsCentre(Elements[j])) continue;
            bool near = move.Kind != MoveKind.Delete && j >= move.FirstAtom && j < move.FirstAtom + move.AtomCount;
            for (int t = 0; !near && t < touched.Length; t++)
                near = set.Sees(Elements[j], touchedElements[t]) && Distance2(touched[t], Positions[j]) < cutoff2;
            if (near) result.Add(j);
        }
        return result.ToArray();
    }

    /// <summary>Per-atom values renumbered as the move renumbers the atoms (inserted atoms 0, deleted ones dropped).</summary>
    public double[] Renumbered(double[] values) => move.Kind switch
    {
        MoveKind.Insert => [.. values, .. new double[move.AtomCount]],
        MoveKind.Delete => [.. values[..move.FirstAtom], .. values[(move.FirstAtom + move.AtomCount)..]],
        _ => values,
    };

    private double Distance2(Vec3 a, Vec3 b)
    {
        Vec3 d = b - a;
        return (system.Cell is { } cell ? cell.MinimumImage(d) : d).LengthSquared;
    }
}
