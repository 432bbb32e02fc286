using System.Globalization;
using System.Text.Json.Nodes;
using MatSim.Adsorption.Systems;
using MatSim.Adsorption.Thermodynamics;
using MatSim.Simulation.Config;
using MatSim.Simulation.Energy;
using MatSim.Simulation.Engines;
using MatSim.Simulation.Engines.MonteCarlo;
using MatSim.Simulation.IO;
using MatSim.Simulation.Jobs;
using MatSim.Simulation.Plugins;
using MatSim.Simulation.Random;
using MatSim.Simulation.Statistics;
using MatSim.Simulation.Units;
using U = MatSim.Simulation.Units.Units;

namespace MatSim.Adsorption.Jobs;

/// <summary>Settings of a GCMC isotherm.</summary>
public sealed record GrandCanonicalSettings
{
    /// <summary>Pressures (eV/Å³) of the isotherm.</summary>
    public required IReadOnlyList<double> Pressures { get; init; }
    /// <summary>When true the "pressures" are fugacities (no equation of state).</summary>
    public bool PressuresAreFugacities { get; init; }
    public bool IdealGas { get; init; }
    public required int InitializationCycles { get; init; }
    public required int ProductionCycles { get; init; }
    public int Blocks { get; init; } = 5;
    public int AdaptEvery { get; init; } = 10;
    public int CheckpointEvery { get; init; } = 1000;
    /// <summary>Helium void fraction, or null to compute it by Widom insertions of helium.</summary>
    public double? VoidFraction { get; init; }
    public int VoidFractionCycles { get; init; } = 2000;
    public string? HeliumFile { get; init; }
    public int Parallelism { get; init; } = Environment.ProcessorCount;
}

/// <summary>
/// `job: gcmc` — grand-canonical Monte Carlo of guests in a rigid framework at each pressure of an
/// isotherm (in parallel over the machine's cores): translation, rotation, reinsertion, insertion/
/// deletion and identity change with weights per component; fugacities from Peng–Robinson (or
/// ideal gas, or given); absolute and excess loadings in the usual units, enthalpy of adsorption
/// from fluctuations, block averages; isotherm.csv and isotherm.png.
/// </summary>
public sealed class GrandCanonicalJobFactory(ComponentRegistry registry) : IJobFactory
{
    public static readonly IReadOnlyDictionary<string, double> DefaultMoves = new Dictionary<string, double>
    {
        ["translation"] = 0.5, ["rotation"] = 0.5, ["reinsertion"] = 0.5, ["swap"] = 1.0, ["identity_change"] = 0,
    };

