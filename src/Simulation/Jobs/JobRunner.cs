using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using MatSim.Simulation.Config;
using MatSim.Simulation.IO;
using MatSim.Simulation.Plugins;

namespace MatSim.Simulation.Jobs;

/// <summary>A configuration bound to its job and ready to run.</summary>
public sealed record PreparedRun(
    IJob Job, string JobName, ulong Seed, string OutputDirectory, string ConfigPath,
    IReadOnlyDictionary<string, object> ResolvedConfig)
{
    /// <summary>What preparing noticed and the run log should say (e.g. a plug-in that failed to load but is not used).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The configuration as read (to locate its keys in messages); null for runs built in code.</summary>
    public ConfigMap? Config { get; init; }
}

/// <summary>
/// Runs a YAML configuration: reads the common keys (job, seed, output), lets the job bind the
/// rest strictly, then runs it in its output folder, which receives the resolved configuration
/// (every value, defaults included, and the seed), a log, and results.json written atomically.
/// </summary>
/// <param name="factories">The jobs it knows.</param>
/// <param name="components">Where the `plugins:` of a configuration are loaded into (null: plug-ins refused).</param>
public sealed class JobRunner(IEnumerable<IJobFactory> factories, ComponentRegistry? components = null)
{
    private readonly Dictionary<string, IJobFactory> jobs = factories.ToDictionary(f => f.Name, StringComparer.Ordinal);

    public IEnumerable<IJobFactory> Jobs => jobs.Values.OrderBy(j => j.Name, StringComparer.Ordinal);

    /// <summary>The keys every configuration may give, whatever its job.</summary>
    public static readonly IReadOnlyList<OptionInfo> CommonOptions =
    [
        new("job", "", null, "the kind of run"),
        new("seed", "", "fresh", "seed of every random stream (written to resolved.yaml)"),
        new("output", "", "runs/CONFIG-NAME", "the run folder"),
        new("plugins", "", "none", "plug-in assemblies to load, [PATH.dll, …]"),
        new(ConfigDocument.PathsRelativeTo, "", "the configuration's folder", "where relative paths start"),
    ];

    public static string Version =>
        typeof(JobRunner).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>Reads and checks the configuration and binds its job, without running anything.</summary>
    public PreparedRun Prepare(string configPath, string? outputOverride = null) =>
        Prepare(ConfigDocument.Load(configPath), configPath, outputOverride);

    /// <summary>Binds an already parsed configuration (e.g. one a campaign wrote for one of its jobs).</summary>
    public PreparedRun Prepare(ConfigMap root, string configPath, string? outputOverride)
    {
        ConfigNode jobNode = root.Required("job", $"the kind of run: one of {string.Join(", ", jobs.Keys.Order(StringComparer.Ordinal))}");
        string jobName = jobNode.AsString();
        if (!jobs.TryGetValue(jobName, out IJobFactory? factory))
            throw jobNode.Error($"unknown job '{jobName}'; known jobs: {string.Join(", ", jobs.Keys.Order(StringComparer.Ordinal))}");
        root.Record("job", jobName);
        if (factory.Options.Count > 0) root.Declare([.. CommonOptions, .. factory.Options]);
        ulong seed = root.Optional("seed")?.AsUnsignedLong() ?? FreshSeed();
        root.Record("seed", seed);
        string output = outputOverride != null
            ? Path.GetFullPath(outputOverride)
            : root.Optional("output") is { } outputNode
                ? outputNode.AsPath()
                : Path.GetFullPath(Path.Combine("runs", Path.GetFileNameWithoutExtension(configPath)));
        root.Record("output", output);
        if (!root.Has(ConfigDocument.PathsRelativeTo)) root.Record(ConfigDocument.PathsRelativeTo, root.Node.Context.BaseDirectory);
        List<string> warnings = LoadPlugins(root);
        IJob job = factory.Bind(root, seed);
        root.EnsureNoUnknownKeys();
        warnings.AddRange(root.Node.Context.Warnings);
        return new PreparedRun(job, jobName, seed, output, Path.GetFullPath(configPath), root.Resolved()) { Warnings = warnings, Config = root };
    }

    /// <summary>
    /// `plugins: [PATH.dll, …]` (relative to the configuration): loaded before the job binds. A plug-in
    /// that fails is a warning; the run stops only if the configuration names one of its components.
    /// </summary>
    private List<string> LoadPlugins(ConfigMap root)
    {
        var warnings = new List<string>();
        if (root.Optional("plugins") is not { } node) return warnings;
        if (components == null) throw node.Error("plug-ins cannot be loaded here (this program has no component registry)");
        var paths = new List<string>();
        foreach (ConfigNode item in node.AsList())
        {
            string path = item.AsPath();
            paths.Add(path);
            if (!components.TryLoadPlugin(path))
                warnings.Add($"plug-in {path} not loaded: {components.Failures.Last(f => f.Path == path).Reason}");
        }
        root.Record("plugins", paths);
        return warnings;
    }

    /// <summary>
    /// Runs a prepared configuration in its output folder; returns what results.json holds. The folder is locked
    /// for the run, and a folder holding a run of another configuration is refused before anything is written.
    /// </summary>
    public JsonObject Run(PreparedRun run, TextWriter console, CancellationToken cancellation = default)
    {
        using RunFolderLock folderLock = RunFolderLock.Acquire(run.OutputDirectory);
        using var log = new RunLog(Path.Combine(run.OutputDirectory, "matsim.log"), console);
        try
        {
            ResolvedConfiguration.EnsureFolderHoldsNoOtherRun(run);
            AtomicFile.WriteAllText(Path.Combine(run.OutputDirectory, ResolvedConfiguration.FileName), ResolvedConfiguration.Yaml(run));
            return RunLogged(run, log, cancellation);
        }
        catch (Exception e)
        {
            log.Failure(e);
            throw;
        }
    }

    private static JsonObject RunLogged(PreparedRun run, RunLog log, CancellationToken cancellation)
    {
        log.Info($"matsim {Version}: job '{run.JobName}' from {run.ConfigPath}, seed {run.Seed}");
        log.Info($"output folder: {run.OutputDirectory}");
        foreach (string warning in run.Warnings) log.Warning(warning);
        DateTime started = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        JsonObject results = run.Job.Run(new RunContext(run.OutputDirectory, log, run.Seed, cancellation, ResolvedConfiguration.Hash(run)));
        List<string> undefined = JobResults.ReplaceNonFinite(results);
        if (undefined.Count > 0) log.Warning($"{undefined.Count} results are undefined (NaN or infinite; written as null): {string.Join(", ", undefined.Take(5))}{(undefined.Count > 5 ? ", …" : "")}");
        var document = new JsonObject
        {
            ["matsim_version"] = Version,
            ["job"] = run.JobName,
            ["config"] = run.ConfigPath,
            ["seed"] = run.Seed,
            ["started_utc"] = started.ToString("o", CultureInfo.InvariantCulture),
            ["wall_time_s"] = Math.Round(clock.Elapsed.TotalSeconds, 3),
            ["results"] = results,
        };
        string path = Path.Combine(run.OutputDirectory, "results.json");
        AtomicFile.WriteAllText(path, document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        log.Info($"results written to {path}");
        return document;
    }

    private static ulong FreshSeed() => BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8)) >> 1;
}
