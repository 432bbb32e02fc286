using System.Globalization;
using System.Text.Json.Nodes;
using MatSim.Simulation.Config;
using MatSim.Simulation.Energy;
using MatSim.Simulation.Engines;
using MatSim.Simulation.Engines.MonteCarlo;
using MatSim.Simulation.IO.ExtXyz;
using MatSim.Simulation.Plugins;
using MatSim.Simulation.Random;
using MatSim.Simulation.Statistics;
using MatSim.Simulation.Units;

namespace MatSim.Simulation.Jobs;

/// <summary>Settings of an NVT Monte Carlo run.</summary>
public sealed record MonteCarloSettings
{
    public required double Temperature { get; init; }
    public required int EquilibrationCycles { get; init; }
    public required int ProductionCycles { get; init; }
    public int AdaptEvery { get; init; } = 10;
    public double TargetAcceptance { get; init; } = 0.5;
    public int Blocks { get; init; } = 10;
    public int PressureEvery { get; init; } = 10;
    public int TrajectoryEvery { get; init; }
    public int CheckpointEvery { get; init; } = 1000;
    public ReducedUnits? Reduced { get; init; }
}

/// <summary>
/// `job: mc` — NVT Metropolis Monte Carlo of molecules (translations, rotations): step sizes adapted
/// during equilibration, then frozen; block averages of energy and pressure; trajectory,
/// checkpoints, drift checks.
/// </summary>
public sealed class MonteCarloJobFactory(EnergyModelRegistry registry, MonteCarloMoveRegistry? moveRegistry = null) : IJobFactory
{
    public string Name => "mc";
    public string Description => "NVT Monte Carlo (translation and rotation moves) with block-averaged energy and pressure";

    public IReadOnlyList<OptionInfo> Options =>
    [
        new("temperature", "K", null, "temperature"),
        .. OptionPaths.Under("system", SystemConfiguration.Options),
        new("energy", "", null, "energy models, [{type: …}, …] (`matsim plugins list`)"),
        new("energy[].type", "", null, "a registered energy model; its options beside it"),
        new("moves", "", "translation (and rotation for molecules)", "MOVE: {weight, options…} for any registered move"),
        new("cycles.equilibration", "", null, "cycles before production (steps adapted)"),
        new("cycles.production", "", null, "cycles averaged"),
        new("adapt_every", "", "10", "cycles between step adaptations during equilibration"),
        new("target_acceptance", "", "0.5", "acceptance the steps adapt to"),
        new("blocks", "", "10", "blocks for error bars (at least 2)"),
        new("pressure_every", "", "10", "cycles between pressure samples (0: none)"),
        new("trajectory_every", "", "0", "cycles between trajectory frames (0: none)"),
        new("checkpoint_every", "", "1000", "cycles between checkpoints and drift checks"),
        .. ReducedUnits.Options,
    ];

    public IJob Bind(ConfigMap config, ulong seed)
    {
        double temperature = config.RequiredPositiveQuantity("temperature", Dimension.Temperature, "the temperature");
        SystemSetup setup = SystemConfiguration.Read(config.RequiredMap("system", "the system to simulate"), Rng.ForStream(seed, 1));
        IEnergyModel energy = registry.Build(config.Required("energy", "a list of energy models, e.g. [{type: lj, ...}]"), setup.Context);
        MinimumImageRange.Check(energy, setup.System.Cell, config.Optional("energy")!, "shorten the cutoff or give a larger cell");
        List<MonteCarloMove> moves = (moveRegistry ?? MonteCarloMoveRegistry.BuiltIn()).Build(config.OptionalMap("moves"), setup.System);
        ConfigMap cycles = config.RequiredMap("cycles", "equilibration and production cycle counts");
        var settings = new MonteCarloSettings
        {
            Temperature = temperature,
            EquilibrationCycles = cycles.RequiredCount("equilibration", "a number of cycles"),
            ProductionCycles = cycles.RequiredCount("production", "a number of cycles"),
            AdaptEvery = config.Count("adapt_every", 10),
            TargetAcceptance = config.Number("target_acceptance", 0.5),
            Blocks = config.Count("blocks", 10, minimum: 2),
            PressureEvery = config.Count("pressure_every", 10, minimum: 0),
            TrajectoryEvery = config.Count("trajectory_every", 0, minimum: 0),
            CheckpointEvery = config.Count("checkpoint_every", 1000),
            Reduced = ReducedUnits.Read(config),
        };
        cycles.EnsureNoUnknownKeys();
        if (settings.ProductionCycles < settings.Blocks)
            throw cycles.Node.Error($"production ({settings.ProductionCycles} cycles) must be at least the number of blocks ({settings.Blocks})");
        if (settings.TargetAcceptance is <= 0 or >= 1)
            throw config.Optional("target_acceptance")!.Error("target_acceptance must lie between 0 and 1");
        return new MonteCarloJob(setup, energy, moves, settings);
    }
}

internal sealed class MonteCarloJob(SystemSetup setup, IEnergyModel model, List<MonteCarloMove> moves, MonteCarloSettings settings) : IJob, ISinglePoint
{
    public (Systems.ParticleSystem System, IEnergyModel Model) SinglePoint() => (setup.System, model);

