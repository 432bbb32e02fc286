using MatSim.Simulation.Geometry;
using MatSim.Simulation.Structures;

namespace MatSim.Simulation.Systems;

/// <summary>
/// The mutable state engines and energy models work on: a cell, a fixed table of atom types and
/// species, an optional rigid framework (atoms 0 .. FrameworkAtomCount−1, never moved) and
/// molecules, each a contiguous range of atoms after the framework. Molecules can be moved,
/// inserted (appended) and deleted (later atoms shift down by the molecule's size), so atom and
/// molecule indices stay dense.
/// </summary>
public sealed class ParticleSystem
{
    private Vec3[] positions;
    private int[] typeOf;
    private double[] charges;
    private int[] moleculeOf;
    private int[] moleculeSpecies;
    private int[] moleculeFirstAtom;
    private readonly int[] speciesCounts;
    private readonly int[][] speciesTypeIndices;

    public Cell? Cell { get; set; }
    public IReadOnlyList<AtomType> Types { get; }
    public IReadOnlyList<Species> Species { get; }
    public int FrameworkAtomCount { get; private set; }
    public int Count { get; private set; }
    public int MoleculeCount { get; private set; }

    /// <summary>Bumped on every change of atoms (count or positions set through this class).</summary>
    public long Version { get; private set; }

    /// <summary>Bumped when atoms are added or removed (indices and pair exclusions change).</summary>
    public long TopologyVersion { get; private set; }

