namespace MatSim.Simulation.IO.Cif;

/// <summary>One value of a CIF file, with the line it stands on.</summary>
public sealed record CifValue(string Text, int Line, bool Quoted)
{
    /// <summary>The CIF markers of a missing ('?') or inapplicable ('.') value, when unquoted.</summary>
    public bool IsMissing => !Quoted && Text is "?" or ".";
}

/// <summary>A loop_ of a CIF block: its tags and rows of values.</summary>
public sealed class CifLoop
{
    public required IReadOnlyList<string> Tags { get; init; }
    public required IReadOnlyList<CifValue[]> Rows { get; init; }
    public required int Line { get; init; }

    /// <summary>Column of a tag (case-insensitive), or -1.</summary>
    public int ColumnOf(string tag)
    {
        for (int i = 0; i < Tags.Count; i++)
            if (string.Equals(Tags[i], tag, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }
}

/// <summary>A data_ block of a CIF file: single items and loops, tags case-insensitive.</summary>
public sealed class CifBlock
{
    private readonly Dictionary<string, (string Tag, CifValue Value)> items = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<CifLoop> loops = [];
    private readonly List<string> warnings = [];

    public required string Name { get; init; }
    public required string Source { get; init; }
    public required int Line { get; init; }
    public IReadOnlyList<CifLoop> Loops => loops;

    /// <summary>Problems in parts of the block no structure needs (e.g. a malformed citation loop), which were skipped.</summary>
    public IReadOnlyList<string> Warnings => warnings;

    internal bool TryAddItem(string tag, CifValue value) => items.TryAdd(tag, (tag, value));
    internal void AddLoop(CifLoop loop) => loops.Add(loop);
    internal void AddWarning(string warning) => warnings.Add(warning);

    public CifValue? Item(string tag) => items.TryGetValue(tag, out var item) ? item.Value : null;

    /// <summary>The loop that contains a tag, or null.</summary>
    public CifLoop? LoopWith(string tag) => loops.FirstOrDefault(l => l.ColumnOf(tag) >= 0);

    /// <summary>The values of a tag, whether written as a single item or as a loop column.</summary>
    public IReadOnlyList<CifValue> Values(string tag)
    {
        if (Item(tag) is { } single) return [single];
        CifLoop? loop = LoopWith(tag);
        if (loop == null) return [];
        int column = loop.ColumnOf(tag);
        return loop.Rows.Select(r => r[column]).ToArray();
    }

    public bool Contains(string tag) => items.ContainsKey(tag) || LoopWith(tag) != null;
}
