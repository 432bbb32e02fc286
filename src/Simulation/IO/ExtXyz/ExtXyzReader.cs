using System.Globalization;
using MatSim.Simulation.Chemistry;
using MatSim.Simulation.Errors;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.Structures;

namespace MatSim.Simulation.IO.ExtXyz;

/// <summary>
/// Reads extended XYZ as ASE writes it (Lattice=, Properties=species:S:1:pos:R:3:..., pbc=,
/// energy=, stress=, forces), and plain XYZ. Frames are read one at a time, so files larger than
/// memory can be streamed. Errors name the file and line.
/// </summary>
public static class ExtXyzReader
{
    private static readonly string[] ChargeColumns = ["initial_charges", "charges", "charge"];
    private static readonly string[] MoleculeColumns = ["molecule", "mol_id", "molecule_id"];
    private static readonly string[] TypeColumns = ["type", "types", "atom_types"];
    private static readonly string[] ForceColumns = ["forces", "force"];

    /// <summary>All frames of a file, read lazily (the file stays open while enumerating).</summary>
    public static IEnumerable<ExtXyzFrame> ReadFile(string path)
    {
        if (!File.Exists(path)) throw new InputException(new SourceLocation(path), "file not found");
        return ReadFileLazily(path);
    }

    private static IEnumerable<ExtXyzFrame> ReadFileLazily(string path)
    {
        using var reader = new StreamReader(path);
        foreach (ExtXyzFrame frame in Read(reader, path)) yield return frame;
    }

    /// <summary>The frames of a stream, read lazily.</summary>
    public static IEnumerable<ExtXyzFrame> Read(TextReader reader, string source)
    {
        var cursor = new LineCursor(reader, source);
        while (true)
        {
            string? header = cursor.Next();
            while (header != null && header.Trim().Length == 0) header = cursor.Next();
            if (header == null) yield break;
            yield return ReadFrame(header, cursor);
        }
    }

    private sealed class LineCursor(TextReader reader, string source)
    {
        private string? peeked;

        public string Source { get; } = source;
        public int Line { get; private set; }

        public string? Next()
        {
            string? line = peeked ?? reader.ReadLine();
            peeked = null;
            if (line != null) Line++;
            return line;
        }

        /// <summary>The next line, left to be read again by <see cref="Next"/>.</summary>
        public string? Peek() => peeked ??= reader.ReadLine();

        public InputException Error(string problem) => new(Source, Line, problem);
    }

    private sealed record ColumnSpec(string Name, char Type, int Width, int Offset);

