using System.Globalization;
using MatSim.Simulation.Errors;

namespace MatSim.Descriptors.SymmetryFunctions;

/// <summary>
/// Reads the parameters of a `symfunction_short` line of an n2p2 `input.nn` (everything after the
/// keyword). Lengths are converted to Å with <c>angstromPerUnit</c>; errors name the file and line.
/// </summary>
public sealed class SymmetryFunctionParser(IReadOnlyList<string> elements, CutoffKind cutoffKind, double cutoffAlpha, double angstromPerUnit)
{
    public SymmetryFunction Parse(IReadOnlyList<string> fields, SourceLocation where)
    {
        var reader = new FieldReader(fields, where);
        int central = reader.Element(0, elements);
        int type = reader.Integer(1, "the symmetry function type");
        double a = angstromPerUnit;
        SymmetryFunction function;
        switch (type)
        {
            case 2:
                reader.Count(6, 6, "ELEMENT 2 NEIGHBOR eta r_shift r_cutoff");
                function = new RadialSymmetryFunction(central, 2, reader.Element(2, elements), reader.NonNegative(3, "eta") / (a * a),
                    reader.Number(4, "r_shift") * a, Cutoff(reader, 5), null);
                break;
            case 12:
                reader.Count(5, 5, "ELEMENT 12 eta r_shift r_cutoff");
                function = new RadialSymmetryFunction(central, 12, -1, reader.NonNegative(2, "eta") / (a * a),
                    reader.Number(3, "r_shift") * a, Cutoff(reader, 4), null);
                break;
            case 20:
                reader.Count(6, 6, "ELEMENT 20 NEIGHBOR r_low r_cutoff subtype");
                function = new RadialSymmetryFunction(central, 20, reader.Element(2, elements), 0, 0, null,
                    Compact(reader, 5, reader.Number(3, "r_low") * a, reader.Positive(4, "r_cutoff") * a));
                break;
            case 23:
                reader.Count(5, 5, "ELEMENT 23 r_low r_cutoff subtype");
                function = new RadialSymmetryFunction(central, 23, -1, 0, 0, null,
                    Compact(reader, 4, reader.Number(2, "r_low") * a, reader.Positive(3, "r_cutoff") * a));
                break;
            case 3 or 9:
            {
                reader.Count(8, 9, $"ELEMENT {type} NEIGHBOR1 NEIGHBOR2 eta lambda zeta r_cutoff [r_shift]");
                (int e1, int e2) = Ordered(reader.Element(2, elements), reader.Element(3, elements));
                function = new AngularSymmetryFunction(central, type, e1, e2, reader.NonNegative(4, "eta") / (a * a),
                    fields.Count == 9 ? reader.Number(8, "r_shift") * a : 0, Lambda(reader, 5), reader.Positive(6, "zeta"),
                    Cutoff(reader, 7), null, 0, 0);
                break;
            }
            case 13:
                reader.Count(7, 7, "ELEMENT 13 eta r_shift lambda zeta r_cutoff");
                function = new AngularSymmetryFunction(central, 13, -1, -1, reader.NonNegative(2, "eta") / (a * a),
                    reader.Number(3, "r_shift") * a, Lambda(reader, 4), reader.Positive(5, "zeta"), Cutoff(reader, 6), null, 0, 0);
                break;
            case 21 or 22:
            {
                reader.Count(9, 9, $"ELEMENT {type} NEIGHBOR1 NEIGHBOR2 r_low r_cutoff angle_left angle_right subtype");
                (int e1, int e2) = Ordered(reader.Element(2, elements), reader.Element(3, elements));
                function = CompactAngular(reader, central, type, e1, e2, 4);
                break;
            }
            case 24 or 25:
                reader.Count(7, 7, $"ELEMENT {type} r_low r_cutoff angle_left angle_right subtype");
                function = CompactAngular(reader, central, type, -1, -1, 2);
                break;
            default:
                throw reader.Error(1, $"symmetry function type {type} is not supported; supported: 2, 3, 9, 12, 13, 20, 21, 22, 23, 24, 25");
        }
        return function with { LineNumber = where.Line };
    }

    /// <summary>Types 21, 22, 24, 25 from their fields r_low r_cutoff angle_left angle_right subtype, starting at <paramref name="first"/>.</summary>
    private AngularSymmetryFunction CompactAngular(FieldReader reader, int central, int type, int e1, int e2, int first)
    {
        double left = reader.Number(first + 2, "angle_left"), right = reader.Number(first + 3, "angle_right");
        if (!(left < right)) throw reader.Error(first + 2, $"angle_left ({left}) must be below angle_right ({right})");
        double center = 0.5 * (left + right);
        if ((left < 0 && center != 0) || (right > 180 && center != 180))
            throw reader.Error(first + 2, "angles outside [0, 180] degrees are allowed only for a function centred at 0 or 180");
        return new AngularSymmetryFunction(central, type, e1, e2, 0, 0, 0, 0, null,
            Compact(reader, first + 4, reader.Number(first, "r_low") * angstromPerUnit, reader.Positive(first + 1, "r_cutoff") * angstromPerUnit), left, right);
    }

    private CutoffFunction Cutoff(FieldReader reader, int index) => new(cutoffKind, reader.Positive(index, "r_cutoff") * angstromPerUnit, cutoffAlpha);

    private static double Lambda(FieldReader reader, int index)
    {
        double lambda = reader.Number(index, "lambda");
        if (lambda is not (1 or -1)) throw reader.Error(index, $"lambda must be 1 or -1, not {lambda}");
        return lambda;
    }

    private static CompactFunction Compact(FieldReader reader, int subtypeIndex, double left, double right)
    {
        try
        {
            return new CompactFunction(reader.Text(subtypeIndex), left, right);
        }
        catch (ArgumentException e)
        {
            throw reader.Error(subtypeIndex, e.Message);
        }
    }

    private static (int, int) Ordered(int e1, int e2) => e1 <= e2 ? (e1, e2) : (e2, e1);

    /// <summary>Typed access to the whitespace-separated fields of one line, with located errors.</summary>
    private sealed class FieldReader(IReadOnlyList<string> fields, SourceLocation where)
    {
        public InputException Error(int index, string problem) =>
            new(where, $"symfunction_short field {index + 1}{(index < fields.Count ? $" '{fields[index]}'" : "")}: {problem}");

        public void Count(int min, int max, string expected)
        {
            if (fields.Count < min || fields.Count > max)
                throw new InputException(where, $"symfunction_short has {fields.Count} fields; expected {expected}");
        }

        public string Text(int index) =>
            index < fields.Count ? fields[index] : throw new InputException(where, $"symfunction_short: missing field {index + 1}");

        public int Element(int index, IReadOnlyList<string> known)
        {
            string symbol = Text(index);
            int found = -1;
            for (int e = 0; e < known.Count; e++)
                if (known[e] == symbol) found = e;
            return found >= 0 ? found : throw Error(index, $"element '{symbol}' is not in the model's elements ({string.Join(" ", known)})");
        }

        public int Integer(int index, string what) =>
            int.TryParse(Text(index), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)
                ? value : throw Error(index, $"{what} must be an integer");

        public double Number(int index, string what) =>
            double.TryParse(Text(index), NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value)
                ? value : throw Error(index, $"{what} must be a finite number");

        public double Positive(int index, string what)
        {
            double value = Number(index, what);
            return value > 0 ? value : throw Error(index, $"{what} must be positive");
        }

        public double NonNegative(int index, string what)
        {
            double value = Number(index, what);
            return value >= 0 ? value : throw Error(index, $"{what} must not be negative");
        }
    }
}