    /// <summary>Initial steps of translation (Å) and rotation (rad) when a component's block leaves them out.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> DefaultSteps =
        new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["translation"] = new Dictionary<string, string> { ["step"] = "1 angstrom" },
            ["rotation"] = new Dictionary<string, string> { ["step"] = "0.5 rad" },
        };

    public string Name => "gcmc";

    public IReadOnlyList<OptionInfo> Options =>
    [
        .. AdsorptionConfiguration.SharedOptions,
        new("pressures", "bar", "or fugacities", "the isotherm's pressures (also `pressure:` for one)"),
        new("pressure", "bar", "or pressures", "one pressure"),
        new("fugacities", "bar", "or pressures", "fugacities instead of pressures (no equation of state)"),
        new("equation_of_state", "", "peng-robinson", "peng-robinson | ideal"),
        new("cycles.initialization", "", null, "cycles before production (steps adapted)"),
        new("cycles.production", "", null, "cycles averaged"),
        new("blocks", "", "5", "blocks for error bars (at least 2)"),
        new("adapt_every", "", "10", "cycles between step adaptations during initialisation"),
        new("checkpoint_every", "", "1000", "cycles between checkpoints and drift checks"),
        new("void_fraction", "", "helium", "helium void fraction for the excess: a number, or helium (Widom insertions)"),
        new("void_fraction_cycles", "", "2000", "cycles of helium insertions"),
        new("helium", "", "data/molecules/helium.yaml", "the helium molecule file for the void fraction"),
        new("parallel", "", "cores", "state points run at once"),
    ];
    public string Description => "grand-canonical Monte Carlo adsorption isotherms in rigid frameworks (RASPA's physics)";

    public IJob Bind(ConfigMap config, ulong seed)
    {
        AdsorptionSetup setup = AdsorptionConfiguration.Read(config, registry, DefaultMoves);
        ConfigNode? pressureNode = config.Optional("pressures") ?? config.Optional("pressure");
        ConfigNode? fugacityNode = config.Optional("fugacities");
        if ((pressureNode == null) == (fugacityNode == null))
            throw config.Node.Error("give the isotherm's pressures (pressures: [0.1 bar, 1 bar]) or, without an equation of state, fugacities");
        ConfigNode given = (pressureNode ?? fugacityNode)!;
        var values = new List<double>();
        foreach (ConfigNode p in given.AsListOrSingle())
        {
            double value = p.AsQuantity(Dimension.Pressure);
            if (!(value > 0)) throw p.Error("a pressure must be positive");
            values.Add(value);
        }
        config.Record(pressureNode != null ? (config.Has("pressures") ? "pressures" : "pressure") : "fugacities",
            given.AsListOrSingle().Select(p => p.AsString()).ToArray());
        string eos = config.Choice("equation_of_state", "peng-robinson", "peng-robinson", "ideal");
        if (eos == "peng-robinson" && pressureNode != null)
            foreach (ComponentSettings c in setup.Components.Where(c => c.Molecule.Critical == null && c.FugacityCoefficient == null))
                throw config.Optional("components")!.Error(
                    $"component '{c.Molecule.Species.Name}' has no critical constants for Peng-Robinson; add them to its molecule file, " +
                    "give fugacity_coefficient, or use equation_of_state: ideal");
        ConfigMap cycles = config.RequiredMap("cycles", "initialization and production cycle counts");
        double? voidFraction = null;
        string? helium = null;
        if (config.Optional("void_fraction") is { } vf)
        {
            if (vf.AsString() == "helium")
            {
                config.Record("void_fraction", "helium");
            }
            else
            {
                voidFraction = config.Record("void_fraction", vf.AsNumber());
                if (voidFraction is < 0 or > 1) throw vf.Error("the void fraction lies between 0 and 1");
            }
        }
        if (voidFraction == null)
        {
            string defaultHelium = Path.Combine(AppContext.BaseDirectory, "data", "molecules", "helium.yaml");
            helium = config.Optional("helium") is { } h ? h.AsExistingFile() : defaultHelium;
        }
        var settings = new GrandCanonicalSettings
        {
            Pressures = values,
            PressuresAreFugacities = fugacityNode != null,
            IdealGas = eos == "ideal",
            InitializationCycles = cycles.RequiredCount("initialization", "a number of cycles"),
            ProductionCycles = cycles.RequiredCount("production", "a number of cycles"),
            Blocks = config.Count("blocks", 5, minimum: 2),
            AdaptEvery = config.Count("adapt_every", 10),
            CheckpointEvery = config.Count("checkpoint_every", 1000),
            VoidFraction = voidFraction,
            VoidFractionCycles = config.Count("void_fraction_cycles", 2000, minimum: 10),
            HeliumFile = helium,
            Parallelism = config.Count("parallel", Environment.ProcessorCount),
        };
        cycles.EnsureNoUnknownKeys();
        if (settings.ProductionCycles < settings.Blocks)
            throw cycles.Node.Error($"production ({settings.ProductionCycles}) must be at least the number of blocks ({settings.Blocks})");
        if (helium != null && !File.Exists(helium))
            throw config.Node.Error($"the helium molecule file for the void fraction was not found at {helium}; give void_fraction or helium: FILE");
        return new GrandCanonicalJob(setup, settings);
    }
}

