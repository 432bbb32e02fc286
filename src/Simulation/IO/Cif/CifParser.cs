using System.Text;
using MatSim.Simulation.Errors;

namespace MatSim.Simulation.IO.Cif;

/// <summary>
/// Reads the syntax of CIF 1.1 (Hall, Allen &amp; Brown, Acta Cryst. A47, 655 (1991); the
/// IUCr CIF 1.1 syntax specification): data blocks, items, loops in any column order, quoted
/// strings, semicolon text fields and comments. Errors name the file and line.
/// </summary>
public static class CifParser
{
    private enum TokenKind { Data, Loop, Tag, Value, Other }

    private readonly record struct Token(TokenKind Kind, string Text, int Line, bool Quoted);

    public static IReadOnlyList<CifBlock> ParseFile(string path) => Parse(File.ReadAllText(path), path);

    public static IReadOnlyList<CifBlock> Parse(string text, string source)
    {
        var blocks = new List<CifBlock>();
        List<Token> tokens = Tokenize(text, source);
        CifBlock? block = null;
        int i = 0;
        while (i < tokens.Count)
        {
            Token token = tokens[i];
            switch (token.Kind)
            {
                case TokenKind.Data:
                    block = new CifBlock { Name = token.Text, Source = source, Line = token.Line };
                    blocks.Add(block);
                    i++;
                    break;
                case TokenKind.Other:
                    throw new InputException(source, token.Line,
                        $"'{token.Text}' (save frames, global blocks) is not supported in a structure CIF");
                case TokenKind.Loop:
                    CifBlock owner = RequireBlock(block, token, source);
                    try
                    {
                        owner.AddLoop(ReadLoop(tokens, ref i, source));
                    }
                    catch (MalformedLoopException e) when (!e.Tags.Any(IsStructural))
                    {
                        owner.AddWarning($"{e.Message}; the loop was skipped (no structure data in it)");
                    }
                    break;
                case TokenKind.Tag:
                    CifBlock current = RequireBlock(block, token, source);
                    if (i + 1 >= tokens.Count || tokens[i + 1].Kind != TokenKind.Value)
                        throw new InputException(source, token.Line, $"tag {token.Text} has no value");
                    Token value = tokens[i + 1];
                    if (!current.TryAddItem(token.Text, new CifValue(value.Text, value.Line, value.Quoted)))
                        throw new InputException(source, token.Line, $"tag {token.Text} appears twice in block data_{current.Name}");
                    i += 2;
                    break;
                default:
                    throw new InputException(source, token.Line,
                        $"value '{Shorten(token.Text)}' does not follow a tag; expected a _tag, loop_ or data_ here");
            }
        }
        if (blocks.Count == 0) throw new InputException(source, 1, "no data_ block found; is this a CIF file?");
        return blocks;
    }

    private static CifBlock RequireBlock(CifBlock? block, Token token, string source) =>
        block ?? throw new InputException(source, token.Line, $"'{token.Text}' comes before the first data_ block");

    private static CifLoop ReadLoop(List<Token> tokens, ref int i, string source)
    {
        int line = tokens[i].Line;
        i++;
        var tags = new List<string>();
        while (i < tokens.Count && tokens[i].Kind == TokenKind.Tag) tags.Add(tokens[i++].Text);
        if (tags.Count == 0) throw new InputException(source, line, "loop_ has no tags");
        var values = new List<CifValue>();
        while (i < tokens.Count && tokens[i].Kind == TokenKind.Value)
        {
            values.Add(new CifValue(tokens[i].Text, tokens[i].Line, tokens[i].Quoted));
            i++;
        }
        if (values.Count % tags.Count != 0)
        {
            int complete = values.Count / tags.Count;
            int badLine = values[complete * tags.Count].Line;
            throw new MalformedLoopException(tags, source, badLine,
                $"the loop_ at line {line} has {tags.Count} tags ({string.Join(" ", tags)}) but {values.Count} values, " +
                $"not a multiple of {tags.Count}; the last row (from this line) is incomplete or a value with spaces is not quoted");
        }
        var rows = new List<CifValue[]>();
        for (int r = 0; r < values.Count; r += tags.Count) rows.Add(values.GetRange(r, tags.Count).ToArray());
        return new CifLoop { Tags = tags, Rows = rows, Line = line };
    }

