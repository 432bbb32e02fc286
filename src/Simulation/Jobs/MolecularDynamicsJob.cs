using System.Globalization;
using System.Text.Json.Nodes;
using MatSim.Simulation.Config;
using MatSim.Simulation.Energy;
using MatSim.Simulation.Engines;
using MatSim.Simulation.Engines.Dynamics;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.IO.ExtXyz;
using MatSim.Simulation.Plugins;
using MatSim.Simulation.Random;
using MatSim.Simulation.Statistics;
using MatSim.Simulation.Units;

namespace MatSim.Simulation.Jobs;

/// <summary>Settings of a molecular dynamics run.</summary>
public sealed record DynamicsSettings
{
    public required double Temperature { get; init; }
    public required double TimeStep { get; init; }
    public required ThermostatOptions Thermostat { get; init; }
    public required int EquilibrationSteps { get; init; }
    public required int ProductionSteps { get; init; }
    public int SampleEvery { get; init; } = 10;
    public int Blocks { get; init; } = 10;
    public int TrajectoryEvery { get; init; }
    public int CheckpointEvery { get; init; } = 10_000;
    public ReducedUnits? Reduced { get; init; }
}

/// <summary>
/// `job: md` — molecular dynamics of atoms: velocity Verlet (NVE), Langevin (BAOAB) or CSVR;
/// block averages of temperature, potential and total energy and pressure; energy drift;
/// trajectory and checkpoints.
/// </summary>
public sealed class MolecularDynamicsJobFactory(EnergyModelRegistry registry) : IJobFactory
{
    public string Name => "md";
    public string Description => "molecular dynamics (NVE velocity Verlet, Langevin BAOAB, CSVR) with block averages";

    public IReadOnlyList<OptionInfo> Options =>
    [
        new("temperature", "K", null, "initial (and thermostat) temperature"),
        new("time_step", "fs", null, "integration time step"),
        .. OptionPaths.Under("system", SystemConfiguration.Options),
        new("energy", "", null, "energy models, [{type: …}, …] (`matsim plugins list`)"),
        new("energy[].type", "", null, "a registered energy model; its options beside it"),
        new("thermostat.type", "", "none", "none | langevin | csvr"),
        new("thermostat.time_constant", "fs", "with a thermostat", "its time constant"),
        new("steps.equilibration", "", null, "steps before production"),
        new("steps.production", "", null, "steps averaged"),
        new("sample_every", "", "10", "steps between samples"),
        new("blocks", "", "10", "blocks for error bars (at least 2)"),
        new("trajectory_every", "", "0", "steps between trajectory frames (0: none)"),
        new("checkpoint_every", "", "10000", "steps between checkpoints"),
        .. ReducedUnits.Options,
    ];

    public IJob Bind(ConfigMap config, ulong seed)
    {
        double temperature = config.RequiredPositiveQuantity("temperature", Dimension.Temperature, "the initial (and thermostat) temperature");
        double timeStep = config.RequiredPositiveQuantity("time_step", Dimension.Time, "the integration time step");
        SystemSetup setup = SystemConfiguration.Read(config.RequiredMap("system", "the system to simulate"), Rng.ForStream(seed, 1));
        IEnergyModel energy = registry.Build(config.Required("energy", "a list of energy models, e.g. [{type: lj, ...}]"), setup.Context);
        ThermostatOptions thermostat = ThermostatOptions.None;
        if (config.OptionalMap("thermostat") is { } t)
        {
            string kind = t.Choice("type", "none", "none", "langevin", "csvr");
            double tau = kind == "none" ? 0 : t.RequiredPositiveQuantity("time_constant", Dimension.Time, "the thermostat's time constant");
            thermostat = new ThermostatOptions(kind switch { "langevin" => ThermostatKind.Langevin, "csvr" => ThermostatKind.Csvr, _ => ThermostatKind.None },
                temperature, tau);
            t.EnsureNoUnknownKeys();
        }
        ConfigMap steps = config.RequiredMap("steps", "equilibration and production step counts");
        var settings = new DynamicsSettings
        {
            Temperature = temperature,
            TimeStep = timeStep,
            Thermostat = thermostat,
            EquilibrationSteps = steps.RequiredCount("equilibration", "a number of steps"),
            ProductionSteps = steps.RequiredCount("production", "a number of steps"),
            SampleEvery = config.Count("sample_every", 10),
            Blocks = config.Count("blocks", 10, minimum: 2),
            TrajectoryEvery = config.Count("trajectory_every", 0, minimum: 0),
            CheckpointEvery = config.Count("checkpoint_every", 10_000),
            Reduced = ReducedUnits.Read(config),
        };
        steps.EnsureNoUnknownKeys();
        if (settings.ProductionSteps / settings.SampleEvery < settings.Blocks)
            throw steps.Node.Error($"production gives {settings.ProductionSteps / settings.SampleEvery} samples, fewer than the {settings.Blocks} blocks");
        if (setup.System.Species.Any(s => !s.IsSingleAtom))
            throw config.Required("system", "").Error("molecular dynamics of rigid multi-atom molecules is not supported; use job: mc");
        return new MolecularDynamicsJob(setup, energy, settings);
    }
}

