using System.Globalization;
using System.Text.Json.Nodes;
using MatSim.Simulation.Config;
using MatSim.Simulation.Energy;
using MatSim.Simulation.Engines;
using MatSim.Simulation.Engines.Dynamics;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.IO.ExtXyz;
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

    public IJob Bind(ConfigMap config, ulong seed)
    {
        double temperature = config.RequiredQuantity("temperature", Dimension.Temperature, "the initial (and thermostat) temperature");
        if (!(temperature > 0)) throw config.Optional("temperature")!.Error("the temperature must be positive");
        double timeStep = config.RequiredQuantity("time_step", Dimension.Time, "the integration time step");
        if (!(timeStep > 0)) throw config.Optional("time_step")!.Error("the time step must be positive");
        SystemSetup setup = SystemConfiguration.Read(config.RequiredMap("system", "the system to simulate"), Rng.ForStream(seed, 1));
        IEnergyModel energy = registry.Build(config.Required("energy", "a list of energy models, e.g. [{type: lj, ...}]"), setup.Context);
        ThermostatOptions thermostat = ThermostatOptions.None;
        if (config.OptionalMap("thermostat") is { } t)
        {
            string kind = t.Choice("type", "none", "none", "langevin", "csvr");
            double tau = kind == "none" ? 0 : t.RequiredQuantity("time_constant", Dimension.Time, "the thermostat's time constant");
            if (kind != "none" && !(tau > 0)) throw t.Optional("time_constant")!.Error("the time constant must be positive");
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

    private static readonly string[] Observables = ["temperature", "potential_energy", "total_energy", "pressure"];

    public JsonObject Run(RunContext context)
    {
        var system = setup.System;
        Checkpoint? checkpoint = Checkpoint.Load(context.OutputDirectory, "md", context.ConfigHash);
        checkpoint?.RestoreInto(system);
        IBoundEnergy energy = model.Bind(system);
        Rng rng = checkpoint != null ? Rng.FromState(checkpoint.Rng) : Rng.ForStream(context.Seed, 2);
        var md = new MolecularDynamicsEngine(system, energy, settings.TimeStep, settings.Thermostat, rng);
        int samples = settings.ProductionSteps / settings.SampleEvery;
        var averages = Observables.ToDictionary(o => o, _ => new BlockAverage(settings.Blocks, samples));
        double conservedStart = double.NaN, maxDeviation = 0;
        if (checkpoint != null)
        {
            md.Step = checkpoint.Step;
            for (int a = 0; a < system.Count; a++)
                md.Velocities[a] = new Vec3(checkpoint.Velocities![3 * a], checkpoint.Velocities[3 * a + 1], checkpoint.Velocities[3 * a + 2]);
            md.ThermostatEnergy = checkpoint.Values["thermostat_energy"];
            conservedStart = checkpoint.Values.GetValueOrDefault("conserved_start", double.NaN);
            maxDeviation = checkpoint.Values.GetValueOrDefault("max_conserved_deviation");
            foreach (string o in Observables) averages[o] = BlockAverage.Restore(checkpoint.Averages[o]);
            context.Log.Info($"resumed from step {checkpoint.Step} (checkpoint)");
        }
        else
        {
            md.InitializeVelocities(settings.Temperature);
        }
        long total = settings.EquilibrationSteps + settings.ProductionSteps;
        using TrajectoryWriter? trajectory = settings.TrajectoryEvery > 0
            ? new TrajectoryWriter(Path.Combine(context.OutputDirectory, "trajectory.extxyz"), checkpoint?.TrajectoryBytes ?? 0)
            : null;
        context.Log.Info(string.Create(CultureInfo.InvariantCulture,
            $"{system.Count} atoms, dt = {Units.Units.InternalToFemtoseconds(settings.TimeStep):G4} fs, thermostat {settings.Thermostat.Kind}; {settings.EquilibrationSteps} + {settings.ProductionSteps} steps"));
        var progress = new ProgressReporter(context.Log, "step", "steps", total, md.Step);
        while (md.Step < total)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            progress.Report(md.Step);
            long next = md.Step + 1;
            bool inProduction = next > settings.EquilibrationSteps;
            bool sample = inProduction && (next - settings.EquilibrationSteps) % settings.SampleEvery == 0;
            md.Advance(withVirial: sample);
            double conserved = md.PotentialEnergy + md.KineticEnergy + md.ThermostatEnergy;
            if (inProduction && double.IsNaN(conservedStart)) conservedStart = conserved;
            if (inProduction) maxDeviation = Math.Max(maxDeviation, Math.Abs(conserved - conservedStart));
            if (sample)
            {
                averages["temperature"].Add(md.Temperature);
                averages["potential_energy"].Add(md.PotentialEnergy / system.Count);
                averages["total_energy"].Add((md.PotentialEnergy + md.KineticEnergy) / system.Count);
                averages["pressure"].Add(md.Pressure);
            }
            if (trajectory != null && md.Step % settings.TrajectoryEvery == 0)
                trajectory.Write(system.ToStructure(), new Dictionary<string, string> { ["step"] = md.Step.ToString(CultureInfo.InvariantCulture) },
                    md.PotentialEnergy, md.Forces.ToArray());
            if (md.Step % settings.CheckpointEvery == 0 || md.Step == total)
            {
                md.Resynchronize();
                Save(context, md, averages, trajectory, conservedStart, maxDeviation, md.Step == total);
                context.Log.Info(string.Create(CultureInfo.InvariantCulture,
                    $"step {md.Step}/{total}: T {md.Temperature:F2} K, E_pot/atom {md.PotentialEnergy / system.Count:G8} eV, conserved deviation {maxDeviation / system.Count:G3} eV/atom"));
            }
        }
        return Results(context, md, averages, maxDeviation);
    }

    private void Save(RunContext context, MolecularDynamicsEngine md, Dictionary<string, BlockAverage> averages, TrajectoryWriter? trajectory,
        double conservedStart, double maxDeviation, bool finished)
    {
        var velocities = new double[3 * setup.System.Count];
        for (int a = 0; a < setup.System.Count; a++)
            (velocities[3 * a], velocities[3 * a + 1], velocities[3 * a + 2]) = (md.Velocities[a].X, md.Velocities[a].Y, md.Velocities[a].Z);
        new Checkpoint
        {
            Job = "md",
            ConfigHash = context.ConfigHash,
            Step = md.Step,
            Finished = finished,
            Rng = md.RandomState,
            Cell = Checkpoint.CellOf(setup.System),
            Molecules = Checkpoint.MoleculesOf(setup.System),
            Averages = averages.ToDictionary(p => p.Key, p => p.Value.Save()),
            Values = new Dictionary<string, double>
            {
                ["thermostat_energy"] = md.ThermostatEnergy,
                ["conserved_start"] = conservedStart,
                ["max_conserved_deviation"] = maxDeviation,
            },
            TrajectoryBytes = trajectory?.Length ?? 0,
            Velocities = velocities,
        }.Save(context.OutputDirectory);
    }

    private JsonObject Results(RunContext context, MolecularDynamicsEngine md, Dictionary<string, BlockAverage> averages, double maxDeviation)
    {
        var system = setup.System;
        double volume = system.Cell!.Volume;
        Estimate temperature = averages["temperature"].Result, potential = averages["potential_energy"].Result, pressure = averages["pressure"].Result;
        var results = new JsonObject
        {
            ["atoms"] = system.Count,
            ["time_step_fs"] = Units.Units.InternalToFemtoseconds(settings.TimeStep),
            ["thermostat"] = settings.Thermostat.Kind.ToString().ToLowerInvariant(),
            ["steps"] = new JsonObject { ["equilibration"] = settings.EquilibrationSteps, ["production"] = settings.ProductionSteps },
            ["temperature_K"] = JobResults.Estimate(temperature),
            ["potential_energy_per_atom"] = JobResults.Energy(potential),
            ["total_energy_per_atom"] = JobResults.Energy(averages["total_energy"].Result),
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
