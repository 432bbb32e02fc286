using System.Globalization;

namespace MatSim.TestSupport;

/// <summary>The CSV tables of ../shared/reference: '#' comment lines, a header, rows of values.</summary>
public sealed class ReferenceTable
{
    public IReadOnlyList<string> Columns { get; }
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Rows { get; }

    private ReferenceTable(IReadOnlyList<string> columns, IReadOnlyList<IReadOnlyDictionary<string, string>> rows)
    {
        Columns = columns;
        Rows = rows;
    }

    public static ReferenceTable Read(string path)
    {
        string[] lines = File.ReadAllLines(path).Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#')).ToArray();
        string[] header = lines[0].Split(',').Select(h => h.Trim()).ToArray();
        var rows = lines.Skip(1).Select(l =>
        {
            string[] values = l.Split(',');
            return (IReadOnlyDictionary<string, string>)header.Select((h, i) => (h, i < values.Length ? values[i].Trim() : ""))
                .ToDictionary(p => p.h, p => p.Item2);
        }).ToArray();
        return new ReferenceTable(header, rows);
    }

    public static double Number(IReadOnlyDictionary<string, string> row, string column) =>
        double.Parse(row[column], NumberStyles.Float, CultureInfo.InvariantCulture);

    public static double? OptionalNumber(IReadOnlyDictionary<string, string> row, string column) =>
        row.TryGetValue(column, out string? text) && text.Length > 0 ? double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture) : null;
}
