using MatSim.Simulation.Chemistry;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.Neighbors;

namespace MatSim.Descriptors.SymmetryFunctions;

/// <summary>Computes the symmetry functions of structures (atoms in parallel).</summary>
public static class DescriptorCalculator
{
    /// <summary>
    /// The descriptors of atoms at <paramref name="positions"/> (Å) in <paramref name="cell"/> (null:
    /// a cluster). Throws <see cref="UnknownElementException"/> for an element the set lacks.
    /// </summary>
    public static StructureDescriptors Compute(DescriptorSet set, Cell? cell, ReadOnlySpan<Vec3> positions, IReadOnlyList<Element> elements) =>
        Compute(set, cell, positions, ElementIndices(set, elements));

    /// <summary>
    /// The descriptors for element indices already resolved; with <paramref name="atoms"/> only those
    /// atoms' rows are computed (the others stay zero), as local Monte Carlo updates need.
    /// </summary>
    public static StructureDescriptors Compute(DescriptorSet set, Cell? cell, ReadOnlySpan<Vec3> positions, int[] elementOfAtom, IEnumerable<int>? atoms = null)
    {
        int[]? subset = atoms?.ToArray();
        bool[]? centres = null;
        if (subset != null)
        {
            centres = new bool[positions.Length];
            foreach (int i in subset) centres[i] = true;
        }
        StructureDescriptors result = Prepare(set, cell, positions, elementOfAtom, centres);
        result.ComputeValues(subset);
        return result;
    }

    /// <summary>
    /// The neighbour list only (of the atoms that carry energy: neighbour-only elements are looked up, never centres);
    /// values come from <see cref="StructureDescriptors.EvaluateAtomic"/>.
    /// </summary>
    public static StructureDescriptors Prepare(DescriptorSet set, Cell? cell, ReadOnlySpan<Vec3> positions, int[] elementOfAtom) =>
        Prepare(set, cell, positions, elementOfAtom, null);

    /// <summary>As <see cref="Prepare(DescriptorSet, Cell?, ReadOnlySpan{Vec3}, int[])"/>, neighbours listed only for <paramref name="centres"/> (null: all atoms) that carry energy.</summary>
    private static StructureDescriptors Prepare(DescriptorSet set, Cell? cell, ReadOnlySpan<Vec3> positions, int[] elementOfAtom, bool[]? centres)
    {
        if (centres != null || set.HasNeighbourOnly)
            centres = elementOfAtom.Select((e, i) => set.IsCentre(e) && (centres == null || centres[i])).ToArray();
        return new(set, NeighborList.Build(cell, positions, Math.Max(set.MaxCutoff, 1e-6), centres: centres), elementOfAtom);
    }

    /// <summary>Element index of every atom in the set, or an error naming the first atom whose element is missing.</summary>
    public static int[] ElementIndices(DescriptorSet set, IReadOnlyList<Element> elements)
    {
        var indices = new int[elements.Count];
        for (int i = 0; i < indices.Length; i++)
        {
            indices[i] = set.IndexOf(elements[i]);
            if (indices[i] < 0) throw new UnknownElementException(i, elements[i].Symbol, set.Elements.Select(e => e.Symbol).ToArray());
        }
        return indices;
    }
}

/// <summary>A structure contains an element the descriptor set (the model) has no functions for.</summary>
public sealed class UnknownElementException(int atom, string symbol, IReadOnlyList<string> known)
    : Exception($"atom {atom + 1} is {symbol}, an element the model does not have (it has {string.Join(", ", known)})")
{
    public int Atom { get; } = atom;
    public string Symbol { get; } = symbol;
}
