using System.Globalization;
using MatSim.Simulation.Errors;
using MatSim.Simulation.Units;
using YamlDotNet.RepresentationModel;

namespace MatSim.Simulation.Config;

/// <summary>
/// One node of a configuration with its key path ("simulation.temperature") and position, and
/// typed conversions whose errors name both.
/// </summary>
public sealed class ConfigNode
{
    internal YamlNode Yaml { get; }
    public string Path { get; }
    public ConfigContext Context { get; }

    // Opened once, so that what the components read inside lists and mappings reaches the resolved configuration.
    private ConfigMap? map;
    private ConfigNode[]? items;

    internal ConfigNode(YamlNode yaml, string path, ConfigContext context)
    {
        Yaml = yaml;
        Path = path;
        Context = context;
    }

    /// <summary>The node as YAML-like text (flow style), e.g. to fingerprint a sub-configuration.</summary>
    public string Text => Yaml.ToString();

    public SourceLocation Location => new(Context.Source, (int)Yaml.Start.Line, (int)Yaml.Start.Column);

    /// <summary>A doubt about this node's value that does not stop the run: logged and shown by `matsim validate`.</summary>
    public void Warn(string problem) => Context.Warnings.Add($"{Location}: {(Path.Length > 0 ? $"{Path}: {problem}" : problem)}");

    /// <summary>An input error at this node, prefixed with its key path.</summary>
    public InputException Error(string problem) =>
        new(Location, Path.Length > 0 ? $"{Path}: {problem}" : problem);

    /// <summary>
    /// The node as plain data — mappings as dictionaries in file order, lists, scalars as their text — for
    /// building derived configurations (a campaign writes each job's configuration from its own).
    /// </summary>
    public object ToPlain() => Plain(Yaml);

    private static object Plain(YamlNode node) => node switch
    {
        YamlMappingNode map => map.Children.ToDictionary(p => ((YamlScalarNode)p.Key).Value ?? "", p => Plain(p.Value), StringComparer.Ordinal),
        YamlSequenceNode list => list.Children.Select(Plain).ToList(),
        YamlScalarNode scalar => scalar.Value ?? "",
        _ => node.ToString(),
    };

    public bool IsMap => Yaml is YamlMappingNode;
    public bool IsList => Yaml is YamlSequenceNode;
    public bool IsScalar => Yaml is YamlScalarNode;

    public ConfigMap AsMap()
    {
        if (Yaml is not YamlMappingNode mapping) throw Error($"expected a mapping of keys to values, found {Describe()}");
        if (map == null)
        {
            map = new ConfigMap(mapping, this);
            if (declaredOptions.Count > 0) map.Declare(declaredOptions);
        }
        return map;
    }

    public IReadOnlyList<ConfigNode> AsList()
    {
        if (Yaml is not YamlSequenceNode list) throw Error($"expected a list, found {Describe()}");
        if (items == null)
        {
            items = list.Children.Select((child, i) => new ConfigNode(child, $"{Path}[{i}]", Context)).ToArray();
            foreach (ConfigNode item in items) item.DeclareBeneath(declaredItemOptions, []);
        }
        return items;
    }

    // The options declared for this node's mapping, and for the mappings of its list's items (see ConfigMap.Declare).
    private IReadOnlyList<Plugins.OptionInfo> declaredOptions = [], declaredItemOptions = [];

    internal void DeclareBeneath(IReadOnlyList<Plugins.OptionInfo> forMapping, IReadOnlyList<Plugins.OptionInfo> forItems)
    {
        declaredOptions = forMapping;
        declaredItemOptions = forItems;
        if (map != null && forMapping.Count > 0) map.Declare(forMapping);
        if (items != null) foreach (ConfigNode item in items) item.DeclareBeneath(forItems, []);
    }

    /// <summary>
    /// The node for the resolved configuration: mappings a component opened give what it read (defaults included),
    /// lists give their items, anything else its text as written.
    /// </summary>
    internal object Resolved() => Yaml switch
    {
        YamlMappingNode when map != null => map.Resolved(),
        YamlSequenceNode => AsList().Select(item => item.Resolved()).ToList(),
        _ => ToPlain(),
    };

    /// <summary>A list, or a single value read as a list of one.</summary>
    public IReadOnlyList<ConfigNode> AsListOrSingle() => IsList ? AsList() : [this];

    public string AsString()
    {
        if (Yaml is YamlScalarNode { Value: { } value }) return value;
        throw Error($"expected a single value, found {Describe()}");
    }

    public double AsNumber()
    {
        string text = AsString();
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)
            ? v
            : throw Error($"'{text}' is not a number");
    }

    public int AsInt()
    {
        string text = AsString().Replace("_", "", StringComparison.Ordinal);
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int v)) return v;
        // "1e6" is a common way to write a large count
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && d == Math.Floor(d) &&
            Math.Abs(d) <= int.MaxValue)
            return (int)d;
        throw Error($"'{AsString()}' is not a whole number");
    }

    public long AsLong()
    {
        string text = AsString().Replace("_", "", StringComparison.Ordinal);
        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v)
            ? v
            : throw Error($"'{AsString()}' is not a whole number");
    }

    public ulong AsUnsignedLong()
    {
        string text = AsString().Replace("_", "", StringComparison.Ordinal);
        return ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong v)
            ? v
            : throw Error($"'{AsString()}' is not a non-negative whole number");
    }

    public bool AsBool() => AsString().ToLowerInvariant() switch
    {
        "true" or "yes" or "on" => true,
        "false" or "no" or "off" => false,
        var other => throw Error($"'{other}' is not true or false"),
    };

    /// <summary>A quantity with its unit ("298 K"), in internal units.</summary>
    public double AsQuantity(Dimension dimension)
    {
        string text = AsString();
        return Quantity.TryParse(text, dimension, out double value, out string error) ? value : throw Error(error);
    }

    /// <summary>One of a fixed set of words (case-insensitive), returned as written in <paramref name="allowed"/>.</summary>
    public string AsChoice(params string[] allowed)
    {
        string text = AsString();
        return allowed.FirstOrDefault(a => string.Equals(a, text, StringComparison.OrdinalIgnoreCase)) ??
            throw Error($"'{text}' is not one of: {string.Join(", ", allowed)}");
    }

    /// <summary>A path relative to the configuration file's folder, made absolute.</summary>
    public string AsPath() => System.IO.Path.GetFullPath(System.IO.Path.Combine(Context.BaseDirectory, AsString()));

    /// <summary>A path that must name an existing file.</summary>
    public string AsExistingFile()
    {
        string path = AsPath();
        return File.Exists(path) ? path : throw Error($"file '{AsString()}' not found (looked for {path})");
    }

    private string Describe() => Yaml switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode s => $"'{s.Value}'",
        _ => "nothing",
    };
}
