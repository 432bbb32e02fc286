using MatSim.Simulation.Geometry;
using MatSim.Simulation.Systems;

namespace MatSim.Simulation.Engines.MonteCarlo;

/// <summary>
/// Changes a random molecule of one species into one of another at the same centre of mass with a
/// random orientation (semi-grand moves for mixtures; Frenkel &amp; Smit §10.3): accepted with
/// min(1, f_B N_A / (f_A (N_B + 1)) · e^{−βΔU}). Carried out as a deletion then an insertion; a
/// rejected change puts the original molecule back.
/// </summary>
public sealed class IdentityChangeMove(double weight, int from, double fromFugacity, int to, double toFugacity) : MonteCarloMove(weight)
{
    private Vec3[] saved = new Vec3[8];

    public override string Name => "identity_change";
    public override int? Species => from;
    /// <summary>One move per target species: the target is part of the key.</summary>
    public override string Key => $"{Name}:{from}>{to}";

    public override bool CanAttempt(MonteCarloState state) => state.System.CountOf(from) > 0;

    protected override bool Try(MonteCarloState state)
    {
        ParticleSystem system = state.System;
        int molecule = RandomMolecule(state, s => s == from);
        if (molecule < 0) return false;
        int nFrom = system.CountOf(from), nTo = system.CountOf(to);
        Vec3 centre = system.CentreOfMass(molecule);
        int atoms = system.AtomCountOf(molecule);
        if (saved.Length < atoms) saved = new Vec3[atoms];
        system.Positions.Slice(system.FirstAtomOf(molecule), atoms).CopyTo(saved);

        state.Proposal.Delete(system, molecule);
        double removal = state.Energy.Propose(state.Proposal);
        system.Apply(state.Proposal);
        state.Energy.Commit();
        var target = state.Proposal.Insert(system, to);
        system.Species[to].Place(centre, state.Rng.NextRotation(), target);
        double addition = state.Energy.Propose(state.Proposal);
        // the deletion is already applied: fold its e^{−βΔU} into the bias of the insertion
        double bias = toFugacity * nFrom / (fromFugacity * (nTo + 1)) * Math.Exp(-state.Beta * removal);
        state.TotalEnergy += removal;
        if (state.AcceptOrReject(addition, bias)) return true;
        // put the original back (appended: the order of molecules carries no meaning)
        target = state.Proposal.Insert(system, from);
        saved.AsSpan(0, atoms).CopyTo(target);
        state.TotalEnergy += state.Energy.Propose(state.Proposal);
        system.Apply(state.Proposal);
        state.Energy.Commit();
        return false;
    }
}
