using MatSim.Simulation.Energy;
using MatSim.Simulation.Random;
using MatSim.Simulation.Systems;

namespace MatSim.Simulation.Engines.MonteCarlo;

/// <summary>What a move may use: the system, its bound energy, the random stream and β = 1/k_B T.</summary>
public sealed class MonteCarloState(ParticleSystem system, IBoundEnergy energy, Rng rng, double temperature)
{
    public ParticleSystem System { get; } = system;
    public IBoundEnergy Energy { get; } = energy;
    public Rng Rng { get; } = rng;
    public double Temperature { get; } = temperature;
    public double Beta { get; } = 1 / (Units.Units.Boltzmann * temperature);
    /// <summary>The running total energy (eV), updated by every accepted move.</summary>
    public double TotalEnergy { get; set; }
    public MoveProposal Proposal { get; } = new();

    /// <summary>
    /// Metropolis acceptance with probability min(1, exp(−β ΔE) · <paramref name="bias"/>): the
    /// move is applied and the energy model told, or nothing changes.
    /// </summary>
    public bool AcceptOrReject(double deltaEnergy, double bias = 1)
    {
        double exponent = -Beta * deltaEnergy;
        bool accept = exponent >= 0 && bias >= 1 || Rng.NextDouble() < bias * Math.Exp(Math.Min(exponent, 700));
        if (!accept) return false;
        System.Apply(Proposal);
        Energy.Commit();
        TotalEnergy += deltaEnergy;
        return true;
    }
}

/// <summary>
/// An MC move: picks a molecule it applies to, proposes, asks the energy model for ΔE and accepts
/// or rejects. Keeps its statistics and, during equilibration, adapts its step size towards a
/// target acceptance. Open for plug-ins: a new move derives from this class.
/// </summary>
public abstract class MonteCarloMove(double weight)
{
    private long windowAttempts, windowAccepted;

    public abstract string Name { get; }
    /// <summary>The species the move acts on, or null for any.</summary>
    public virtual int? Species => null;
    /// <summary>Relative probability of choosing this move (a job may rescale it, e.g. gcmc's share per component).</summary>
    public double Weight { get; set; } = weight;
    public long Attempts { get; private set; }
    public long Accepted { get; private set; }
    public double AcceptanceRatio => Attempts == 0 ? 0 : Accepted / (double)Attempts;
    /// <summary>The adaptable step (Å, rad), or NaN for moves without one.</summary>
    public virtual double StepSize { get; set; } = double.NaN;
    /// <summary>The largest sensible step (half the cell, π).</summary>
    protected virtual double MaximumStep(MonteCarloState state) => double.PositiveInfinity;

    /// <summary>True when the system holds something this move can act on.</summary>
    public abstract bool CanAttempt(MonteCarloState state);

    /// <summary>One attempt; true when accepted.</summary>
    public bool Attempt(MonteCarloState state)
    {
        bool accepted = Try(state);
        Attempts++;
        windowAttempts++;
        if (accepted)
        {
            Accepted++;
            windowAccepted++;
        }
        return accepted;
    }

    protected abstract bool Try(MonteCarloState state);

    /// <summary>Scales the step by the ratio of the recent acceptance to the target (within ×½ … ×2).</summary>
    public void Adapt(MonteCarloState state, double targetAcceptance)
    {
        if (double.IsNaN(StepSize) || windowAttempts == 0) return;
        double ratio = windowAccepted / (double)windowAttempts / targetAcceptance;
        StepSize = Math.Min(MaximumStep(state), StepSize * Math.Clamp(ratio, 0.5, 2.0));
        windowAttempts = windowAccepted = 0;
    }

    /// <summary>Starts counting anew (statistics of production only).</summary>
    public void ResetStatistics()
    {
        Attempts = Accepted = windowAttempts = windowAccepted = 0;
        OnStatisticsReset();
    }

    /// <summary>What a move with statistics of its own drops when counting starts anew.</summary>
    protected virtual void OnStatisticsReset()
    {
    }

    /// <summary>Name and species: what identifies the move in statistics and checkpoints (unique among a run's moves).</summary>
    public virtual string Key => Species is { } s ? $"{Name}:{s}" : Name;

    public MoveRecord Save() => new(Key, StepSize, Attempts, Accepted, windowAttempts, windowAccepted);

    public void Restore(MoveRecord record)
    {
        StepSize = record.StepSize;
        Attempts = record.Attempts;
        Accepted = record.Accepted;
        windowAttempts = record.WindowAttempts;
        windowAccepted = record.WindowAccepted;
    }

    /// <summary>A molecule chosen uniformly among those of the eligible species, or −1.</summary>
    protected static int RandomMolecule(MonteCarloState state, Func<int, bool> eligibleSpecies)
    {
        ParticleSystem system = state.System;
        int eligible = 0;
        for (int s = 0; s < system.Species.Count; s++)
            if (eligibleSpecies(s)) eligible += system.CountOf(s);
        if (eligible == 0) return -1;
        int pick = state.Rng.NextInt(eligible);
        for (int m = 0; m < system.MoleculeCount; m++)
        {
            if (!eligibleSpecies(system.SpeciesOf(m))) continue;
            if (pick-- == 0) return m;
        }
        return -1;
    }

    /// <summary>A point uniformly distributed in the cell.</summary>
    protected static Geometry.Vec3 RandomPoint(MonteCarloState state)
    {
        Geometry.Cell cell = state.System.Cell ?? throw new InvalidOperationException("insertions need a periodic cell");
        var rng = state.Rng;
        return cell.ToCartesian(new Geometry.Vec3(rng.NextDouble(), rng.NextDouble(), rng.NextDouble()));
    }
}

/// <summary>A move's state in a checkpoint.</summary>
public sealed record MoveRecord(string Name, double StepSize, long Attempts, long Accepted, long WindowAttempts, long WindowAccepted);
