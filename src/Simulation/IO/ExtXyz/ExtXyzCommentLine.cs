using System.Text;

namespace MatSim.Simulation.IO.ExtXyz;

/// <summary>
/// The key=value pairs of an extended XYZ comment line, as ASE reads and writes them: values bare,
/// in double quotes (with \" and \\ escapes), or in {} / [] brackets; a key without a value is a
/// flag meaning true.
/// </summary>
internal static class ExtXyzCommentLine
{
    public static bool TryParse(string line, out List<KeyValuePair<string, string>> pairs, out string error)
    {
        pairs = [];
        error = "";
        int p = 0;
        while (true)
        {
            while (p < line.Length && char.IsWhiteSpace(line[p])) p++;
            if (p >= line.Length) return true;
            if (!TryReadToken(line, ref p, stopAtEquals: true, out string key, out error)) return false;
            while (p < line.Length && line[p] == ' ') p++;
            if (p < line.Length && line[p] == '=')
            {
                p++;
                while (p < line.Length && line[p] == ' ') p++;
                if (!TryReadToken(line, ref p, stopAtEquals: false, out string value, out error)) return false;
                pairs.Add(new(key, value));
            }
            else
            {
                pairs.Add(new(key, "T"));
            }
        }
    }

    private static bool TryReadToken(string line, ref int p, bool stopAtEquals, out string token, out string error)
    {
        error = "";
        var text = new StringBuilder();
        if (p < line.Length && line[p] == '"')
        {
            p++;
            while (p < line.Length && line[p] != '"')
            {
                if (line[p] == '\\' && p + 1 < line.Length) p++;
                text.Append(line[p++]);
            }
            if (p >= line.Length)
            {
                token = "";
                error = $"a quoted value starting with \"{Shorten(text.ToString())} is not closed";
                return false;
            }
            p++;
            token = text.ToString();
            return true;
        }
        if (p < line.Length && line[p] is '{' or '[')
        {
            char close = line[p] == '{' ? '}' : ']';
            int end = line.IndexOf(close, p + 1);
            if (end < 0)
            {
                token = "";
                error = $"'{line[p]}' is not closed by '{close}'";
                return false;
            }
            token = line[(p + 1)..end].Replace(',', ' ').Trim();
            p = end + 1;
            return true;
        }
        while (p < line.Length && !char.IsWhiteSpace(line[p]) && !(stopAtEquals && line[p] == '=')) text.Append(line[p++]);
        token = text.ToString();
        return true;
    }

    /// <summary>A value as ASE writes it: quoted when it contains spaces, quotes or '='.</summary>
    public static string Quote(string value)
    {
        if (value.Length > 0 && !value.Any(c => char.IsWhiteSpace(c) || c is '"' or '=' or '\\' or '{' or '[')) return value;
        return "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
    }

    private static string Shorten(string text) => text.Length > 30 ? text[..30] + "…" : text;
}
