using MatSim.Simulation.Geometry;
using MatSim.Simulation.Systems;

namespace MatSim.Simulation.Energy;

/// <summary>
/// Base for bound models without an incremental evaluation: a proposed move is applied to the
/// system, the whole energy recomputed, and the move undone. Always correct, O(N) per move;
/// models override <see cref="Propose"/> and <see cref="Commit"/> when they can do better.
/// </summary>
public abstract class FullRecomputeFallback(ParticleSystem system) : IBoundEnergy
{
    private readonly EnergyEvaluation scratch = new();
    private double currentEnergy;
    private long currentVersion = -1;
    private double proposedEnergy;
    private Vec3[] saved = new Vec3[8];

    protected ParticleSystem System { get; } = system;

    public abstract string Name { get; }
    public abstract void Compute(EnergyEvaluation output);

    public virtual double Propose(MoveProposal move)
    {
        double before = CurrentEnergy();
        ApplyTemporarily(move);
        Refresh();
        proposedEnergy = EnergyNow();
        Undo(move);
        Refresh();
        return proposedEnergy - before;
    }

    public virtual void Commit()
    {
        Refresh();
        currentEnergy = proposedEnergy;
        currentVersion = System.Version;
    }

    public virtual void Refresh()
    {
    }

    private double CurrentEnergy()
    {
        if (currentVersion != System.Version)
        {
            currentEnergy = EnergyNow();
            currentVersion = System.Version;
        }
        return currentEnergy;
    }

    private double EnergyNow()
    {
        scratch.Reset(System.Count, EnergyRequest.Energy);
        Compute(scratch);
        return scratch.Energy;
    }

    private void ApplyTemporarily(MoveProposal move)
    {
        if (saved.Length < move.AtomCount) saved = new Vec3[move.AtomCount];
        if (move.Kind != MoveKind.Insert) System.Positions.Slice(move.FirstAtom, move.AtomCount).CopyTo(saved);
        System.Apply(move);
    }

    private void Undo(MoveProposal move)
    {
        switch (move.Kind)
        {
            case MoveKind.Displace:
                System.SetPositions(move.FirstAtom, saved.AsSpan(0, move.AtomCount));
                break;
            case MoveKind.Insert:
                System.RemoveMolecule(System.MoleculeCount - 1);
                break;
            case MoveKind.Delete:
                System.InsertMolecule(move.Molecule, move.Species, saved.AsSpan(0, move.AtomCount));
                break;
        }
    }
}