internal sealed class GrandCanonicalJob(AdsorptionSetup setup, GrandCanonicalSettings settings) : IJob
{
    public JsonObject Run(RunContext context)
    {
        double voidFraction = settings.VoidFraction ?? HeliumVoidFraction(context);
        StatePoint[] points = settings.Pressures.Select(StatePointAt).ToArray();
        context.Log.Info($"GCMC in {setup.FrameworkName} ({setup.Adsorption.UnitCells} cells) at {setup.Temperature} K, " +
            $"{points.Length} state points on up to {settings.Parallelism} cores; void fraction {voidFraction:G6}");
        var results = new StatePointResult[points.Length];
        Parallel.For(0, points.Length, new ParallelOptions { MaxDegreeOfParallelism = settings.Parallelism, CancellationToken = context.Cancellation },
            i => results[i] = new GrandCanonicalRun(setup, settings, points[i], voidFraction)
                .Run(context, Path.Combine(context.OutputDirectory, points[i].FolderName)));
        foreach (StatePointResult r in results)
        {
            // e.g. an enthalpy from fluctuations of a run too short to fluctuate: written as null
            JobResults.ReplaceNonFinite(r.Json);
            AtomicFile.WriteAllText(Path.Combine(context.OutputDirectory, r.Point.FolderName, "results.json"), r.Json.ToJsonString(new() { WriteIndented = true }));
        }
        IsothermFiles.Write(context.OutputDirectory, setup, results);
        context.Log.Info($"isotherm written to {Path.Combine(context.OutputDirectory, IsothermFiles.CsvName)} and {IsothermFiles.PngName}:\n{IsothermFiles.Table(setup, results)}");
        return new JsonObject
        {
            ["framework"] = setup.FrameworkName,
            ["framework_charge"] = setup.ChargeReport(),
            ["temperature_K"] = setup.Temperature,
            ["unit_cells"] = new JsonArray(setup.Adsorption.UnitCells.A, setup.Adsorption.UnitCells.B, setup.Adsorption.UnitCells.C),
            ["framework_density_kg_per_m3"] = setup.Adsorption.FrameworkDensity,
            ["framework_mass_g_per_mol_per_cell"] = setup.Adsorption.FrameworkMassPerCell,
            ["void_fraction"] = voidFraction,
            ["equation_of_state"] = settings.PressuresAreFugacities ? "fugacities given" : settings.IdealGas ? "ideal gas" : "Peng-Robinson",
            ["cycles"] = new JsonObject { ["initialization"] = settings.InitializationCycles, ["production"] = settings.ProductionCycles },
            ["blocks"] = settings.Blocks,
            ["state_points"] = new JsonArray(results.Select(r => (JsonNode?)r.Json.DeepClone()).ToArray()),
        };
    }

    private StatePoint StatePointAt(double pressure, int index)
    {
        int n = setup.Components.Count;
        double total = setup.Components.Sum(c => c.MoleFraction);
        double[] x = setup.Components.Select(c => c.MoleFraction / total).ToArray();
        double kT = U.Boltzmann * setup.Temperature;
        if (settings.PressuresAreFugacities)
            return new StatePoint(index, pressure, x.Select(v => v * pressure).ToArray(), Enumerable.Repeat(1.0, n).ToArray(),
                x.Select(v => v * pressure / kT).ToArray());
        double[] phi, density;
        if (settings.IdealGas || setup.Components.Any(c => c.Molecule.Critical == null))
        {
            phi = setup.Components.Select(c => c.FugacityCoefficient ?? 1.0).ToArray();
            density = x.Select(v => v * pressure / kT).ToArray();
        }
        else
        {
            GasState gas = PengRobinson.Solve(setup.Components.Select(c => c.Molecule.Critical!).ToArray(), x, setup.Temperature, pressure);
            phi = setup.Components.Select((c, i) => c.FugacityCoefficient ?? gas.FugacityCoefficients[i]).ToArray();
            density = x.Select(v => v * gas.NumberDensity).ToArray();
        }
        return new StatePoint(index, pressure, x.Select((v, i) => v * phi[i] * pressure).ToArray(), phi, density);
    }

    private double HeliumVoidFraction(RunContext context)
    {
        MoleculeDefinition helium = MoleculeFile.Read(settings.HeliumFile!);
        AdsorptionSystem probe = AdsorptionSystem.Build(setup.Adsorption.Options with { Guests = [helium] });
        IBoundEnergy energy = probe.Energy.Bind(probe.System);
        var state = new MonteCarloState(probe.System, energy, Rng.ForStream(context.Seed, 4), 298);
        var sampler = new WidomSampler(0, settings.Blocks, settings.VoidFractionCycles * 20L);
        for (int cycle = 0; cycle < settings.VoidFractionCycles; cycle++) sampler.Insert(state, 20);
        Estimate w = sampler.BoltzmannFactor;
        context.Log.Info(string.Create(CultureInfo.InvariantCulture, $"helium void fraction (Widom at 298 K): {w.Mean:G6} ± {w.StandardError:G2}"));
        return w.Mean;
    }
}