    public JsonObject Run(RunContext context)
    {
        var system = setup.System;
        Checkpoint? checkpoint = Checkpoint.Load(context.OutputDirectory, "mc", context.ConfigHash);
        checkpoint?.RestoreInto(system);
        IBoundEnergy energy = model.Bind(system);
        Rng rng = checkpoint != null ? Rng.FromState(checkpoint.Rng) : Rng.ForStream(context.Seed, 2);
        var engine = new MonteCarloEngine(system, energy, moves, settings.Temperature, rng);
        long production = settings.ProductionCycles;
        var pressure = new PressureEstimator(system, energy);
        var energyAverage = new SampledAverage("energy_per_molecule", settings.Blocks, Math.Max(production, settings.Blocks), 1,
            () => engine.State.TotalEnergy / Math.Max(1, system.MoleculeCount));
        long pressureSamples = settings.PressureEvery > 0 ? production / settings.PressureEvery : 0;
        SampledAverage? pressureAverage = pressureSamples >= settings.Blocks
            ? new SampledAverage("pressure", settings.Blocks, pressureSamples, settings.PressureEvery, () => pressure.Pressure(settings.Temperature))
            : null;
        using TrajectoryWriter? trajectory = settings.TrajectoryEvery > 0
            ? new TrajectoryWriter(Path.Combine(context.OutputDirectory, "trajectory.extxyz"), checkpoint?.TrajectoryBytes ?? 0)
            : null;
        var propagator = new MonteCarloPropagator(engine, settings.AdaptEvery, settings.TargetAcceptance, drift => string.Create(CultureInfo.InvariantCulture,
                $"E/molecule {engine.State.TotalEnergy / Math.Max(1, system.MoleculeCount):G8} eV, " +
                $"acceptance {string.Join(", ", moves.Select(m => $"{m.Name} {m.AcceptanceRatio:F3}"))}, drift so far {drift:G3} eV"), context.Log.Info);
        var loop = new ProductionLoop
        {
            Job = "mc",
            Phases = new ProductionPhases(settings.EquilibrationCycles, production, settings.CheckpointEvery),
            Engine = propagator,
            Observers = pressureAverage != null ? [energyAverage, pressureAverage] : [energyAverage],
            Trajectory = trajectory != null
                ? new TrajectoryOutput(trajectory, settings.TrajectoryEvery, (writer, cycle) => writer.Write(system.ToStructure(),
                    new Dictionary<string, string> { ["cycle"] = cycle.ToString(CultureInfo.InvariantCulture) }, engine.State.TotalEnergy))
                : null,
        };
        if (checkpoint != null) loop.Resume(checkpoint, context.Log);
        context.Log.Info($"{system.MoleculeCount} molecules, {system.Count} atoms, T = {settings.Temperature} K; " +
            $"{settings.EquilibrationCycles} equilibration + {production} production cycles of {engine.AttemptsPerCycle} moves");
        loop.Run(context, context.OutputDirectory, context.ConfigHash);
        return Results(context, engine, energyAverage.Result, pressureAverage?.Result, loop.MaxDrift, propagator.MaxTermDrifts);
    }

    private JsonObject Results(RunContext context, MonteCarloEngine engine, Estimate energy, Estimate? pressure, double maxDrift,
        IReadOnlyDictionary<string, double> termDrifts)
    {
        var system = setup.System;
        double volume = system.Cell!.Volume;
        var results = new JsonObject
        {
            ["temperature_K"] = settings.Temperature,
            ["molecules"] = system.MoleculeCount,
            ["atoms"] = system.Count,
            ["volume_angstrom3"] = volume,
            ["number_density_per_angstrom3"] = system.MoleculeCount / volume,
            ["cycles"] = new JsonObject { ["equilibration"] = settings.EquilibrationCycles, ["production"] = settings.ProductionCycles },
            ["blocks"] = settings.Blocks,
            ["energy_per_molecule"] = JobResults.Energy(energy),
            ["energy_terms"] = JobResults.EnergyTerms(model, engine.State.Energy, system, termDrifts),
            ["moves"] = JobResults.Moves(moves),
            ["max_energy_drift_eV"] = maxDrift,
        };
        if (pressure is { } p)
            results["pressure_bar"] = JobResults.Estimate(p, Units.Units.BarPerEvPerCubicAngstrom);
        if (settings.Reduced is { } reduced)
            results["reduced"] = reduced.Report(settings.Temperature, system.MoleculeCount / volume, energy, pressure);
        ProductionWarnings.Moves(context.Log, moves);
        ProductionWarnings.EnergyPerMolecule(context.Log, energy.Mean);
        string final = Path.Combine(context.OutputDirectory, "final.extxyz");
        ExtXyzWriter.WriteFile(final, [new ExtXyzFrame { Structure = system.ToStructure(), Energy = engine.State.TotalEnergy }]);
        context.Log.Info(string.Create(CultureInfo.InvariantCulture, $"E/molecule = {energy} eV") +
            (pressure is { } pp ? string.Create(CultureInfo.InvariantCulture, $", P = {pp.Mean * Units.Units.BarPerEvPerCubicAngstrom:G6} ± {pp.StandardError * Units.Units.BarPerEvPerCubicAngstrom:G3} bar") : ""));
        return results;
    }
}
