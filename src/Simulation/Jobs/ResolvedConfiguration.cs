using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MatSim.Simulation.Config;
using MatSim.Simulation.Errors;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace MatSim.Simulation.Jobs;

/// <summary>
/// The resolved configuration of a run (`resolved.yaml`: every value used, defaults included, paths absolute or
/// relative to `paths_relative_to`), its hash (a checkpoint resumes only under the configuration that wrote it),
/// and the check that a run folder is not entered by a run of another configuration.
/// </summary>
public static class ResolvedConfiguration
{
    public const string FileName = "resolved.yaml";

    public static string Yaml(PreparedRun run) =>
        $"# Resolved configuration of {run.ConfigPath} (matsim {JobRunner.Version}): every value used, defaults included.\n" +
        $"# Rerun it with: matsim run {FileName} --output NEW_FOLDER\n" +
        new SerializerBuilder().Build().Serialize(run.ResolvedConfig);

    /// <summary>SHA-256 of the resolved configuration without its output folder.</summary>
    public static string Hash(PreparedRun run)
    {
        string yaml = new SerializerBuilder().Build().Serialize(WithoutOutput(run.ResolvedConfig));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(yaml)));
    }

    /// <summary>
    /// A folder that already holds a run (its resolved.yaml) accepts only the same configuration (to resume it);
    /// any other is refused before anything is written, naming the first key that differs and where it is.
    /// </summary>
    public static void EnsureFolderHoldsNoOtherRun(PreparedRun run)
    {
        string path = Path.Combine(run.OutputDirectory, FileName);
        if (!File.Exists(path)) return;
        Dictionary<string, string> before, now;
        try
        {
            before = Flatten(new DeserializerBuilder().Build().Deserialize<object>(File.ReadAllText(path)));
        }
        catch (YamlException)
        {
            before = [];
        }
        now = Flatten(new DeserializerBuilder().Build().Deserialize<object>(new SerializerBuilder().Build().Serialize(WithoutOutput(run.ResolvedConfig))));
        before.Remove("output");
        string? key = now.Keys.FirstOrDefault(k => !before.TryGetValue(k, out string? old) || old != now[k]) ??
                      before.Keys.FirstOrDefault(k => !now.ContainsKey(k));
        if (key == null) return;
        string was = before.TryGetValue(key, out string? b) ? $"'{b}'" : "absent";
        string isNow = now.TryGetValue(key, out string? n) ? $"'{n}'" : "absent";
        SourceLocation at = run.Config?.LocationOf(key) ?? new SourceLocation(run.ConfigPath);
        throw new InputException(at,
            $"the output folder {run.OutputDirectory} holds a run of another configuration ({key}: {was} there, {isNow} here); " +
            "a folder resumes only the run that made it: give another output folder (--output), or delete this one");
    }

    private static Dictionary<string, object> WithoutOutput(IReadOnlyDictionary<string, object> resolved) =>
        resolved.Where(p => p.Key != "output").ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    /// <summary>Key paths as the configuration names them ("components[0].molecule") with their values as text.</summary>
    private static Dictionary<string, string> Flatten(object? node)
    {
        var flat = new Dictionary<string, string>(StringComparer.Ordinal);
        void Walk(object? value, string path)
        {
            switch (value)
            {
                case IDictionary<object, object> map:
                    foreach (var (k, v) in map) Walk(v, path.Length > 0 ? $"{path}.{k}" : Convert.ToString(k, CultureInfo.InvariantCulture) ?? "");
                    break;
                case IList<object> list:
                    for (int i = 0; i < list.Count; i++) Walk(list[i], $"{path}[{i}]");
                    if (list.Count == 0) flat[path] = "[]";
                    break;
                default:
                    flat[path] = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
                    break;
            }
        }
        Walk(node, "");
        return flat;
    }
}