    public ParticleSystem(Cell? cell, IReadOnlyList<AtomType> types, IReadOnlyList<Species> species, int capacity = 64)
    {
        Cell = cell;
        Types = types;
        Species = species;
        var typeIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int t = 0; t < types.Count; t++)
            if (!typeIndex.TryAdd(types[t].Name, t)) throw new ArgumentException($"atom type '{types[t].Name}' is defined twice");
        speciesTypeIndices = species.Select(s => s.AtomTypes.Select(name => typeIndex.TryGetValue(name, out int t)
            ? t
            : throw new ArgumentException($"species '{s.Name}' uses atom type '{name}', which is not in the type table")).ToArray()).ToArray();
        speciesCounts = new int[species.Count];
        capacity = Math.Max(capacity, 1);
        positions = new Vec3[capacity];
        typeOf = new int[capacity];
        charges = new double[capacity];
        moleculeOf = new int[capacity];
        moleculeSpecies = new int[capacity];
        moleculeFirstAtom = new int[capacity];
    }

    public Span<Vec3> Positions => positions.AsSpan(0, Count);
    public ReadOnlySpan<int> TypeIndices => typeOf.AsSpan(0, Count);
    public ReadOnlySpan<double> Charges => charges.AsSpan(0, Count);
    /// <summary>Molecule index of each atom; −1 for framework atoms.</summary>
    public ReadOnlySpan<int> MoleculeOfAtom => moleculeOf.AsSpan(0, Count);

    public int SpeciesOf(int molecule) => moleculeSpecies[molecule];
    public int FirstAtomOf(int molecule) => moleculeFirstAtom[molecule];
    public int AtomCountOf(int molecule) => Species[moleculeSpecies[molecule]].AtomCount;
    public int CountOf(int species) => speciesCounts[species];
    public int MobileAtomCount => Count - FrameworkAtomCount;
    public double MassOf(int atom) => Types[typeOf[atom]].Mass;

    /// <summary>Type indices of a species' atoms in this system's type table.</summary>
    public ReadOnlySpan<int> TypeIndicesOf(int species) => speciesTypeIndices[species];

    /// <summary>Index of a type by name, or −1.</summary>
    public int TypeIndex(string name)
    {
        for (int t = 0; t < Types.Count; t++) if (Types[t].Name == name) return t;
        return -1;
    }

    /// <summary>Adds rigid framework atoms; only before any molecule exists.</summary>
    public void AddFrameworkAtom(int type, double charge, Vec3 position)
    {
        if (MoleculeCount > 0) throw new InvalidOperationException("framework atoms must be added before molecules");
        EnsureAtomCapacity(Count + 1);
        positions[Count] = position;
        typeOf[Count] = type;
        charges[Count] = charge;
        moleculeOf[Count] = -1;
        Count++;
        FrameworkAtomCount++;
        Version++;
        TopologyVersion++;
    }

    /// <summary>Appends a molecule with its atoms at the given positions; returns its index.</summary>
    public int AddMolecule(int species, ReadOnlySpan<Vec3> atomPositions) => InsertMolecule(MoleculeCount, species, atomPositions);

    /// <summary>Inserts a molecule at a molecule index (later molecules and atoms shift up).</summary>
    public int InsertMolecule(int molecule, int species, ReadOnlySpan<Vec3> atomPositions)
    {
        Species s = Species[species];
        if (atomPositions.Length != s.AtomCount)
            throw new ArgumentException($"species '{s.Name}' has {s.AtomCount} atoms; {atomPositions.Length} positions given");
        if (molecule < 0 || molecule > MoleculeCount) throw new ArgumentOutOfRangeException(nameof(molecule));
        int k = s.AtomCount;
        int first = molecule < MoleculeCount ? moleculeFirstAtom[molecule] : Count;
        EnsureAtomCapacity(Count + k);
        EnsureMoleculeCapacity(MoleculeCount + 1);
        ShiftAtoms(first, Count, k);
        for (int m = MoleculeCount - 1; m >= molecule; m--)
        {
            moleculeSpecies[m + 1] = moleculeSpecies[m];
            moleculeFirstAtom[m + 1] = moleculeFirstAtom[m] + k;
        }
        for (int a = first + k; a < Count + k; a++) moleculeOf[a]++;
        int[] types = speciesTypeIndices[species];
        for (int a = 0; a < k; a++)
        {
            positions[first + a] = atomPositions[a];
            typeOf[first + a] = types[a];
            charges[first + a] = s.Charges[a];
            moleculeOf[first + a] = molecule;
        }
        moleculeSpecies[molecule] = species;
        moleculeFirstAtom[molecule] = first;
        Count += k;
        MoleculeCount++;
        speciesCounts[species]++;
        Version++;
        TopologyVersion++;
        return molecule;
    }

    /// <summary>Removes a molecule; later molecules and atoms shift down.</summary>
    public void RemoveMolecule(int molecule)
    {
        if (molecule < 0 || molecule >= MoleculeCount) throw new ArgumentOutOfRangeException(nameof(molecule));
        int species = moleculeSpecies[molecule];
        int k = Species[species].AtomCount;
        int first = moleculeFirstAtom[molecule];
        ShiftAtoms(first + k, Count, -k);
        for (int m = molecule; m < MoleculeCount - 1; m++)
        {
            moleculeSpecies[m] = moleculeSpecies[m + 1];
            moleculeFirstAtom[m] = moleculeFirstAtom[m + 1] - k;
        }
        Count -= k;
        MoleculeCount--;
        for (int a = first; a < Count; a++) moleculeOf[a]--;
        speciesCounts[species]--;
        Version++;
        TopologyVersion++;
    }

    /// <summary>Sets the positions of a range of atoms (a moved molecule).</summary>
    public void SetPositions(int firstAtom, ReadOnlySpan<Vec3> newPositions)
    {
        if (firstAtom < FrameworkAtomCount) throw new InvalidOperationException("framework atoms are rigid");
        newPositions.CopyTo(positions.AsSpan(firstAtom, newPositions.Length));
        Version++;
    }

    /// <summary>Marks positions as changed after engines wrote to <see cref="Positions"/> directly.</summary>
    public void PositionsChanged() => Version++;

    /// <summary>Carries out a move an energy model has evaluated.</summary>
    public void Apply(MoveProposal move)
    {
        switch (move.Kind)
        {
            case MoveKind.Displace:
                SetPositions(move.FirstAtom, move.NewPositions.AsSpan(0, move.AtomCount));
                break;
            case MoveKind.Insert:
                AddMolecule(move.Species, move.NewPositions.AsSpan(0, move.AtomCount));
                break;
            case MoveKind.Delete:
                RemoveMolecule(move.Molecule);
                break;
        }
    }

    /// <summary>Centre of mass of a molecule, unwrapped relative to its first atom.</summary>
    public Vec3 CentreOfMass(int molecule)
    {
        int first = moleculeFirstAtom[molecule];
        Species s = Species[moleculeSpecies[molecule]];
        if (s.IsSingleAtom || s.Mass == 0) return positions[first];
        Vec3 sum = Vec3.Zero;
        for (int a = 0; a < s.AtomCount; a++) sum += s.Masses[a] * positions[first + a];
        return sum / s.Mass;
    }

    /// <summary>A deep copy (for fallbacks, checkpoints and tests).</summary>
    public ParticleSystem Clone()
    {
        var copy = new ParticleSystem(Cell, Types, Species, Math.Max(Count, 1));
        for (int a = 0; a < FrameworkAtomCount; a++) copy.AddFrameworkAtom(typeOf[a], charges[a], positions[a]);
        for (int m = 0; m < MoleculeCount; m++)
            copy.AddMolecule(moleculeSpecies[m], positions.AsSpan(moleculeFirstAtom[m], AtomCountOf(m)));
        return copy;
    }

    /// <summary>The atoms as an immutable structure (for output), molecules numbered from 0.</summary>
    public Structure ToStructure() => new(
        Cell,
        Enumerable.Range(0, Count).Select(a => Types[typeOf[a]].Element),
        positions.Take(Count),
        Enumerable.Range(0, Count).Select(a => Types[typeOf[a]].Name),
        charges.Take(Count),
        moleculeOf.Take(Count));

    private void ShiftAtoms(int from, int to, int by)
    {
        if (from >= to || by == 0) return;
        Array.Copy(positions, from, positions, from + by, to - from);
        Array.Copy(typeOf, from, typeOf, from + by, to - from);
        Array.Copy(charges, from, charges, from + by, to - from);
        Array.Copy(moleculeOf, from, moleculeOf, from + by, to - from);
    }

    private void EnsureAtomCapacity(int needed)
    {
        if (needed <= positions.Length) return;
        int size = Math.Max(needed, 2 * positions.Length);
        Array.Resize(ref positions, size);
        Array.Resize(ref typeOf, size);
        Array.Resize(ref charges, size);
        Array.Resize(ref moleculeOf, size);
    }

    private void EnsureMoleculeCapacity(int needed)
    {
        if (needed <= moleculeSpecies.Length) return;
        int size = Math.Max(needed, 2 * moleculeSpecies.Length);
        Array.Resize(ref moleculeSpecies, size);
        Array.Resize(ref moleculeFirstAtom, size);
    }
}
