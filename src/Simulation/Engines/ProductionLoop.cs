using System.Globalization;
using MatSim.Simulation.Jobs;
using MatSim.Simulation.Systems;

namespace MatSim.Simulation.Engines;

/// <summary>How long a run is and how often it stops to check itself (checkpoint, drift).</summary>
public sealed record ProductionPhases(long Equilibration, long Production, long CheckpointEvery)
{
    public long Total => Equilibration + Production;
}

/// <summary>The engine side of a run (MC: a step is a cycle; MD: a time step): what differs between engines.</summary>
public interface IPropagator
{
    ParticleSystem System { get; }
    /// <summary>The energy the engine follows (its domain watches are reported at checkpoints).</summary>
    Energy.IBoundEnergy Energy { get; }
    long Step { get; set; }
    ulong[] RandomState { get; }
    /// <summary>One step; <paramref name="production"/>: the step is one of production.</summary>
    void Advance(bool production);
    /// <summary>After each step of equilibration (MC adapts its steps).</summary>
    void Equilibrating(long step);
    /// <summary>At the end of equilibration (MC freezes its steps and clears its move statistics).</summary>
    void Equilibrated();
    /// <summary>A full recomputation of what runs incrementally; returns how far the running value had drifted (eV).</summary>
    double Resynchronise();
    /// <summary>The engine's part of a checkpoint (energy, moves, velocities, its own values).</summary>
    Checkpoint Saved(Checkpoint checkpoint);
    void Restore(Checkpoint checkpoint);
    /// <summary>The line logged at a checkpoint after "cycle 1000/5000: ".</summary>
    string Status(double maxDrift);
}

/// <summary>Something measured on production steps, kept in checkpoints (block averages, fluctuations, running values).</summary>
public interface IProductionObserver
{
    /// <summary>After production step <paramref name="productionStep"/>, counted from 1 at the first production step.</summary>
    void Observe(long productionStep);
    Checkpoint Saved(Checkpoint checkpoint);
    void Restore(Checkpoint checkpoint);
}

/// <summary>A trajectory written every <paramref name="Every"/> steps of the whole run.</summary>
public sealed record TrajectoryOutput(TrajectoryWriter Writer, long Every, Action<TrajectoryWriter, long> Write);

/// <summary>
/// The run loop of every engine (mc, md, gcmc): equilibration then production, a progress line every 10 s, at every
/// checkpoint interval, at the end of equilibration and at the end a full recomputation (the drift check, which also
/// makes a resumed run continue bit for bit) and an atomic checkpoint; observers sample the production steps. At each
/// checkpoint a model evaluated outside its domain since the last one (a learned model beyond its training range) is
/// named in the log with its counts, which checkpoints keep.
/// </summary>
public sealed class ProductionLoop
{
    public required string Job { get; init; }
    public required ProductionPhases Phases { get; init; }
    public required IPropagator Engine { get; init; }
    public IReadOnlyList<IProductionObserver> Observers { get; init; } = [];
    public TrajectoryOutput? Trajectory { get; init; }
    /// <summary>Prefix of log lines ("10 bar: ") where one job runs several loops.</summary>
    public string Label { get; init; } = "";
    /// <summary>What a step is called in log lines ("cycle", "step").</summary>
    public string StepName { get; init; } = "cycle";

    /// <summary>The largest drift the checks found (eV), restored with the checkpoint.</summary>
    public double MaxDrift { get; private set; }

    /// <summary>Continues a checkpoint's state (already restored into the system by the job, before binding its energy).</summary>
    public void Resume(Checkpoint checkpoint, RunLog log)
    {
        Engine.Restore(checkpoint);
        foreach (IProductionObserver observer in Observers) observer.Restore(checkpoint);
        MaxDrift = checkpoint.Values.GetValueOrDefault("max_drift");
        Extrapolation.Restore(checkpoint);
        log.Info($"{Label}resumed from {StepName} {checkpoint.Step} (checkpoint)");
    }

    /// <summary>Runs to the end, checkpointing into <paramref name="folder"/> under <paramref name="configHash"/>.</summary>
    public void Run(RunContext context, string folder, string configHash)
    {
        long total = Phases.Total, equilibration = Phases.Equilibration;
        var progress = new ProgressReporter(context.Log, Label + StepName, StepName + "s", total, Engine.Step);
        while (Engine.Step < total)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            progress.Report(Engine.Step);
            Engine.Advance(production: Engine.Step + 1 > equilibration);
            long step = Engine.Step;
            if (step <= equilibration) Engine.Equilibrating(step);
            if (step == equilibration) Engine.Equilibrated();
            if (step > equilibration)
                foreach (IProductionObserver observer in Observers) observer.Observe(step - equilibration);
            if (Trajectory is { } trajectory && step % trajectory.Every == 0) trajectory.Write(trajectory.Writer, step);
            if (step % Phases.CheckpointEvery == 0 || step == equilibration || step == total)
            {
                MaxDrift = Math.Max(MaxDrift, Math.Abs(Engine.Resynchronise()));
                Save(folder, configHash, finished: step == total);
                context.Log.Info(string.Create(CultureInfo.InvariantCulture, $"{Label}{StepName} {step}/{total}: {Engine.Status(MaxDrift)}"));
                Extrapolation.Report(context.Log, Label);
            }
        }
    }

    private ExtrapolationLog? extrapolation;
    private ExtrapolationLog Extrapolation => extrapolation ??= new ExtrapolationLog(Engine.Energy);

    private void Save(string folder, string configHash, bool finished)
    {
        var checkpoint = new Checkpoint
        {
            Job = Job, ConfigHash = configHash, Step = Engine.Step, Finished = finished, Rng = Engine.RandomState,
            Cell = Checkpoint.CellOf(Engine.System), Molecules = Checkpoint.MoleculesOf(Engine.System),
            Values = new Dictionary<string, double> { ["max_drift"] = MaxDrift }, TrajectoryBytes = Trajectory?.Writer.Length ?? 0,
        };
        Extrapolation.Save(checkpoint);
        checkpoint = Engine.Saved(checkpoint);
        foreach (IProductionObserver observer in Observers) checkpoint = observer.Saved(checkpoint);
        checkpoint.Save(folder);
    }
}
