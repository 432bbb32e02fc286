namespace MatSim.Simulation.Engines.MonteCarlo;

/// <summary>
/// Grand-canonical insertion or deletion (equal chance) of a molecule of a species in contact
/// with a reservoir at fugacity f (Frenkel &amp; Smit, Understanding Molecular Simulation, 2nd ed.,
/// §5.6): insertion at a random position and orientation with min(1, β f V / (N + 1) · e^{−βΔU}),
/// deletion of a random molecule with min(1, N / (β f V) · e^{−βΔU}). For rigid molecules the
/// intramolecular partition function is the same in the reservoir and cancels.
/// </summary>
public sealed class SwapMove(double weight, int species, double fugacity) : MonteCarloMove(weight)
{
    public override string Name => "swap";
    public override int? Species => species;
    /// <summary>Fugacity in eV/Å³.</summary>
    public double Fugacity { get; } = fugacity;

    public override bool CanAttempt(MonteCarloState state) => true;

    protected override bool Try(MonteCarloState state)
    {
        var system = state.System;
        double betaFV = state.Beta * Fugacity * system.Cell!.Volume;
        int count = system.CountOf(species);
        if (state.Rng.NextDouble() < 0.5)
        {
            var target = state.Proposal.Insert(system, species);
            system.Species[species].Place(RandomPoint(state), state.Rng.NextRotation(), target);
            return state.AcceptOrReject(state.Energy.Propose(state.Proposal), betaFV / (count + 1));
        }
        if (count == 0) return false;
        int molecule = RandomMolecule(state, s => s == species);
        state.Proposal.Delete(system, molecule);
        return state.AcceptOrReject(state.Energy.Propose(state.Proposal), count / betaFV);
    }
}
