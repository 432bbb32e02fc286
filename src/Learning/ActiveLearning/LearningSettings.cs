using MatSim.Learning.Calculators;
using MatSim.Learning.KernelTraining;
using MatSim.Simulation.Config;
using MatSim.Simulation.Energy;
using MatSim.Simulation.Jobs;
using MatSim.Simulation.Plugins;
using MatSim.Simulation.Units;

namespace MatSim.Learning.ActiveLearning;

/// <summary>How candidates are produced each iteration: MD with the current model, or a fixed pool of structures.</summary>
public enum SamplingMode
{
    Dynamics,
    Pool,
}

/// <summary>MD with the current model: walkers from labelled structures, a Langevin thermostat, a frame every interval steps.</summary>
public sealed record DynamicsSampling(double Temperature, int Walkers, int Steps, double TimeStep, int Interval, double StopFactor);

/// <summary>Everything `job: learn` reads (see configs/learn-water4.yaml).</summary>
public sealed record LearningSettings
{
    public required ReferenceSettings Reference { get; init; }
    public required string[] PoolFiles { get; init; }
    public required int TestCount { get; init; }
    public required int StartCount { get; init; }
    public required SamplingMode Mode { get; init; }
    public DynamicsSampling? Dynamics { get; init; }
    public required int PerIteration { get; init; }
    /// <summary>Largest force σ (eV/Å) above which a candidate is worth a reference call.</summary>
    public required double Threshold { get; init; }
    /// <summary>Least fingerprint distance between two structures picked in one iteration (scaled descriptor units).</summary>
    public required double Diversity { get; init; }
    public required int Budget { get; init; }
    /// <summary>Stop early when the test force RMSE (eV/Å) reaches this; 0: never.</summary>
    public required double TargetForceRmse { get; init; }
    public required bool RandomBaseline { get; init; }
    public required int LargeRandom { get; init; }
    public required DescriptorSource Descriptors { get; init; }
    public required KernelFitOptions Fit { get; init; }
    public required ulong Seed { get; init; }
}

/// <summary>`job: learn` — active learning of a kernel potential against a reference calculator.</summary>
public sealed class LearningJobFactory(EnergyModelRegistry registry) : IJobFactory
{
    public string Name => "learn";
    public string Description => "active learning: train a kernel model, sample with it, label its most uncertain structures with the reference, repeat";

    public IReadOnlyList<OptionInfo> Options =>
    [
        .. OptionPaths.Under("reference", ReferenceSettings.Options),
        new("pool.files", "", null, "extended XYZ files of reference-distribution structures (labels not needed)"),
        new("pool.test", "", "100", "structures held out as the test set"),
        new("start.count", "", "4", "structures labelled before the first fit"),
        new("sampling.mode", "", "md", "md (MD with the current model) | pool (pick from the pool)"),
        new("sampling.temperature", "K", "with md", "MD temperature"),
        new("sampling.walkers", "", "4", "MD walkers"),
        new("sampling.steps", "", "1000", "MD steps per walker and iteration"),
        new("sampling.time_step", "fs", "0.5 fs", "MD time step"),
        new("sampling.interval", "", "20", "steps between candidates"),
        new("sampling.stop_factor", "", "10", "a walker stops when σ exceeds this × the threshold"),
        new("selection.per_iteration", "", "4", "structures labelled per iteration"),
        new("selection.threshold", "meV/Å", "100 meV/A", "force σ above which a structure is a candidate"),
        new("selection.diversity", "", "0.5", "weight of diversity in the choice"),
        new("budget.reference_calls", "", "50", "reference calculations at most"),
        new("budget.target_force_rmse_meV_per_A", "meV/Å", "0 (none)", "stop when the test force RMSE reaches this"),
        new("baseline.random", "", "true", "also train on random picks of the same size"),
        new("baseline.large_random", "", "0", "and on this many random picks"),
        .. KernelConfiguration.DescriptorOptions,
        .. KernelConfiguration.FitOptions,
    ];

