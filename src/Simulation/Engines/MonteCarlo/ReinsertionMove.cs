namespace MatSim.Simulation.Engines.MonteCarlo;

/// <summary>
/// Moves a random molecule of a species to a random position with a random orientation: a
/// symmetric proposal, accepted with min(1, exp(−β ΔU)). Escapes pockets translations cannot leave.
/// </summary>
public sealed class ReinsertionMove(double weight, int species) : MonteCarloMove(weight)
{
    public override string Name => "reinsertion";
    public override int? Species => species;

    public override bool CanAttempt(MonteCarloState state) => state.System.CountOf(species) > 0;

    protected override bool Try(MonteCarloState state)
    {
        int molecule = RandomMolecule(state, s => s == species);
        if (molecule < 0) return false;
        var target = state.Proposal.Displace(state.System, molecule);
        state.System.Species[species].Place(RandomPoint(state), state.Rng.NextRotation(), target);
        return state.AcceptOrReject(state.Energy.Propose(state.Proposal));
    }
}
