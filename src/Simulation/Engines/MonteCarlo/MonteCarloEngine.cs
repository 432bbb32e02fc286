using MatSim.Simulation.Energy;
using MatSim.Simulation.Random;
using MatSim.Simulation.Systems;

namespace MatSim.Simulation.Engines.MonteCarlo;

/// <summary>
/// Metropolis Monte Carlo: a cycle is max(20, molecules) attempts, each of a move chosen by
/// weight. The running energy is the sum of accepted energy changes; <see cref="CheckDrift"/>
/// compares it with a full recomputation (and resynchronises), as RASPA does after every block.
/// </summary>
public sealed class MonteCarloEngine
{
    private readonly MonteCarloMove[] moves;
    private readonly double totalWeight;

    public MonteCarloState State { get; }
    public IReadOnlyList<MonteCarloMove> Moves => moves;
    public long Cycle { get; set; }

    public MonteCarloEngine(ParticleSystem system, IBoundEnergy energy, IEnumerable<MonteCarloMove> moves, double temperature, Rng rng)
    {
        this.moves = moves.ToArray();
        if (this.moves.Length == 0) throw new ArgumentException("a Monte Carlo run needs at least one move", nameof(moves));
        totalWeight = this.moves.Sum(m => m.Weight);
        State = new MonteCarloState(system, energy, rng, temperature);
        State.TotalEnergy = FullEnergy();   // the terms' running energies start here too
        TermDrifts = null;
    }

    /// <summary>A full evaluation; for a sum of models it also resynchronises each term's running energy (<see cref="TermDrifts"/>).</summary>
    private double FullEnergy()
    {
        if (State.Energy is not ITermLedger ledger) return State.Energy.TotalEnergy(State.System);
        double full = ledger.Resynchronise(State.System, out double[] drifts);
        TermDrifts = drifts;
        return full;
    }

    /// <summary>The drift of each term of a sum at the last check (running − full, eV), in the order of its names; null for one model.</summary>
    public double[]? TermDrifts { get; private set; }

    public int AttemptsPerCycle => Math.Max(20, State.System.MoleculeCount);

    public void RunCycle()
    {
        int attempts = AttemptsPerCycle;
        for (int i = 0; i < attempts; i++)
        {
            MonteCarloMove move = Choose();
            if (move.CanAttempt(State)) move.Attempt(State);
        }
        Cycle++;
    }

    private MonteCarloMove Choose()
    {
        double pick = State.Rng.NextDouble() * totalWeight;
        foreach (MonteCarloMove move in moves)
        {
            pick -= move.Weight;
            if (pick < 0) return move;
        }
        return moves[^1];
    }

    public void AdaptSteps(double targetAcceptance)
    {
        foreach (MonteCarloMove move in moves) move.Adapt(State, targetAcceptance);
    }

    /// <summary>Recomputes the energy from scratch; returns running − full (eV) and adopts the full value.</summary>
    public double CheckDrift()
    {
        State.Energy.Refresh();
        double full = FullEnergy();
        double drift = State.TotalEnergy - full;
        State.TotalEnergy = full;
        return drift;
    }
}