    public IJob Bind(ConfigMap config, ulong seed)
    {
        ReferenceSettings reference = ReferenceSettings.Read(config, registry);
        ConfigMap pool = config.RequiredMap("pool", "reference-distribution structures: {files: [...], test: 100}");
        string[] files = pool.Required("files", "extended XYZ files of structures (labels are not needed; the reference computes them)").AsList().Select(n => n.AsExistingFile()).ToArray();
        pool.Record("files", files);
        int test = pool.Count("test", 100);
        pool.EnsureNoUnknownKeys();
        ConfigMap? start = config.OptionalMap("start");
        int startCount = start == null ? 4 : start.Count("count", 4);
        start?.EnsureNoUnknownKeys();

        ConfigMap sampling = config.RequiredMap("sampling", "how candidates are produced: {mode: md, temperature: 300 K, ...} or {mode: pool}");
        SamplingMode mode = sampling.Choice("mode", "md", "md", "pool") == "pool" ? SamplingMode.Pool : SamplingMode.Dynamics;
        DynamicsSampling? dynamics = null;
        if (mode == SamplingMode.Dynamics)
        {
            double stop = sampling.Number("stop_factor", 10);
            if (!(stop > 1)) throw sampling.Optional("stop_factor")!.Error("stop_factor must exceed 1 (a walker stops when σ exceeds stop_factor × threshold)");
            dynamics = new DynamicsSampling(sampling.RequiredQuantity("temperature", Dimension.Temperature, "the MD temperature"),
                sampling.Count("walkers", 4), sampling.Count("steps", 1000), sampling.Quantity("time_step", Dimension.Time, "0.5 fs"),
                sampling.Count("interval", 20), stop);
        }
        sampling.EnsureNoUnknownKeys();

        ConfigMap? selection = config.OptionalMap("selection");
        int perIteration = selection == null ? 4 : selection.Count("per_iteration", 4);
        double threshold = selection?.Optional("threshold") is { } thresholdNode ? ForceQuantity(thresholdNode) : 0.1;
        selection?.Record("threshold", selection.Optional("threshold")?.AsString() ?? "100 meV/A");
        double diversity = selection?.Number("diversity", 0.5) ?? 0.5;
        if (threshold < 0 || diversity < 0) throw config.Node.Error("selection.threshold and selection.diversity must not be negative");
        selection?.EnsureNoUnknownKeys();

        ConfigMap budget = config.RequiredMap("budget", "{reference_calls: N}");
        int calls = budget.Count("reference_calls", 50);
        double target = budget.Number("target_force_rmse_meV_per_A", 0) * 1e-3;
        budget.EnsureNoUnknownKeys();

        ConfigMap? baseline = config.OptionalMap("baseline");
        bool random = baseline?.Bool("random", true) ?? true;
        int large = baseline?.Int("large_random", 0) ?? 0;
        if (large < 0) throw baseline!.Optional("large_random")!.Error("large_random must not be negative");
        baseline?.EnsureNoUnknownKeys();

        DescriptorSource descriptors = KernelConfiguration.ReadDescriptors(config);
        return new LearningJob(new LearningSettings
        {
            Reference = reference, PoolFiles = files, TestCount = test, StartCount = startCount, Mode = mode, Dynamics = dynamics,
            PerIteration = perIteration, Threshold = threshold, Diversity = diversity, Budget = calls, TargetForceRmse = target,
            RandomBaseline = random, LargeRandom = large, Descriptors = descriptors, Fit = KernelConfiguration.ReadFit(config, descriptors.Scaling, seed), Seed = seed,
        });
    }

    /// <summary>A force in eV/Å from `150 meV/A` or `0.15 eV/A` (Å may be written A or Å).</summary>
    private static double ForceQuantity(ConfigNode node)
    {
        string[] parts = node.AsString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 2 && double.TryParse(parts[0], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double value))
        {
            string unit = parts[1].Replace('Å', 'A');
            if (unit == "eV/A") return value;
            if (unit == "meV/A") return 1e-3 * value;
        }
        throw node.Error($"expected a force with its unit, e.g. 150 meV/A or 0.15 eV/A, not '{node.AsString()}'");
    }
}
