using System.Globalization;
using MatSim.Simulation.Config;

namespace MatSim.Screening.Campaigns;

/// <summary>
/// A formula over a framework's collected quantities, e.g. `K_H.CO2 / K_H.N2` or `log10(K_H.CO2) + void_fraction`:
/// numbers, names (letters, digits, '_', '.'), + − * / ^, parentheses and log, log10, exp, sqrt, abs. A name no
/// result provides makes the value undefined (NaN), so the framework is not ranked.
/// </summary>
public sealed class RankingExpression
{
    private readonly Func<IReadOnlyDictionary<string, double>, double> evaluate;

    private RankingExpression(string text, Func<IReadOnlyDictionary<string, double>, double> evaluate, IReadOnlyList<string> names)
    {
        Text = text;
        this.evaluate = evaluate;
        Names = names;
    }

    public string Text { get; }

    /// <summary>The quantity names the expression reads.</summary>
    public IReadOnlyList<string> Names { get; }

    public double Evaluate(IReadOnlyDictionary<string, double> quantities) => evaluate(quantities);

    public override string ToString() => Text;

    public static RankingExpression Parse(ConfigNode node)
    {
        try { return Parse(node.AsString()); }
        catch (FormatException e) { throw node.Error(e.Message); }
    }

    public static RankingExpression Parse(string text)
    {
        var parser = new Parser(text);
        var result = parser.Expression();
        parser.ExpectEnd();
        return new RankingExpression(text, result, parser.Names.Distinct().ToList());
    }

    private sealed class Parser(string text)
    {
        private int position;
        public List<string> Names { get; } = [];

        private static readonly Dictionary<string, Func<double, double>> Functions = new()
        {
            ["log"] = Math.Log, ["ln"] = Math.Log, ["log10"] = Math.Log10, ["exp"] = Math.Exp, ["sqrt"] = Math.Sqrt, ["abs"] = Math.Abs,
        };

        public Func<IReadOnlyDictionary<string, double>, double> Expression()
        {
            var left = Term();
            while (Peek() is '+' or '-')
            {
                char op = text[position++];
                var l = left;
                var r = Term();
                left = op == '+' ? q => l(q) + r(q) : q => l(q) - r(q);
            }
            return left;
        }

        private Func<IReadOnlyDictionary<string, double>, double> Term()
        {
            var left = Power();
            while (Peek() is '*' or '/')
            {
                char op = text[position++];
                var l = left;
                var r = Power();
                left = op == '*' ? q => l(q) * r(q) : q => l(q) / r(q);
            }
            return left;
        }

        private Func<IReadOnlyDictionary<string, double>, double> Power()
        {
            var b = Unary();
            if (Peek() != '^') return b;
            position++;
            var e = Power();
            return q => Math.Pow(b(q), e(q));
        }

        private Func<IReadOnlyDictionary<string, double>, double> Unary()
        {
            if (Peek() == '-')
            {
                position++;
                var inner = Unary();
                return q => -inner(q);
            }
            return Primary();
        }

        private Func<IReadOnlyDictionary<string, double>, double> Primary()
        {
            char c = Peek();
            if (c == '(')
            {
                position++;
                var inner = Expression();
                Expect(')');
                return inner;
            }
            int start = position;
            if (char.IsDigit(c) || c == '.')
            {
                while (position < text.Length && (char.IsDigit(text[position]) || text[position] is '.' or 'e' or 'E' ||
                       (text[position] is '+' or '-' && text[position - 1] is 'e' or 'E'))) position++;
                if (!double.TryParse(text[start..position], NumberStyles.Float, CultureInfo.InvariantCulture, out double number))
                    throw Fail($"'{text[start..position]}' is not a number");
                return _ => number;
            }
            if (char.IsLetter(c) || c == '_')
            {
                while (position < text.Length && (char.IsLetterOrDigit(text[position]) || text[position] is '_' or '.')) position++;
                string name = text[start..position];
                if (Peek() == '(')
                {
                    if (!Functions.TryGetValue(name, out var function))
                        throw Fail($"unknown function '{name}'; known: {string.Join(", ", Functions.Keys)}");
                    position++;
                    var argument = Expression();
                    Expect(')');
                    return q => function(argument(q));
                }
                Names.Add(name);
                return q => q.TryGetValue(name, out double v) ? v : double.NaN;
            }
            throw Fail(position >= text.Length ? "the expression ends too early" : $"unexpected '{c}'");
        }

        private char Peek()
        {
            while (position < text.Length && char.IsWhiteSpace(text[position])) position++;
            return position < text.Length ? text[position] : '\0';
        }

        private void Expect(char c)
        {
            if (Peek() != c) throw Fail($"expected '{c}'");
            position++;
        }

        public void ExpectEnd()
        {
            if (Peek() != '\0') throw Fail($"unexpected '{text[position]}'");
        }

        private FormatException Fail(string problem) => new($"in the expression '{text}' at character {position + 1}: {problem}");
    }
}
