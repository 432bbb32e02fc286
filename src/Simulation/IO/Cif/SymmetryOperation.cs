using System.Globalization;
using MatSim.Simulation.Geometry;

namespace MatSim.Simulation.IO.Cif;

/// <summary>
/// A crystallographic symmetry operation s' = R s + t on fractional coordinates, parsed from the
/// Jones-faithful notation of CIF ("-x+1/2,y,-z", "x-y,x,z+1/6", "1/2+X,0.5-y,z").
/// </summary>
public sealed record SymmetryOperation(Mat3 Rotation, Vec3 Translation, string Text)
{
    public static readonly SymmetryOperation Identity = new(Mat3.Identity, Vec3.Zero, "x,y,z");

    public Vec3 Apply(Vec3 fractional) => Rotation * fractional + Translation;

    /// <summary>Parses an operation or returns false with what is wrong.</summary>
    public static bool TryParse(string text, out SymmetryOperation operation, out string error)
    {
        operation = Identity;
        error = "";
        string[] parts = text.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant().Split(',');
        if (parts.Length != 3)
        {
            error = $"symmetry operation '{text}' should have three comma-separated parts, like 'x,-y,z+1/2'";
            return false;
        }
        var rows = new Vec3[3];
        var translation = new double[3];
        for (int axis = 0; axis < 3; axis++)
        {
            if (!TryParseComponent(parts[axis], out rows[axis], out translation[axis]))
            {
                error = $"cannot read '{parts[axis]}' in symmetry operation '{text}'; expected terms like -x, +y, 1/2, 0.25";
                return false;
            }
        }
        Mat3 rotation = Mat3.FromRows(rows[0], rows[1], rows[2]);
        if (Math.Abs(Math.Abs(rotation.Determinant) - 1) > 1e-9)
        {
            error = $"symmetry operation '{text}' is not a proper crystallographic operation (|det R| = {Math.Abs(rotation.Determinant):G4}, expected 1)";
            return false;
        }
        operation = new SymmetryOperation(rotation, new Vec3(translation[0], translation[1], translation[2]), text.Trim());
        return true;
    }

    // A component is a sum of signed terms: a variable with an optional coefficient ("2x", "x"),
    // or a constant as an integer, decimal or fraction.
    private static bool TryParseComponent(string text, out Vec3 row, out double constant)
    {
        double x = 0, y = 0, z = 0;
        constant = 0;
        row = Vec3.Zero;
        if (text.Length == 0) return false;
        int p = 0;
        while (p < text.Length)
        {
            double sign = 1;
            if (text[p] is '+' or '-')
            {
                sign = text[p] == '-' ? -1 : 1;
                p++;
            }
            int numberStart = p;
            while (p < text.Length && (char.IsAsciiDigit(text[p]) || text[p] is '.' or '/')) p++;
            string number = text[numberStart..p];
            double magnitude = 1;
            if (number.Length > 0 && !TryParseNumber(number, out magnitude)) return false;
            if (p < text.Length && text[p] == '*') p++;
            if (p < text.Length && text[p] is 'x' or 'y' or 'z')
            {
                double coefficient = sign * magnitude;
                switch (text[p])
                {
                    case 'x': x += coefficient; break;
                    case 'y': y += coefficient; break;
                    default: z += coefficient; break;
                }
                p++;
            }
            else if (number.Length > 0)
            {
                constant += sign * magnitude;
            }
            else
            {
                return false;
            }
            if (p < text.Length && text[p] is not ('+' or '-')) return false;
        }
        row = new Vec3(x, y, z);
        return true;
    }

    private static bool TryParseNumber(string text, out double value)
    {
        value = 0;
        int slash = text.IndexOf('/');
        if (slash < 0) return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        if (!double.TryParse(text[..slash], NumberStyles.Float, CultureInfo.InvariantCulture, out double numerator) ||
            !double.TryParse(text[(slash + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out double denominator) ||
            denominator == 0)
            return false;
        value = numerator / denominator;
        return true;
    }
}
