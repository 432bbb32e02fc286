namespace MatSim.Simulation.Engines.MonteCarlo;

/// <summary>
/// Widom test-particle insertion as a move of a running simulation (Widom, J. Chem. Phys. 39, 2808 (1963)): a molecule
/// of the species at a random point and orientation, its insertion energy ΔU evaluated and never kept (the move is
/// never accepted). It sums W = e^{−βΔU}, ΔU·W and the insertions until an observer takes them
/// (<see cref="Take"/>), e.g. once per production cycle; what equilibration inserted is dropped.
/// In the grand-canonical ensemble ⟨N⟩ = β f V ⟨W⟩ exactly, and μ_ex = −k_B T ln⟨W⟩.
/// </summary>
public sealed class WidomMove(double weight, int species) : MonteCarloMove(weight)
{
    private double boltzmann, weightedEnergy;
    private long insertions;

    public override string Name => "widom";
    public override int? Species => species;

    public override bool CanAttempt(MonteCarloState state) => state.System.Cell != null;

    protected override bool Try(MonteCarloState state)
    {
        var (w, energy) = WidomSampler.TestInsertion(state, species);
        boltzmann += w;
        weightedEnergy += energy;
        insertions++;
        return false;
    }

    /// <summary>Σ W, Σ ΔU·W (eV) and the number of insertions since the last call, and starts summing anew.</summary>
    public (double Boltzmann, double WeightedEnergy, long Insertions) Take()
    {
        var sums = (boltzmann, weightedEnergy, insertions);
        boltzmann = weightedEnergy = 0;
        insertions = 0;
        return sums;
    }

    protected override void OnStatisticsReset() => Take();
}