    private static ExtXyzFrame ReadFrame(string header, LineCursor cursor)
    {
        int headerLine = cursor.Line;
        if (!int.TryParse(header.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int count))
            throw cursor.Error($"expected the number of atoms of a frame, found '{Shorten(header)}'");
        string comment = cursor.Next() ?? throw cursor.Error("the file ends before the comment line of the frame");
        if (!ExtXyzCommentLine.TryParse(comment, out var pairs, out string syntaxError))
            throw cursor.Error($"comment line: {syntaxError}");
        var info = new Dictionary<string, string>();
        foreach (var (key, value) in pairs)
            if (!info.TryAdd(key, value)) throw cursor.Error($"key '{key}' appears twice on the comment line");

        Cell? lattice = ReadLattice(info, cursor);
        bool periodic = ReadPeriodicity(info, lattice != null, cursor);
        List<ColumnSpec> columns = ReadProperties(info, cursor);
        int width = columns.Sum(c => c.Width);

        var rows = new string[count][];
        for (int i = 0; i < count; i++)
        {
            string line = cursor.Next() ??
                throw cursor.Error($"the file ends after {i} of the {count} atoms announced at line {headerLine}");
            string[] fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < width)
                throw cursor.Error($"atom line has {fields.Length} fields; Properties announce {width} " +
                    $"({string.Join(" ", columns.Select(c => $"{c.Name}:{c.Type}:{c.Width}"))})");
            rows[i] = fields;
        }
        // A frame holding more atoms than it announces would otherwise be read short (and the next frame fail, or never be read).
        string? following = cursor.Peek();
        if (following != null && following.Trim().Length > 0 && !int.TryParse(following.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            throw new InputException(cursor.Source, cursor.Line + 1,
                $"the frame at line {headerLine} announces {count} atoms, but this line after them is another atom line or text, not the atom count of a next frame");
        return BuildFrame(rows, columns, info, periodic ? lattice : null, cursor, headerLine);
    }

    private static Cell? ReadLattice(Dictionary<string, string> info, LineCursor cursor)
    {
        if (!info.Remove("Lattice", out string? text)) return null;
        double[] v = ParseNumbers(text, "Lattice", cursor);
        if (v.Length != 9) throw cursor.Error($"Lattice has {v.Length} numbers; expected 9 (a, b, c vectors in Å)");
        try
        {
            return new Cell(new Vec3(v[0], v[1], v[2]), new Vec3(v[3], v[4], v[5]), new Vec3(v[6], v[7], v[8]));
        }
        catch (ArgumentException e)
        {
            throw cursor.Error($"Lattice: {e.Message}");
        }
    }

    private static bool ReadPeriodicity(Dictionary<string, string> info, bool hasLattice, LineCursor cursor)
    {
        if (!info.Remove("pbc", out string? text)) return hasLattice;
        bool[] flags = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(f => f switch
        {
            "T" or "True" or "true" or "1" => true,
            "F" or "False" or "false" or "0" => false,
            _ => throw cursor.Error($"pbc value '{f}' is not T or F"),
        }).ToArray();
        if (flags.Length != 3) throw cursor.Error($"pbc has {flags.Length} flags; expected three, like pbc=\"T T T\"");
        if (flags.All(f => !f)) return false;
        if (!flags.All(f => f))
            throw cursor.Error($"pbc=\"{text}\": partly periodic systems (slabs, wires) are not supported; use \"T T T\" or \"F F F\"");
        if (!hasLattice) throw cursor.Error("pbc=\"T T T\" needs a Lattice=\"...\" on the same line");
        return true;
    }

    private static List<ColumnSpec> ReadProperties(Dictionary<string, string> info, LineCursor cursor)
    {
        string spec = info.Remove("Properties", out string? text) ? text : "species:S:1:pos:R:3";
        string[] parts = spec.Split(':');
        if (parts.Length % 3 != 0)
            throw cursor.Error($"Properties '{spec}' should be name:type:count triples, like species:S:1:pos:R:3");
        var columns = new List<ColumnSpec>();
        int offset = 0;
        for (int p = 0; p < parts.Length; p += 3)
        {
            string name = parts[p];
            if (parts[p + 1].Length != 1 || !"SRIL".Contains(parts[p + 1][0]))
                throw cursor.Error($"Properties: type '{parts[p + 1]}' of '{name}' should be S, R, I or L");
            if (!int.TryParse(parts[p + 2], NumberStyles.None, CultureInfo.InvariantCulture, out int width) || width < 1)
                throw cursor.Error($"Properties: count '{parts[p + 2]}' of '{name}' should be a positive integer");
            if (columns.Any(c => c.Name == name)) throw cursor.Error($"Properties: '{name}' appears twice");
            columns.Add(new ColumnSpec(name, parts[p + 1][0], width, offset));
            offset += width;
        }
        if (columns.FirstOrDefault(c => c.Name == "pos") is not { Type: 'R', Width: 3 })
            throw cursor.Error($"Properties '{spec}' lack pos:R:3 (the positions)");
        return columns;
    }

    private static ExtXyzFrame BuildFrame(string[][] rows, List<ColumnSpec> columns, Dictionary<string, string> info,
        Cell? cell, LineCursor cursor, int headerLine)
    {
        int n = rows.Length;
        int firstAtomLine = headerLine + 2;
        ColumnSpec? species = columns.FirstOrDefault(c => c.Name == "species");
        ColumnSpec? atomicNumber = columns.FirstOrDefault(c => c.Name == "Z" && c.Type == 'I');
        if (species == null && atomicNumber == null)
            throw cursor.Error("Properties name neither species:S:1 nor Z:I:1; the elements are unknown");
        var used = new HashSet<string> { "pos" };

        Vec3[] positions = ReadVectors(rows, columns.First(c => c.Name == "pos"), firstAtomLine, cursor.Source);
        var elements = new Element[n];
        string[]? speciesText = species != null ? rows.Select(r => r[species.Offset]).ToArray() : null;
        for (int i = 0; i < n; i++)
        {
            if (atomicNumber != null && int.TryParse(rows[i][atomicNumber.Offset], CultureInfo.InvariantCulture, out int z) &&
                z >= 1 && z <= Elements.All.Count)
                elements[i] = Elements.FromNumber(z);
            else if (speciesText != null && (Elements.TryFromSymbol(speciesText[i], out Element e) || Elements.TryFromLabel(speciesText[i], out e)))
                elements[i] = e;
            else
                throw new InputException(cursor.Source, firstAtomLine + i,
                    $"cannot tell the element of atom {i + 1} ('{speciesText?[i] ?? rows[i][atomicNumber!.Offset]}')");
        }
        if (species != null) used.Add("species");
        if (atomicNumber != null) used.Add("Z");

        string[]? types = Column(columns, TypeColumns, 'S', used) is { } typeColumn
            ? rows.Select(r => r[typeColumn.Offset]).ToArray()
            : speciesText;
        double[]? charges = Column(columns, ChargeColumns, 'R', used) is { } chargeColumn
            ? ReadScalars(rows, chargeColumn, firstAtomLine, cursor.Source)
            : null;
        int[]? molecules = Column(columns, MoleculeColumns, 'I', used) is { } moleculeColumn
            ? ReadIntegers(rows, moleculeColumn, firstAtomLine, cursor.Source)
            : null;
        Vec3[]? forces = Column(columns, ForceColumns, 'R', used, width: 3) is { } forceColumn
            ? ReadVectors(rows, forceColumn, firstAtomLine, cursor.Source)
            : null;

        double? energy = null;
        if (info.Remove("energy", out string? energyText))
        {
            if (!NumberText.TryParse(energyText, out double value)) throw cursor.Error($"energy '{energyText}' is not a number");
            energy = value;
        }
        Mat3? stress = info.Remove("stress", out string? stressText) ? ParseStress(stressText, cursor) : null;

        var extra = new Dictionary<string, ExtXyzColumn>();
        foreach (ColumnSpec c in columns.Where(c => !used.Contains(c.Name)))
            extra[c.Name] = new ExtXyzColumn(c.Type, c.Width, rows.Select(r => r[c.Offset..(c.Offset + c.Width)]).ToArray());

        Structure structure;
        try
        {
            structure = new Structure(cell, elements, positions, types, charges, molecules);
        }
        catch (ArgumentException e)
        {
            throw new InputException(cursor.Source, headerLine, e.Message);
        }
        return new ExtXyzFrame
        {
            Structure = structure, Energy = energy, Forces = forces, Stress = stress, Info = info, Columns = extra,
        };
    }

    private static ColumnSpec? Column(List<ColumnSpec> columns, string[] names, char type, HashSet<string> used, int width = 1)
    {
        ColumnSpec? column = columns.FirstOrDefault(c => names.Contains(c.Name) && c.Type == type && c.Width == width);
        if (column != null) used.Add(column.Name);
        return column;
    }

    private static Mat3 ParseStress(string text, LineCursor cursor)
    {
        double[] v = ParseNumbers(text, "stress", cursor);
        return v.Length switch
        {
            9 => new Mat3(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8]),
            // Voigt order xx yy zz yz xz xy
            6 => new Mat3(v[0], v[5], v[4], v[5], v[1], v[3], v[4], v[3], v[2]),
            _ => throw cursor.Error($"stress has {v.Length} numbers; expected 9 (3×3) or 6 (Voigt)"),
        };
    }

