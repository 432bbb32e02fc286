namespace MatSim.Simulation.Engines.MonteCarlo;

/// <summary>
/// Moves a random molecule (of a species, or of any) to a random position with a random orientation: a
/// symmetric proposal, accepted with min(1, exp(−β ΔU)). Escapes pockets translations cannot leave.
/// </summary>
public sealed class ReinsertionMove(double weight, int? species = null) : MonteCarloMove(weight)
{
    public override string Name => "reinsertion";
    public override int? Species => species;

    public override bool CanAttempt(MonteCarloState state) => species is { } s ? state.System.CountOf(s) > 0 : state.System.MoleculeCount > 0;

    protected override bool Try(MonteCarloState state)
    {
        int molecule = RandomMolecule(state, s => species == null || s == species);
        if (molecule < 0) return false;
        var target = state.Proposal.Displace(state.System, molecule);
        state.System.Species[state.System.SpeciesOf(molecule)].Place(RandomPoint(state), state.Rng.NextRotation(), target);
        return state.AcceptOrReject(state.Energy.Propose(state.Proposal));
    }
}
