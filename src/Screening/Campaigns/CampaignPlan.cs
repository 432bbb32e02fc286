using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MatSim.Simulation.Config;
using YamlDotNet.Serialization;

namespace MatSim.Screening.Campaigns;

/// <summary>
/// Expands a campaign into jobs: for each stage, every framework (or the selected top ones) × temperature, each
/// with the common keys, the stage's settings (maps merged key by key), and the framework file, temperature and a
/// seed derived from the campaign seed and the job's identity.
/// </summary>
public static class CampaignPlan
{
    public const string ConfigFileName = "job.yaml";

    public static IReadOnlyList<CampaignJob> Expand(CampaignDefinition campaign, StageDefinition stage, IEnumerable<(FrameworkEntry Framework, double? Temperature)> entries)
    {
        var jobs = new List<CampaignJob>();
        foreach (var (framework, temperature) in entries)
        {
            var config = Merge(campaign.Common, stage.Settings);
            config["job"] = stage.Job;
            config["seed"] = DeriveSeed(campaign.Seed, stage.Name, framework.Name, temperature).ToString(CultureInfo.InvariantCulture);
            if (temperature is { } t) config["temperature"] = string.Create(CultureInfo.InvariantCulture, $"{t:R} K");
            var frameworkMap = config.TryGetValue("framework", out object? given) && given is Dictionary<string, object> map
                ? new Dictionary<string, object>(map, StringComparer.Ordinal) : new Dictionary<string, object>(StringComparer.Ordinal);
            frameworkMap["file"] = framework.RelativePath;
            config["framework"] = frameworkMap;
            string yaml = new SerializerBuilder().Build().Serialize(config);
            string id = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(yaml)))[..12].ToLowerInvariant();
            string folderName = temperature is { } k ? $"{framework.Name}_{k:0.##}K_{id}" : $"{framework.Name}_{id}";
            // runnable on its own (`matsim run job.yaml`); the folder is not part of the id, so a moved campaign keeps its ids
            string text = $"# {stage.Name} job of campaign '{campaign.Name}' ({campaign.FilePath})\n" +
                $"{ConfigDocument.PathsRelativeTo}: {YamlQuote(campaign.BaseDirectory)}\n" + yaml;
            jobs.Add(new CampaignJob(id, stage, framework, temperature, ulong.Parse((string)config["seed"], CultureInfo.InvariantCulture), text,
                Path.Combine(campaign.OutputDirectory, "jobs", stage.Name, folderName)));
        }
        return jobs;
    }

    private static string YamlQuote(string path) => "'" + path.Replace("'", "''") + "'";

    /// <summary>Every framework × temperature (once per framework for structure-only jobs).</summary>
    public static IEnumerable<(FrameworkEntry, double?)> AllEntries(CampaignDefinition campaign, StageDefinition stage) =>
        stage.PerTemperature
            ? campaign.Frameworks.SelectMany(f => campaign.Temperatures.Select(t => (f, (double?)t)))
            : campaign.Frameworks.Select(f => (f, (double?)null));

    private static Dictionary<string, object> Merge(IReadOnlyDictionary<string, object> under, IReadOnlyDictionary<string, object> over)
    {
        var result = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (key, value) in under) result[key] = value;
        foreach (var (key, value) in over)
            result[key] = result.TryGetValue(key, out object? existing) && existing is IReadOnlyDictionary<string, object> a && value is IReadOnlyDictionary<string, object> b
                ? Merge(a, b) : value;
        return result;
    }

    /// <summary>A seed from the campaign seed and the job's identity: the same job always gets the same seed.</summary>
    private static ulong DeriveSeed(ulong campaignSeed, string stage, string framework, double? temperature)
    {
        string key = string.Create(CultureInfo.InvariantCulture, $"{campaignSeed}|{stage}|{framework}|{temperature:R}");
        return BitConverter.ToUInt64(SHA256.HashData(Encoding.UTF8.GetBytes(key))) >> 1;
    }
}
