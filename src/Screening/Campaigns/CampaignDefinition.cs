using MatSim.Simulation.Config;
using MatSim.Simulation.Errors;
using MatSim.Simulation.Units;

namespace MatSim.Screening.Campaigns;

/// <summary>A framework of the campaign: its name (file name without extension) and CIF path (absolute, and as written relative to the campaign file).</summary>
public sealed record FrameworkEntry(string Name, string FullPath, string RelativePath);

/// <summary>Only the top frameworks of the earlier stages go on: the <see cref="Top"/> largest values of <see cref="Expression"/>.</summary>
public sealed record StageSelection(int Top, RankingExpression Expression);

/// <summary>
/// One stage: a MatSim job run for every framework (and temperature, unless the job does not depend on it) with
/// the stage's settings on top of the campaign's common keys.
/// </summary>
public sealed record StageDefinition(string Name, string Job, IReadOnlyDictionary<string, object> Settings, StageSelection? Select)
{
    /// <summary>Jobs about the structure alone run once per framework, not once per temperature.</summary>
    public bool PerTemperature => Job is not ("framework-descriptors" or "inspect");
}

/// <summary>Surrogate-model settings: what to predict from the framework descriptors, and the CV protocol.</summary>
public sealed record SurrogateSettings(RankingExpression Target, double TestFraction, int Folds, int ActiveSeed, int ActiveBatch, ulong Seed);

/// <summary>
/// A screening campaign read from its YAML file: frameworks (files, folders, globs), temperatures, stages, the
/// common job keys, executor settings and the report/surrogate options. Relative paths are relative to the file.
/// </summary>
public sealed class CampaignDefinition
{
    public required string Name { get; init; }
    public required string FilePath { get; init; }
    public required string BaseDirectory { get; init; }
    public required string OutputDirectory { get; init; }
    public required ulong Seed { get; init; }
    public required IReadOnlyList<FrameworkEntry> Frameworks { get; init; }
    public required IReadOnlyList<double> Temperatures { get; init; }
    public required IReadOnlyDictionary<string, object> Common { get; init; }
    public required IReadOnlyList<StageDefinition> Stages { get; init; }
    public required ExecutorSettings Executor { get; init; }
    public RankingExpression? RankBy { get; init; }
    public SurrogateSettings? Surrogate { get; init; }

    public static CampaignDefinition Read(string path, string? outputOverride = null)
    {
        ConfigMap root = ConfigDocument.Load(path);
        string baseDirectory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        string name = root.RequiredString("campaign", "a name for the campaign");
        // the name names folders, the database and Slurm jobs: plain characters only
        if (!System.Text.RegularExpressions.Regex.IsMatch(name, "^[A-Za-z0-9][A-Za-z0-9._-]*$"))
            throw root.Optional("campaign")!.Error($"'{name}' is not a usable campaign name: use letters, digits, '.', '_' and '-' (it names folders and Slurm jobs)");
        ulong seed = root.Required("seed", "the campaign's seed (every job's seed derives from it)").AsUnsignedLong();
        string output = outputOverride != null ? Path.GetFullPath(outputOverride)
            : root.Optional("output") is { } o ? o.AsPath() : Path.GetFullPath(Path.Combine("runs", Path.GetFileNameWithoutExtension(path)));
        root.Record("output", output);
        var frameworks = ReadFrameworks(root.Required("frameworks", "CIF files, folders or globs such as ../structures/*.cif"), baseDirectory);
        var temperatures = new List<double>();
        ConfigNode temperatureNode = root.Required("temperatures", "the temperatures, e.g. [298 K]");
        foreach (ConfigNode t in temperatureNode.AsListOrSingle())
        {
            double kelvin = t.AsQuantity(Dimension.Temperature);
            if (!(kelvin > 0)) throw t.Error("temperatures must be positive");
            temperatures.Add(kelvin);
        }
        root.Record("temperatures", temperatures);
        var common = root.Optional("common") is { } c ? (Dictionary<string, object>)c.AsMap().Node.ToPlain() : [];
        if (root.Optional("common") is { } commonNode) root.Record("common", common);
        var stages = new List<StageDefinition>();
        foreach (ConfigNode stageNode in root.Required("stages", "the stages, e.g. [{name: henry, job: widom, settings: {...}}]").AsList())
            stages.Add(ReadStage(stageNode.AsMap(), stages));
        if (stages.Count == 0) throw root.Optional("stages")!.Error("give at least one stage");
        ExecutorSettings executor = ExecutorSettings.Read(root.OptionalMap("executor"));
        RankingExpression? rankBy = root.Optional("rank_by") is { } r ? RankingExpression.Parse(r) : stages.LastOrDefault(s => s.Select != null)?.Select!.Expression;
        SurrogateSettings? surrogate = root.OptionalMap("surrogate") is { } s ? ReadSurrogate(s, seed) : null;
        root.EnsureNoUnknownKeys();
        return new CampaignDefinition
        {
            Name = name, FilePath = Path.GetFullPath(path), BaseDirectory = baseDirectory, OutputDirectory = output, Seed = seed,
            Frameworks = frameworks, Temperatures = temperatures, Common = common, Stages = stages, Executor = executor,
            RankBy = rankBy, Surrogate = surrogate,
        };
    }

