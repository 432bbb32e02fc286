using MatSim.Simulation.Errors;
using MatSim.Simulation.Units;
using YamlDotNet.RepresentationModel;

namespace MatSim.Simulation.Config;

/// <summary>
/// A mapping of a configuration read strictly: each component asks for the keys it knows, then
/// calls <see cref="EnsureNoUnknownKeys"/>, which rejects every key nobody asked for (with its
/// line, column and the keys that are allowed). Every value read, given or defaulted, is recorded
/// for the resolved configuration written next to the results.
/// </summary>
public sealed class ConfigMap
{
    private readonly Dictionary<string, (ConfigNode Key, ConfigNode Value)> entries = new(StringComparer.Ordinal);
    private readonly HashSet<string> known = new(StringComparer.Ordinal);
    private readonly Dictionary<string, object> resolved = new(StringComparer.Ordinal);
    private readonly List<string> order = [];

    public ConfigNode Node { get; }

    internal ConfigMap(YamlMappingNode map, ConfigNode node)
    {
        Node = node;
        foreach (var (keyNode, valueNode) in map.Children)
        {
            var key = new ConfigNode(keyNode, node.Path, node.Context);
            string name = key.AsString();
            string path = node.Path.Length > 0 ? $"{node.Path}.{name}" : name;
            entries.Add(name, (key, new ConfigNode(valueNode, path, node.Context))); // YamlDotNet rejects duplicate keys
            order.Add(name);
        }
    }

    public IEnumerable<string> Keys => order;
    public bool Has(string key) => entries.ContainsKey(key);

    /// <summary>The options declared for this mapping (names relative to it: `cutoff`, `cycles.production`, `components[].molecule`), or null.</summary>
    public IReadOnlyList<Plugins.OptionInfo>? Declared { get; private set; }

    /// <summary>
    /// Declares the mapping's options: from now on reading a key that is not declared is a fault of the reading
    /// component (<see cref="UndeclaredOptionException"/>), and the nodes of its keys carry their own options down.
    /// Declaring again adds to what was declared.
    /// </summary>
    public void Declare(IEnumerable<Plugins.OptionInfo> options) =>
        Declared = [.. Declared ?? [], .. options.Where(o => Declared?.All(d => d.Name != o.Name) ?? true)];

    /// <summary>Drops the declaration: for components that declare no options (plug-ins built before declarations), read unchecked.</summary>
    public void Undeclare() => Declared = null;

    /// <summary>The node of a key, or null when absent. Marks the key as known.</summary>
    public ConfigNode? Optional(string key)
    {
        Consult(key);
        return entries.TryGetValue(key, out var entry) ? Down(key, entry.Value) : null;
    }

    /// <summary>The node of a key, or an error naming it and saying what it should hold.</summary>
    public ConfigNode Required(string key, string expected)
    {
        Consult(key);
        if (entries.TryGetValue(key, out var entry)) return Down(key, entry.Value);
        // A misspelt key is the likelier mistake than a forgotten one: point at it.
        string? typo = order.Where(k => !known.Contains(k)).FirstOrDefault(k => EditDistance(k, key) <= 2);
        if (typo != null)
            throw new InputException(entries[typo].Key.Location, $"unknown key '{PathOf(typo)}' (did you mean '{key}'?); '{key}' is required ({expected})");
        throw Node.Error($"missing key '{key}' ({expected})");
    }

    private string PathOf(string key) => Node.Path.Length > 0 ? $"{Node.Path}.{key}" : key;

    /// <summary>Marks a key as known, and as consulted for the declaration checks; an undeclared key is the reader's fault.</summary>
    private void Consult(string key)
    {
        known.Add(key);
        if (Declared == null) return;
        if (Declared.All(o => OptionPaths.Head(o.Name) != key)) throw new UndeclaredOptionException(OptionPaths.Normalised(PathOf(key)));
        Node.Context.Consulted.Add(OptionPaths.Normalised(PathOf(key)));
    }

    /// <summary>The node of a key with the options declared beneath it (`key.x` for its mapping, `key[].x` for its list's items).</summary>
    private ConfigNode Down(string key, ConfigNode node)
    {
        if (Declared != null) node.DeclareBeneath(OptionPaths.Beneath(Declared, key), OptionPaths.Beneath(Declared, key + "[]"));
        return node;
    }

    public ConfigMap RequiredMap(string key, string expected) => Record(key, Required(key, expected).AsMap());
    public ConfigMap? OptionalMap(string key) => Optional(key) is { } node ? Record(key, node.AsMap()) : null;

    public string RequiredString(string key, string expected) => Record(key, Required(key, expected).AsString());
    public string String(string key, string defaultValue) => Record(key, Optional(key)?.AsString() ?? defaultValue);

    public string Choice(string key, string defaultValue, params string[] allowed) =>
        Record(key, Optional(key)?.AsChoice(allowed) ?? defaultValue);

    public int RequiredInt(string key, string expected) => Record(key, Required(key, expected).AsInt());
    public int Int(string key, int defaultValue) => Record(key, Optional(key)?.AsInt() ?? defaultValue);

