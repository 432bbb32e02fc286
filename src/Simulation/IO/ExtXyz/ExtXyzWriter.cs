using System.Globalization;
using System.Text;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.Structures;

namespace MatSim.Simulation.IO.ExtXyz;

/// <summary>
/// Writes extended XYZ that ASE reads back unchanged: Lattice, Properties, pbc, energy, stress
/// and forces, charges, force-field types and molecule indices where they carry information.
/// Numbers are written to full double precision.
/// </summary>
public static class ExtXyzWriter
{
    public static void Write(TextWriter writer, ExtXyzFrame frame)
    {
        Structure s = frame.Structure;
        bool writeTypes = Enumerable.Range(0, s.Count).Any(i => s.Types[i] != s.Elements[i].Symbol);
        bool writeCharges = s.Charges.Any(q => q != 0);
        bool writeMolecules = s.Molecules.Any(m => m != Structure.NoMolecule);
        if (frame.Forces != null && frame.Forces.Length != s.Count)
            throw new ArgumentException($"{frame.Forces.Length} forces for {s.Count} atoms", nameof(frame));

        var properties = new StringBuilder("species:S:1:pos:R:3");
        if (writeTypes) properties.Append(":type:S:1");
        if (writeCharges) properties.Append(":initial_charges:R:1");
        if (writeMolecules) properties.Append(":molecule:I:1");
        if (frame.Forces != null) properties.Append(":forces:R:3");
        foreach (var (name, column) in frame.Columns) properties.Append($":{name}:{column.Type}:{column.Width}");

        var comment = new StringBuilder();
        if (s.Cell is { } cell)
            comment.Append("Lattice=\"").Append(Join(cell.A, cell.B, cell.C)).Append("\" ");
        comment.Append("Properties=").Append(properties);
        if (frame.Energy is { } energy) comment.Append(" energy=").Append(NumberText.Format(energy));
        if (frame.Stress is { } st)
            comment.Append(" stress=\"").Append(Join(st.Row(0), st.Row(1), st.Row(2))).Append('"');
        foreach (var (key, value) in frame.Info)
            comment.Append(' ').Append(ExtXyzCommentLine.Quote(key)).Append('=').Append(ExtXyzCommentLine.Quote(value));
        comment.Append(s.IsPeriodic ? " pbc=\"T T T\"" : " pbc=\"F F F\"");

        writer.Write(s.Count.ToString(CultureInfo.InvariantCulture));
        writer.Write('\n');
        writer.Write(comment.ToString());
        writer.Write('\n');
        var line = new StringBuilder();
        for (int i = 0; i < s.Count; i++)
        {
            line.Clear();
            line.Append(s.Elements[i].Symbol).Append(' ').Append(Join(s.Positions[i]));
            if (writeTypes) line.Append(' ').Append(s.Types[i]);
            if (writeCharges) line.Append(' ').Append(NumberText.Format(s.Charges[i]));
            if (writeMolecules) line.Append(' ').Append(s.Molecules[i].ToString(CultureInfo.InvariantCulture));
            if (frame.Forces != null) line.Append(' ').Append(Join(frame.Forces[i]));
            foreach (ExtXyzColumn column in frame.Columns.Values) line.Append(' ').AppendJoin(' ', column.Values[i]);
            writer.Write(line.ToString());
            writer.Write('\n');
        }
    }

    /// <summary>Writes frames to a file atomically (a temporary file renamed over the target).</summary>
    public static void WriteFile(string path, IEnumerable<ExtXyzFrame> frames) =>
        AtomicFile.Write(path, writer =>
        {
            foreach (ExtXyzFrame frame in frames) Write(writer, frame);
        });

    private static string Join(params Vec3[] vectors) =>
        string.Join(' ', vectors.SelectMany(v => new[] { v.X, v.Y, v.Z }).Select(NumberText.Format));
}
