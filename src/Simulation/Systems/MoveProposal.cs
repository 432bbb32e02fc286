using MatSim.Simulation.Geometry;

namespace MatSim.Simulation.Systems;

/// <summary>What an MC move does to the system.</summary>
public enum MoveKind
{
    /// <summary>A molecule's atoms go to new positions (translation, rotation, reinsertion).</summary>
    Displace,
    /// <summary>A new molecule is appended (it gets index MoleculeCount and atoms from Count on).</summary>
    Insert,
    /// <summary>A molecule is removed (later atoms shift down by its size).</summary>
    Delete,
}

/// <summary>
/// A proposed change of one molecule, filled by an MC move and evaluated by energy models before
/// the engine decides. One instance is reused across moves (no allocation per move).
/// </summary>
public sealed class MoveProposal
{
    public MoveKind Kind { get; private set; }
    public int Molecule { get; private set; }
    public int Species { get; private set; }
    public int FirstAtom { get; private set; }
    public int AtomCount { get; private set; }
    /// <summary>New positions of the molecule's atoms (displace, insert); valid up to <see cref="AtomCount"/>.</summary>
    public Vec3[] NewPositions { get; private set; } = new Vec3[8];

    public ReadOnlySpan<Vec3> Positions => NewPositions.AsSpan(0, AtomCount);

    /// <summary>Prepares a displacement of molecule <paramref name="molecule"/>; fill <see cref="NewPositions"/> next.</summary>
    public Span<Vec3> Displace(ParticleSystem system, int molecule)
    {
        Set(MoveKind.Displace, molecule, system.SpeciesOf(molecule), system.FirstAtomOf(molecule), system.AtomCountOf(molecule));
        return NewPositions.AsSpan(0, AtomCount);
    }

    /// <summary>Prepares an insertion of a molecule of a species; fill <see cref="NewPositions"/> next.</summary>
    public Span<Vec3> Insert(ParticleSystem system, int species)
    {
        Set(MoveKind.Insert, system.MoleculeCount, species, system.Count, system.Species[species].AtomCount);
        return NewPositions.AsSpan(0, AtomCount);
    }

    /// <summary>Prepares the deletion of a molecule.</summary>
    public void Delete(ParticleSystem system, int molecule) =>
        Set(MoveKind.Delete, molecule, system.SpeciesOf(molecule), system.FirstAtomOf(molecule), system.AtomCountOf(molecule));

    private void Set(MoveKind kind, int molecule, int species, int firstAtom, int atomCount)
    {
        Kind = kind;
        Molecule = molecule;
        Species = species;
        FirstAtom = firstAtom;
        AtomCount = atomCount;
        if (NewPositions.Length < atomCount) NewPositions = new Vec3[atomCount];
    }
}
