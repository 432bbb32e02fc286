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

    public static ConfigMap Parse(string text, string source, string baseDirectory)
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

/// <summary>What every node of one configuration shares: its file and base folder.</summary>
public sealed record ConfigContext(string Source, string BaseDirectory);