    private static double[] ParseNumbers(string text, string key, LineCursor cursor) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(t => NumberText.TryParse(t, out double v) ? v : throw cursor.Error($"{key}: '{t}' is not a number"))
            .ToArray();

    private static Vec3[] ReadVectors(string[][] rows, ColumnSpec column, int firstLine, string source)
    {
        var result = new Vec3[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            double x = Number(rows[i], column.Offset, column.Name, firstLine + i, source);
            double y = Number(rows[i], column.Offset + 1, column.Name, firstLine + i, source);
            double z = Number(rows[i], column.Offset + 2, column.Name, firstLine + i, source);
            result[i] = new Vec3(x, y, z);
        }
        return result;
    }

    private static double[] ReadScalars(string[][] rows, ColumnSpec column, int firstLine, string source) =>
        rows.Select((r, i) => Number(r, column.Offset, column.Name, firstLine + i, source)).ToArray();

    private static int[] ReadIntegers(string[][] rows, ColumnSpec column, int firstLine, string source) =>
        rows.Select((r, i) => int.TryParse(r[column.Offset], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int v)
            ? v
            : throw new InputException(source, firstLine + i, $"{column.Name} '{r[column.Offset]}' is not an integer")).ToArray();

    private static double Number(string[] fields, int index, string name, int line, string source) =>
        NumberText.TryParse(fields[index], out double v)
            ? v
            : throw new InputException(source, line, $"{name} value '{fields[index]}' is not a number");

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