    public double RequiredNumber(string key, string expected) => Record(key, Required(key, expected).AsNumber());
    public double Number(string key, double defaultValue) => Record(key, Optional(key)?.AsNumber() ?? defaultValue);

    /// <summary>
    /// A whole number of at least <paramref name="minimum"/> (a count, an interval, a number of blocks), the default
    /// when absent; a smaller one is an error naming the key, never silently raised, so the value recorded is the one used.
    /// </summary>
    public int Count(string key, int defaultValue, int minimum = 1) => AtLeast(key, Int(key, defaultValue), minimum);

    /// <summary>A required whole number of at least <paramref name="minimum"/>.</summary>
    public int RequiredCount(string key, string expected, int minimum = 0) => AtLeast(key, RequiredInt(key, expected), minimum);

    private int AtLeast(string key, int value, int minimum) => value >= minimum
        ? value
        : throw Optional(key)!.Error(minimum switch { 0 => "must not be negative", 1 => "must be positive", _ => $"must be at least {minimum}" });

    public bool Bool(string key, bool defaultValue) => Record(key, Optional(key)?.AsBool() ?? defaultValue);

    /// <summary>A required quantity with unit, in internal units.</summary>
    public double RequiredQuantity(string key, Dimension dimension, string expected)
    {
        ConfigNode node = Required(key, $"{expected}, e.g. '{Units.Quantity.Example(dimension)}'");
        double value = node.AsQuantity(dimension);
        resolved[key] = node.AsString();
        return value;
    }

    /// <summary>A required quantity that must be positive (a temperature, a cutoff, a time step), in internal units.</summary>
    public double RequiredPositiveQuantity(string key, Dimension dimension, string expected) =>
        Positive(key, RequiredQuantity(key, dimension, expected));

    /// <summary>An optional quantity that must be positive; <paramref name="defaultText"/> (with its unit) when absent.</summary>
    public double PositiveQuantity(string key, Dimension dimension, string defaultText) =>
        Positive(key, Quantity(key, dimension, defaultText));

    private double Positive(string key, double value) => value > 0 ? value : throw (Optional(key) ?? Node).Error("must be positive");

    /// <summary>An optional quantity; <paramref name="defaultText"/> (with its unit) when absent.</summary>
    public double Quantity(string key, Dimension dimension, string defaultText)
    {
        ConfigNode? node = Optional(key);
        resolved[key] = node?.AsString() ?? defaultText;
        return node?.AsQuantity(dimension) ?? Units.Quantity.Parse(defaultText, dimension);
    }

    /// <summary>A required existing file, relative to the configuration's folder.</summary>
    public string RequiredFile(string key, string expected) => Record(key, Required(key, expected).AsExistingFile());

    /// <summary>Records a value for the resolved configuration (for values read through nodes).</summary>
    public T Record<T>(string key, T value) where T : notnull
    {
        known.Add(key);
        resolved[key] = value;
        return value;
    }

    /// <summary>Rejects the keys no component asked for, naming each and the allowed keys.</summary>
    public void EnsureNoUnknownKeys()
    {
        foreach (string key in order)
        {
            if (known.Contains(key)) continue;
            string? closest = known.MinBy(k => EditDistance(k, key));
            string hint = closest != null && EditDistance(closest, key) <= 2 ? $" (did you mean '{closest}'?)" : "";
            string allowed = known.Count > 0 ? $"; allowed here: {string.Join(", ", known.Order(StringComparer.Ordinal))}" : "";
            throw new InputException(entries[key].Key.Location, $"unknown key '{PathOf(key)}'{hint}{allowed}");
        }
    }

    /// <summary>
    /// The values read, in file order then defaults, as plain data for YAML/JSON output. A key that was read
    /// through its node without a recorded value appears as written (its mappings as their components read them).
    /// </summary>
    public IReadOnlyDictionary<string, object> Resolved()
    {
        var result = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (string key in order.Concat(resolved.Keys.Except(order)))
        {
            if (resolved.TryGetValue(key, out object? value)) result[key] = value is ConfigMap map ? map.Resolved() : value;
            else if (known.Contains(key) && entries.TryGetValue(key, out var entry)) result[key] = entry.Value.Resolved();
        }
        return result;
    }

    /// <summary>
    /// Where a key path ("components[0].molecule") is written in the file; where it is absent (a default), the
    /// nearest enclosing mapping or list.
    /// </summary>
    public SourceLocation LocationOf(string keyPath)
    {
        ConfigNode node = Node;
        foreach (string segment in keyPath.Split('.'))
        {
            string[] parts = segment.Split('[');
            if (!node.IsMap || !node.AsMap().entries.TryGetValue(parts[0], out var entry)) return node.Location;
            node = entry.Value;
            foreach (string index in parts.Skip(1))
            {
                if (!node.IsList || !int.TryParse(index.TrimEnd(']'), out int i) || i >= node.AsList().Count) return node.Location;
                node = node.AsList()[i];
            }
        }
        return node.Location;
    }

    private static int EditDistance(string a, string b)
    {
        int[,] d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
        for (int j = 1; j <= b.Length; j++)
            d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
        return d[a.Length, b.Length];
    }
}
