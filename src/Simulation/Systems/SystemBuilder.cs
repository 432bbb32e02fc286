using MatSim.Simulation.Geometry;
using MatSim.Simulation.Structures;

namespace MatSim.Simulation.Systems;

/// <summary>Builds a <see cref="ParticleSystem"/> from a <see cref="Structure"/>.</summary>
public static class SystemBuilder
{
    /// <summary>
    /// The atoms of a structure as a system: atom types from the structure's types (element masses),
    /// molecules from its molecule indices (consecutive atoms with the same index form one rigid
    /// molecule; its species is defined by its first occurrence), every other atom a molecule of
    /// its own. With <paramref name="asFramework"/>, all atoms form a rigid framework instead.
    /// </summary>
    public static ParticleSystem FromStructure(Structure structure, bool asFramework = false, IReadOnlyList<AtomType>? types = null,
        IReadOnlyList<Species>? extraSpecies = null)
    {
        types ??= structure.Types.Select((name, i) => (name, i)).DistinctBy(t => t.name)
            .Select(t => new AtomType(t.name, structure.Elements[t.i], structure.Elements[t.i].Mass)).ToArray();
        var typeIndex = types.Select((t, i) => (t.Name, i)).ToDictionary(t => t.Name, t => t.i);
        var species = new List<Species>(extraSpecies ?? []);
        var groups = asFramework ? [] : Groups(structure);
        var speciesOfGroup = new List<int>();
        foreach (var (first, count) in groups)
        {
            int match = species.FindIndex(s => Matches(s, structure, first, count));
            if (match < 0)
            {
                match = species.Count;
                species.Add(Define(structure, first, count, types, typeIndex));
            }
            speciesOfGroup.Add(match);
        }
        var system = new ParticleSystem(structure.Cell, types, species, structure.Count);
        if (asFramework)
        {
            for (int i = 0; i < structure.Count; i++)
                system.AddFrameworkAtom(typeIndex[structure.Types[i]], structure.Charges[i], structure.Positions[i]);
            return system;
        }
        for (int g = 0; g < groups.Count; g++)
            system.AddMolecule(speciesOfGroup[g], Unwrapped(structure, groups[g].First, groups[g].Count));
        return system;
    }

    // A molecule's atoms as one piece: each atom at its minimum image from the first.
    private static Vec3[] Unwrapped(Structure s, int first, int count)
    {
        var r = new Vec3[count];
        for (int a = 0; a < count; a++)
        {
            Vec3 d = s.Positions[first + a] - s.Positions[first];
            r[a] = s.Positions[first] + (s.Cell != null ? s.Cell.MinimumImage(d) : d);
        }
        return r;
    }

    private static List<(int First, int Count)> Groups(Structure s)
    {
        var groups = new List<(int, int)>();
        int i = 0;
        while (i < s.Count)
        {
            int j = i + 1;
            if (s.Molecules[i] != Structure.NoMolecule)
                while (j < s.Count && s.Molecules[j] == s.Molecules[i]) j++;
            groups.Add((i, j - i));
            i = j;
        }
        return groups;
    }

    private static bool Matches(Species species, Structure s, int first, int count)
    {
        if (species.AtomCount != count) return false;
        for (int a = 0; a < count; a++)
            if (species.AtomTypes[a] != s.Types[first + a] || species.Charges[a] != s.Charges[first + a]) return false;
        return true;
    }

    private static Species Define(Structure s, int first, int count, IReadOnlyList<AtomType> types, Dictionary<string, int> typeIndex)
    {
        // positions relative to the first atom, through the minimum image for molecules split by the cell boundary
        Vec3 origin = s.Positions[first];
        var positions = new Vec3[count];
        for (int a = 0; a < count; a++)
        {
            Vec3 d = s.Positions[first + a] - origin;
            positions[a] = s.Cell != null ? s.Cell.MinimumImage(d) : d;
        }
        string name = count == 1 ? s.Types[first] : string.Concat(Enumerable.Range(first, count).Select(a => s.Types[a]));
        return new Species(name, Enumerable.Range(first, count).Select(a => s.Types[a]), Enumerable.Range(first, count).Select(a => s.Charges[a]),
            positions, Enumerable.Range(first, count).Select(a => types[typeIndex[s.Types[a]]].Mass));
    }
}
