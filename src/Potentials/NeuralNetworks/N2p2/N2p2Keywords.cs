using System.Globalization;
using MatSim.Simulation.Errors;

namespace MatSim.Potentials.NeuralNetworks.N2p2;

/// <summary>One `keyword value…` line of an n2p2 settings file (comments removed), with its place.</summary>
public sealed record N2p2Line(string Keyword, string[] Values, SourceLocation Where)
{
    public InputException Error(string problem) => new(Where, $"{Keyword}: {problem}");

    public double Number(int index)
    {
        if (index >= Values.Length) throw Error($"missing value {index + 1}");
        return double.TryParse(Values[index], NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)
            ? v : throw Error($"value {index + 1} '{Values[index]}' is not a finite number");
    }

    public int Integer(int index)
    {
        if (index >= Values.Length) throw Error($"missing value {index + 1}");
        return int.TryParse(Values[index], NumberStyles.Integer, CultureInfo.InvariantCulture, out int v)
            ? v : throw Error($"value {index + 1} '{Values[index]}' is not an integer");
    }
}

/// <summary>The lines of an n2p2 `input.nn`, by keyword; '#' starts a comment.</summary>
public sealed class N2p2Keywords
{
    private readonly List<N2p2Line> lines = [];

    public string Path { get; }

    private N2p2Keywords(string path) => Path = path;

    public static N2p2Keywords Read(string path)
    {
        if (!File.Exists(path)) throw new InputException(new SourceLocation(path), "file not found (an n2p2 model folder needs input.nn)");
        return Parse(File.ReadLines(path), path);
    }

    /// <summary>Settings text embedded elsewhere (e.g. in a model file at <paramref name="path"/>).</summary>
    public static N2p2Keywords Parse(IEnumerable<string> lines, string path)
    {
        var result = new N2p2Keywords(path);
        int number = 0;
        foreach (string raw in lines)
        {
            number++;
            int hash = raw.IndexOf('#');
            string text = hash >= 0 ? raw[..hash] : raw;
            string[] fields = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0) continue;
            result.lines.Add(new N2p2Line(fields[0], fields[1..], new SourceLocation(path, number)));
        }
        return result;
    }

    public IEnumerable<N2p2Line> All(string keyword) => lines.Where(l => l.Keyword == keyword);

    public N2p2Line? Optional(string keyword)
    {
        N2p2Line[] found = All(keyword).ToArray();
        if (found.Length > 1) throw found[1].Error($"given twice (also on line {found[0].Where.Line})");
        return found.Length == 1 ? found[0] : null;
    }

    public N2p2Line Required(string keyword, string meaning) =>
        Optional(keyword) ?? throw new InputException(new SourceLocation(Path), $"keyword '{keyword}' ({meaning}) is missing");

    public bool Has(string keyword) => All(keyword).Any();
}