internal sealed class MolecularDynamicsJob(SystemSetup setup, IEnergyModel model, DynamicsSettings settings) : IJob, ISinglePoint
{
    public (Systems.ParticleSystem System, IEnergyModel Model) SinglePoint() => (setup.System, model);

    public JsonObject Run(RunContext context)
    {
        var system = setup.System;
        Checkpoint? checkpoint = Checkpoint.Load(context.OutputDirectory, "md", context.ConfigHash);
        checkpoint?.RestoreInto(system);
        IBoundEnergy energy = model.Bind(system);
        Rng rng = checkpoint != null ? Rng.FromState(checkpoint.Rng) : Rng.ForStream(context.Seed, 2);
        var md = new MolecularDynamicsEngine(system, energy, settings.TimeStep, settings.Thermostat, rng);
        int samples = settings.ProductionSteps / settings.SampleEvery;
        SampledAverage Average(string name, Func<double> value) => new(name, settings.Blocks, samples, settings.SampleEvery, value);
        SampledAverage temperature = Average("temperature", () => md.Temperature),
            potential = Average("potential_energy", () => md.PotentialEnergy / system.Count),
            total = Average("total_energy", () => (md.PotentialEnergy + md.KineticEnergy) / system.Count),
            pressure = Average("pressure", () => md.Pressure);
        using TrajectoryWriter? trajectory = settings.TrajectoryEvery > 0
            ? new TrajectoryWriter(Path.Combine(context.OutputDirectory, "trajectory.extxyz"), checkpoint?.TrajectoryBytes ?? 0)
            : null;
        var propagator = new DynamicsPropagator(md, system, settings.EquilibrationSteps, settings.SampleEvery, p => string.Create(CultureInfo.InvariantCulture,
            $"T {md.Temperature:F2} K, E_pot/atom {md.PotentialEnergy / system.Count:G8} eV, conserved deviation {p.MaxConservedDeviation / system.Count:G3} eV/atom"));
        var loop = new ProductionLoop
        {
            Job = "md",
            StepName = "step",
            Phases = new ProductionPhases(settings.EquilibrationSteps, settings.ProductionSteps, settings.CheckpointEvery),
            Engine = propagator,
            Observers = [temperature, potential, total, pressure],
            Trajectory = trajectory != null
                ? new TrajectoryOutput(trajectory, settings.TrajectoryEvery, (writer, step) => writer.Write(system.ToStructure(),
                    new Dictionary<string, string> { ["step"] = step.ToString(CultureInfo.InvariantCulture) }, md.PotentialEnergy, md.Forces.ToArray()))
                : null,
        };
        if (checkpoint != null) loop.Resume(checkpoint, context.Log);
        else md.InitializeVelocities(settings.Temperature);
        context.Log.Info(string.Create(CultureInfo.InvariantCulture,
            $"{system.Count} atoms, dt = {Units.Units.InternalToFemtoseconds(settings.TimeStep):G4} fs, thermostat {settings.Thermostat.Kind}; {settings.EquilibrationSteps} + {settings.ProductionSteps} steps"));
        loop.Run(context, context.OutputDirectory, context.ConfigHash);
        return Results(context, md, temperature.Result, potential.Result, total.Result, pressure.Result, propagator.MaxConservedDeviation);
    }

    private JsonObject Results(RunContext context, MolecularDynamicsEngine md, Estimate temperature, Estimate potential, Estimate totalEnergy,
        Estimate pressure, double maxDeviation)
    {
        var system = setup.System;
        double volume = system.Cell!.Volume;
        var results = new JsonObject
        {
            ["atoms"] = system.Count,
            ["time_step_fs"] = Units.Units.InternalToFemtoseconds(settings.TimeStep),
            ["thermostat"] = settings.Thermostat.Kind.ToString().ToLowerInvariant(),
            ["steps"] = new JsonObject { ["equilibration"] = settings.EquilibrationSteps, ["production"] = settings.ProductionSteps },
            ["temperature_K"] = JobResults.Estimate(temperature),
            ["potential_energy_per_atom"] = JobResults.Energy(potential),
            ["total_energy_per_atom"] = JobResults.Energy(totalEnergy),
            ["pressure_bar"] = JobResults.Estimate(pressure, Units.Units.BarPerEvPerCubicAngstrom),
            ["max_conserved_energy_deviation_eV_per_atom"] = maxDeviation / system.Count,
        };
        if (settings.Reduced is { } reduced)
        {
            JsonObject r = reduced.Report(temperature.Mean, system.Count / volume, potential, pressure);
            r["temperature"] = JobResults.Estimate(temperature, Units.Units.Boltzmann / reduced.Epsilon);
            results["reduced"] = r;
        }
        ExtXyzWriter.WriteFile(Path.Combine(context.OutputDirectory, "final.extxyz"),
            [new ExtXyzFrame { Structure = system.ToStructure(), Energy = md.PotentialEnergy, Forces = md.Forces.ToArray() }]);
        context.Log.Info(string.Create(CultureInfo.InvariantCulture, $"T = {temperature} K, E_pot/atom = {potential} eV"));
        return results;
    }
}