    private static StageDefinition ReadStage(ConfigMap map, List<StageDefinition> earlier)
    {
        string name = map.RequiredString("name", "the stage's name");
        if (!System.Text.RegularExpressions.Regex.IsMatch(name, "^[a-z0-9][a-z0-9_-]*$"))
            throw map.Optional("name")!.Error("use lowercase letters, digits, '-' and '_' (it names folders)");
        if (earlier.Any(s => s.Name == name)) throw map.Optional("name")!.Error($"stage '{name}' is defined twice");
        string job = map.RequiredString("job", "the MatSim job of this stage (widom, gcmc, framework-descriptors, …)");
        var settings = map.Optional("settings") is { } node ? (Dictionary<string, object>)node.AsMap().Node.ToPlain() : [];
        if (map.Has("settings")) map.Record("settings", settings);
        foreach (string reserved in new[] { "job", "seed", "output", "temperature" })
            if (settings.ContainsKey(reserved))
                throw map.Optional("settings")!.Error($"'{reserved}' is set by the campaign for every job; remove it from the stage settings");
        StageSelection? select = null;
        if (map.OptionalMap("select") is { } selectMap)
        {
            if (earlier.Count == 0) throw selectMap.Node.Error("the first stage has no earlier results to select by");
            int top = selectMap.RequiredInt("top", "how many frameworks go on");
            if (top < 1) throw selectMap.Optional("top")!.Error("must be at least 1");
            var expression = RankingExpression.Parse(selectMap.Required("by", "a ranking expression, e.g. K_H.CO2 / K_H.N2"));
            selectMap.EnsureNoUnknownKeys();
            select = new StageSelection(top, expression);
        }
        map.EnsureNoUnknownKeys();
        return new StageDefinition(name, job, settings, select);
    }

    private static SurrogateSettings ReadSurrogate(ConfigMap map, ulong seed)
    {
        var target = RankingExpression.Parse(map.Required("target", "the quantity to predict, e.g. log10(K_H.CO2)"));
        double testFraction = map.Number("test_fraction", 0.2);
        if (!(testFraction > 0 && testFraction < 0.9)) throw map.Optional("test_fraction")!.Error("between 0 and 0.9");
        int folds = map.Int("folds", 5);
        if (folds < 2) throw map.Optional("folds")!.Error("at least 2 folds");
        int activeSeed = map.Int("active_seed_set", 10);
        int activeBatch = map.Int("active_batch", 5);
        if (activeSeed < 3 || activeBatch < 1) throw map.Node.Error("active_seed_set must be at least 3 and active_batch at least 1");
        ulong surrogateSeed = map.Optional("seed")?.AsUnsignedLong() ?? seed;
        map.Record("seed", surrogateSeed);
        map.EnsureNoUnknownKeys();
        return new SurrogateSettings(target, testFraction, folds, activeSeed, activeBatch, surrogateSeed);
    }

    private static List<FrameworkEntry> ReadFrameworks(ConfigNode node, string baseDirectory)
    {
        var entries = new List<FrameworkEntry>();
        foreach (ConfigNode item in node.AsListOrSingle())
        {
            string text = item.AsString();
            string full = Path.GetFullPath(Path.Combine(baseDirectory, text));
            IEnumerable<string> files;
            if (text.IndexOfAny(['*', '?']) >= 0)
            {
                string folder = Path.GetDirectoryName(full)!, pattern = Path.GetFileName(full);
                if (folder.IndexOfAny(['*', '?']) >= 0) throw item.Error("wildcards are allowed in the file name only, e.g. ../structures/*.cif");
                if (!Directory.Exists(folder)) throw item.Error($"folder '{folder}' not found");
                files = Directory.GetFiles(folder, pattern);
            }
            else if (Directory.Exists(full)) files = Directory.GetFiles(full, "*.cif");
            else if (File.Exists(full)) files = [full];
            else throw item.Error($"'{text}' is neither a file, a folder nor a glob that exists (looked for {full})");
            var found = files.Order(StringComparer.Ordinal).ToList();
            if (found.Count == 0) throw item.Error($"'{text}' matches no CIF file");
            foreach (string file in found)
            {
                string name = Path.GetFileNameWithoutExtension(file);
                var other = entries.FirstOrDefault(e => e.Name == name);
                if (other != null && other.FullPath != file)
                    throw item.Error($"two frameworks are named '{name}': {other.FullPath} and {file}");
                if (other == null) entries.Add(new FrameworkEntry(name, file, Path.GetRelativePath(baseDirectory, file)));
            }
        }
        return entries;
    }

    /// <summary>Throws the campaign-level error for a problem found after reading (e.g. when expanding a stage).</summary>
    public InputException Error(string problem) => new(new SourceLocation(FilePath), problem);
}
