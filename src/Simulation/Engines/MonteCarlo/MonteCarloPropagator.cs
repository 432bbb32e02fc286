using System.Globalization;
using MatSim.Simulation.Systems;

namespace MatSim.Simulation.Engines.MonteCarlo;

/// <summary>
/// Monte Carlo in the production loop: a step is a cycle; during equilibration the steps adapt every
/// <paramref name="adaptEvery"/> cycles towards <paramref name="targetAcceptance"/>, then freeze; the drift check
/// compares the running energy with a full recomputation.
/// </summary>
public sealed class MonteCarloPropagator(MonteCarloEngine engine, int adaptEvery, double targetAcceptance, Func<double, string> status,
    Action<string>? log = null) : IPropagator
{
    public MonteCarloEngine Engine => engine;
    public ParticleSystem System => engine.State.System;
    public Energy.IBoundEnergy Energy => engine.State.Energy;
    public long Step { get => engine.Cycle; set => engine.Cycle = value; }
    public ulong[] RandomState => engine.State.Rng.State;

    public void Advance(bool production) => engine.RunCycle();

    public void Equilibrating(long step)
    {
        if (step % adaptEvery == 0) engine.AdaptSteps(targetAcceptance);
    }

    public void Equilibrated()
    {
        foreach (MonteCarloMove move in engine.Moves) move.ResetStatistics();
        log?.Invoke("equilibration done; step sizes frozen: " +
            string.Join(", ", engine.Moves.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Name} {m.StepSize:G4}"))));
    }

    /// <summary>The largest drift of each term of the energy (|running − full|, eV) at the checks so far, by term name.</summary>
    public IReadOnlyDictionary<string, double> MaxTermDrifts => maxTermDrifts;
    private readonly Dictionary<string, double> maxTermDrifts = new(StringComparer.Ordinal);
    private const string TermDriftKey = "max_drift:";

    public double Resynchronise()
    {
        double drift = engine.CheckDrift();
        if (engine.TermDrifts is { } terms && engine.State.Energy is Energy.ITermLedger ledger)
            for (int i = 0; i < terms.Length; i++)
                maxTermDrifts[ledger.TermNames[i]] = Math.Max(maxTermDrifts.GetValueOrDefault(ledger.TermNames[i]), Math.Abs(terms[i]));
        return drift;
    }

    public Checkpoint Saved(Checkpoint checkpoint)
    {
        foreach (var (term, drift) in maxTermDrifts) checkpoint.Values[TermDriftKey + term] = drift;
        return checkpoint with { Energy = engine.State.TotalEnergy, Moves = engine.Moves.Select(m => m.Save()).ToList() };
    }

    public void Restore(Checkpoint checkpoint)
    {
        foreach (var (key, drift) in checkpoint.Values.Where(v => v.Key.StartsWith(TermDriftKey, StringComparison.Ordinal)))
            maxTermDrifts[key[TermDriftKey.Length..]] = drift;
        engine.Cycle = checkpoint.Step;
        foreach (MoveRecord record in checkpoint.Moves) engine.Moves.First(m => m.Key == record.Name).Restore(record);
    }

    public string Status(double maxDrift) => status(maxDrift);
}
