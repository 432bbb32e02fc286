using System.Globalization;

namespace MatSim.Simulation.IO;

/// <summary>Numbers as crystallographic and simulation files write them.</summary>
public static class NumberText
{
    /// <summary>
    /// Parses a number with an optional standard uncertainty in parentheses, as CIF writes it:
    /// "0.04746(3)" → 0.04746 (the uncertainty is dropped), "12(1)" → 12, "-1.5e-3" → -0.0015.
    /// </summary>
    public static bool TryParseWithUncertainty(string text, out double value)
    {
        ReadOnlySpan<char> span = text.AsSpan().Trim();
        int open = span.IndexOf('(');
        if (open >= 0)
        {
            if (!span.EndsWith(")") || open == 0) { value = double.NaN; return false; }
            foreach (char c in span[(open + 1)..^1])
                if (!char.IsAsciiDigit(c)) { value = double.NaN; return false; }
            span = span[..open];
        }
        return double.TryParse(span, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    /// <summary>Parses a plain floating-point number (invariant culture; Fortran 'D' exponents accepted).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out double value)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)) return double.IsFinite(value);
        int d = text.IndexOfAny('d', 'D');
        if (d < 0) return false;
        Span<char> copy = stackalloc char[text.Length];
        text.CopyTo(copy);
        copy[d] = 'e';
        return double.TryParse(copy, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    /// <summary>Round-trip text of a double, invariant culture.</summary>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