    private static List<Token> Tokenize(string text, string source)
    {
        var tokens = new List<Token>();
        string[] lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        for (int l = 0; l < lines.Length; l++)
        {
            string line = lines[l];
            int lineNumber = l + 1;
            if (line.StartsWith(';'))
            {
                var field = new StringBuilder(line[1..]);
                int start = lineNumber;
                l++;
                while (l < lines.Length && !lines[l].StartsWith(';')) field.Append('\n').Append(lines[l++]);
                if (l >= lines.Length)
                    throw new InputException(source, start, "text field opened with ';' is never closed by a line starting with ';'");
                tokens.Add(new Token(TokenKind.Value, field.ToString().Trim(), start, true));
                TokenizeLine(lines[l][1..], lineNumber: l + 1, source, tokens);
                continue;
            }
            TokenizeLine(line, lineNumber, source, tokens);
        }
        return tokens;
    }

    private static void TokenizeLine(string line, int lineNumber, string source, List<Token> tokens)
    {
        int p = 0;
        while (p < line.Length)
        {
            char c = line[p];
            if (char.IsWhiteSpace(c)) { p++; continue; }
            if (c == '#') return;
            if (c is '\'' or '"')
            {
                // A quote closes only when followed by white space or the end of the line.
                int end = p + 1;
                while (end < line.Length && !(line[end] == c && (end + 1 == line.Length || char.IsWhiteSpace(line[end + 1])))) end++;
                int resume = end + 1;
                if (end >= line.Length)
                {
                    // Files in the wild close a quote before punctuation ('... Yaghi',); accept the
                    // last quote on the line and drop what is glued to it.
                    end = line.LastIndexOf(c);
                    if (end <= p)
                        throw new InputException(new SourceLocation(source, lineNumber, p + 1), $"string opened with {c} is not closed on this line");
                    resume = end + 1;
                    while (resume < line.Length && !char.IsWhiteSpace(line[resume])) resume++;
                }
                tokens.Add(new Token(TokenKind.Value, line[(p + 1)..end], lineNumber, true));
                p = resume;
                continue;
            }
            int stop = p;
            while (stop < line.Length && !char.IsWhiteSpace(line[stop])) stop++;
            string word = line[p..stop];
            tokens.Add(Classify(word, lineNumber));
            p = stop;
        }
    }

    private static Token Classify(string word, int line)
    {
        if (word.StartsWith("data_", StringComparison.OrdinalIgnoreCase)) return new Token(TokenKind.Data, word[5..], line, false);
        if (word.Equals("loop_", StringComparison.OrdinalIgnoreCase)) return new Token(TokenKind.Loop, word, line, false);
        if (word.StartsWith("save_", StringComparison.OrdinalIgnoreCase) ||
            word.Equals("global_", StringComparison.OrdinalIgnoreCase) ||
            word.Equals("stop_", StringComparison.OrdinalIgnoreCase))
            return new Token(TokenKind.Other, word, line, false);
        if (word.StartsWith('_')) return new Token(TokenKind.Tag, word, line, false);
        return new Token(TokenKind.Value, word, line, false);
    }

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;

    private static readonly string[] StructuralPrefixes = ["_atom_site", "_cell", "_symmetry", "_space_group"];

    private static bool IsStructural(string tag) =>
        StructuralPrefixes.Any(p => tag.StartsWith(p, StringComparison.OrdinalIgnoreCase));

    private sealed class MalformedLoopException(IReadOnlyList<string> tags, string source, int line, string problem)
        : InputException(source, line, problem)
    {
        public IReadOnlyList<string> Tags { get; } = tags;
    }
}
