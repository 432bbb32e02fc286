using MatSim.Simulation.Config;

namespace MatSim.Screening.Campaigns;

/// <summary>Slurm submission settings (see docs/campaigns.md for pointing MatSim at a real cluster).</summary>
public sealed record SlurmSettings
{
    public string? Partition { get; init; }
    public string? Account { get; init; }
    /// <summary>At most this many array tasks run at once (sbatch --array=…%N).</summary>
    public int Throttle { get; init; } = 4;
    /// <summary>Jobs per array task.</summary>
    public int ChunkSize { get; init; } = 10;
    /// <summary>Wall-time limit of one array task, Slurm's format (e.g. 02:00:00).</summary>
    public string Time { get; init; } = "01:00:00";
    public int CpusPerTask { get; init; } = 1;
    public IReadOnlyList<string> Modules { get; init; } = [];
    /// <summary>Shell lines run before MatSim in every task (environment, scratch folders).</summary>
    public IReadOnlyList<string> Setup { get; init; } = [];
    /// <summary>How a task starts MatSim; default: the program running the campaign now.</summary>
    public string? Command { get; init; }
}

/// <summary>Where and how the campaign's jobs run: `local` (bounded parallelism here) or `slurm`.</summary>
public sealed record ExecutorSettings
{
    public string Kind { get; init; } = "local";
    public int Parallel { get; init; } = Environment.ProcessorCount;
    /// <summary>A failed job (other than bad input) is run again up to this many times on later runs.</summary>
    public int Retries { get; init; } = 2;
    public double TimeLimitMinutes { get; init; } = 60;
    public SlurmSettings Slurm { get; init; } = new();

    public static readonly string[] Kinds = ["local", "slurm"];

    /// <summary>The keys of `executor:` every kind takes.</summary>
    public static readonly IReadOnlyList<Simulation.Plugins.OptionInfo> LocalOptions =
    [
        new("kind", "", "local", "local | slurm"),
        new("parallel", "", "cores", "jobs at once"),
        new("retries", "", "2", "reruns of a failed job"),
        new("time_limit_minutes", "min", "60", "time limit per job"),
    ];

    /// <summary>The keys of `executor.slurm:`.</summary>
    public static readonly IReadOnlyList<Simulation.Plugins.OptionInfo> SlurmOptions =
    [
        new("partition", "", "the cluster's default", "Slurm partition"),
        new("account", "", "none", "Slurm account"),
        new("throttle", "", "4", "array tasks at once"),
        new("chunk_size", "", "10", "jobs per array task"),
        new("time", "", "01:00:00", "time limit per array task"),
        new("cpus_per_task", "", "1", "cores per array task"),
        new("modules", "", "none", "environment modules to load"),
        new("setup", "", "none", "shell lines run before the job"),
        new("command", "", "this matsim", "the matsim command on the cluster"),
    ];

    public static ExecutorSettings Read(ConfigMap? map)
    {
        if (map == null) return new ExecutorSettings();
        map.Declare([.. LocalOptions, .. Simulation.Config.OptionPaths.Under("slurm", SlurmOptions)]);
        var settings = new ExecutorSettings
        {
            Kind = map.Choice("kind", "local", Kinds),
            Parallel = map.Count("parallel", Environment.ProcessorCount),
            Retries = map.Count("retries", 2, minimum: 0),
            TimeLimitMinutes = map.Number("time_limit_minutes", 60),
            Slurm = map.OptionalMap("slurm") is { } s ? ReadSlurm(s) : new SlurmSettings(),
        };
        if (!(settings.TimeLimitMinutes > 0)) throw map.Optional("time_limit_minutes")!.Error("must be positive");
        map.EnsureNoUnknownKeys();
        return settings;
    }

    private static SlurmSettings ReadSlurm(ConfigMap map)
    {
        var slurm = new SlurmSettings
        {
            Partition = map.Optional("partition") is { } p ? map.Record("partition", p.AsString()) : null,
            Account = map.Optional("account") is { } a ? map.Record("account", a.AsString()) : null,
            Throttle = map.Count("throttle", 4),
            ChunkSize = map.Count("chunk_size", 10),
            Time = map.String("time", "01:00:00"),
            CpusPerTask = map.Count("cpus_per_task", 1),
            Modules = map.Optional("modules") is { } m ? map.Record("modules", m.AsListOrSingle().Select(x => x.AsString()).ToList()) : [],
            Setup = map.Optional("setup") is { } s ? map.Record("setup", s.AsListOrSingle().Select(x => x.AsString()).ToList()) : [],
            Command = map.Optional("command") is { } c ? map.Record("command", c.AsString()) : null,
        };
        if (!System.Text.RegularExpressions.Regex.IsMatch(slurm.Time, @"^(\d+-)?\d+(:\d\d){0,2}$"))
            throw map.Optional("time")!.Error("Slurm's time format, e.g. 02:00:00 or 1-00:00:00");
        // What reaches the batch script: Slurm names as plain tokens; setup lines and the command one line each
        foreach (string key in new[] { "partition", "account" })
            if (map.Optional(key) is { } node && !System.Text.RegularExpressions.Regex.IsMatch(node.AsString(), "^[A-Za-z0-9._,+:-]+$"))
                throw node.Error($"'{node.AsString()}' is not a Slurm {key} name (letters, digits and . _ , + : - only)");
        foreach (string key in new[] { "modules", "setup", "command" })
            if (map.Optional(key) is { } node)
                foreach (ConfigNode line in node.AsListOrSingle())
                    if (line.AsString().Any(char.IsControl))
                        throw line.Error("a line break or control character here would end the line in the batch script; give one line per entry");
        map.EnsureNoUnknownKeys();
        return slurm;
    }
}
