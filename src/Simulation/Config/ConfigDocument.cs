using MatSim.Simulation.Errors;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MatSim.Simulation.Config;

/// <summary>
/// A YAML configuration file opened for strict reading: its root mapping, with line and column
/// of every node, and the folder relative paths in it are resolved against.
/// </summary>
public static class ConfigDocument
{
    public static ConfigMap Load(string path)
    {
        if (!File.Exists(path)) throw new InputException(new SourceLocation(path), "configuration file not found");
        return Parse(File.ReadAllText(path), path, Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".");
    }

    /// <summary>
    /// Relative paths in a configuration are relative to <c>baseDirectory</c> (the file's folder), or to the folder
    /// its `paths_relative_to:` key names — as in the job files a campaign writes, runnable from any folder.
    /// </summary>
    public const string PathsRelativeTo = "paths_relative_to";

    public static ConfigMap Parse(string text, string source, string baseDirectory)
    {
        ConfigMap map = ParseYaml(text, source, baseDirectory);
        if (map.Optional(PathsRelativeTo) is not { } node) return map;
        string folder = node.AsPath();
        if (!Directory.Exists(folder)) throw node.Error($"folder '{folder}' not found");
        map = ParseYaml(text, source, folder);
        map.Record(PathsRelativeTo, folder);
        return map;
    }

    private static ConfigMap ParseYaml(string text, string source, string baseDirectory)
    {
        var stream = new YamlStream();
        try
        {
            using var reader = new StringReader(text);
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            string message = e.InnerException?.Message ?? e.Message;
            // YamlDotNet prefixes messages with its own (Lin, Col) positions; the location is ours.
            int close = message.IndexOf("): ", StringComparison.Ordinal);
            if (message.StartsWith("(Line", StringComparison.Ordinal) && close > 0) message = message[(close + 3)..];
            throw new InputException(new SourceLocation(source, (int)e.Start.Line, (int)e.Start.Column),
                $"not valid YAML: {message}");
        }
        if (stream.Documents.Count == 0)
            throw new InputException(new SourceLocation(source, 1), "the configuration is empty");
        if (stream.Documents.Count > 1)
            throw new InputException(new SourceLocation(source, (int)stream.Documents[1].RootNode.Start.Line),
                "the file holds several YAML documents; a configuration is one");
        var root = new ConfigNode(stream.Documents[0].RootNode, "", new ConfigContext(source, baseDirectory));
        return root.AsMap();
    }
}

/// <summary>What every node of one configuration shares: its file, base folder, and what reading it warned of.</summary>
public sealed record ConfigContext(string Source, string BaseDirectory)
{
    /// <summary>Doubts about the configuration that do not stop it (the run log and `matsim validate` show them).</summary>
    public List<string> Warnings { get; } = [];
    /// <summary>The declared options read so far, as key paths with list indices written `[]` (for the declaration checks).</summary>
    public HashSet<string> Consulted { get; } = new(StringComparer.Ordinal);
}
