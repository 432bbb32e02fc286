using System.Globalization;

namespace MatSim.Simulation.Units;

/// <summary>
/// Parses quantities written with their unit ("298 K", "10 bar", "12.8 angstrom") into MatSim's
/// internal units (<see cref="Units"/>). Energies may be given as ε/k_B in K, as force fields do.
/// </summary>
public static class Quantity
{
    private sealed record UnitEntry(string[] Names, double ToInternal);

    private static readonly Dictionary<Dimension, UnitEntry[]> Table = new()
    {
        [Dimension.Length] =
        [
            new(["angstrom", "Å", "A", "Ang"], 1.0),
            new(["nm"], 10.0),
            new(["pm"], 0.01),
            new(["bohr"], Units.BohrInAngstrom),
        ],
        [Dimension.Energy] =
        [
            new(["eV"], 1.0),
            new(["meV"], 1e-3),
            new(["kJ/mol"], 1 / Units.KilojoulePerMolePerEv),
            new(["J/mol"], 1e-3 / Units.KilojoulePerMolePerEv),
            new(["kcal/mol"], 1 / Units.KilocaloriePerMolePerEv),
            new(["K"], Units.Boltzmann),
            new(["hartree", "Ha"], Units.HartreeInEv),
        ],
        [Dimension.Mass] = [new(["u", "amu", "Da", "g/mol"], 1.0)],
        [Dimension.Time] =
        [
            new(["fs"], 1 / Units.TimeUnitInFemtoseconds),
            new(["ps"], 1e3 / Units.TimeUnitInFemtoseconds),
            new(["ns"], 1e6 / Units.TimeUnitInFemtoseconds),
            new(["us"], 1e9 / Units.TimeUnitInFemtoseconds),
            new(["ms"], 1e12 / Units.TimeUnitInFemtoseconds),
            new(["s"], 1e15 / Units.TimeUnitInFemtoseconds),
            new(["min"], 60e15 / Units.TimeUnitInFemtoseconds),
        ],
        [Dimension.Temperature] = [new(["K"], 1.0)],
        [Dimension.Pressure] =
        [
            new(["Pa"], 1 / Units.PascalPerEvPerCubicAngstrom),
            new(["kPa"], 1e3 / Units.PascalPerEvPerCubicAngstrom),
            new(["MPa"], 1e6 / Units.PascalPerEvPerCubicAngstrom),
            new(["GPa"], 1e9 / Units.PascalPerEvPerCubicAngstrom),
            new(["bar"], 1e5 / Units.PascalPerEvPerCubicAngstrom),
            new(["mbar"], 1e2 / Units.PascalPerEvPerCubicAngstrom),
            new(["atm"], 101325 / Units.PascalPerEvPerCubicAngstrom),
            new(["eV/A^3", "eV/Å^3"], 1.0),
        ],
        [Dimension.Charge] = [new(["e"], 1.0)],
        [Dimension.Angle] =
        [
            new(["deg", "degree", "degrees", "°"], Math.PI / 180),
            new(["rad"], 1.0),
        ],
        [Dimension.NumberDensity] =
        [
            new(["1/angstrom^3", "1/A^3", "1/Å^3"], 1.0),
            new(["1/nm^3"], 1e-3),
        ],
        [Dimension.InverseLength] =
        [
            new(["1/angstrom", "1/A", "1/Å"], 1.0),
            new(["1/nm"], 0.1),
        ],
    };

    private static readonly Dictionary<Dimension, string> Examples = new()
    {
        [Dimension.Length] = "12.8 angstrom",
        [Dimension.Energy] = "0.5 kJ/mol",
        [Dimension.Mass] = "39.948 u",
        [Dimension.Time] = "1 fs",
        [Dimension.Temperature] = "298 K",
        [Dimension.Pressure] = "10 bar",
        [Dimension.Charge] = "-0.8476 e",
        [Dimension.Angle] = "90 deg",
        [Dimension.NumberDensity] = "0.0213 1/angstrom^3",
        [Dimension.InverseLength] = "0.28 1/angstrom",
    };

    /// <summary>The unit names accepted for a dimension, for help texts and error messages.</summary>
    public static IEnumerable<string> UnitNames(Dimension dimension) =>
        Table.TryGetValue(dimension, out var entries) ? entries.SelectMany(e => e.Names) : [];

    /// <summary>An example of a well-formed quantity of the dimension.</summary>
    public static string Example(Dimension dimension) => Examples.GetValueOrDefault(dimension, "1");

    /// <summary>
    /// Parses "value unit" into internal units. Returns false with a message saying what was
    /// expected when the text is not a number followed by a unit of the dimension.
    /// </summary>
    public static bool TryParse(string text, Dimension dimension, out double value, out string error)
    {
        value = double.NaN;
        error = "";
        string trimmed = text.Trim();
        int split = 0;
        while (split < trimmed.Length && (char.IsDigit(trimmed[split]) || "+-.eE".Contains(trimmed[split])))
        {
            // An 'e' or 'E' belongs to the number only when an exponent follows it.
            if ((trimmed[split] is 'e' or 'E') &&
                !(split + 1 < trimmed.Length && (char.IsDigit(trimmed[split + 1]) || trimmed[split + 1] is '+' or '-')))
                break;
            split++;
        }
        string number = trimmed[..split];
        string unit = trimmed[split..].Trim();
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double magnitude) ||
            !double.IsFinite(magnitude))
        {
            error = $"'{text}' is not a number with a unit; expected e.g. '{Example(dimension)}'";
            return false;
        }
        if (dimension == Dimension.Dimensionless)
        {
            if (unit.Length > 0)
            {
                error = $"'{text}' should be a plain number without a unit";
                return false;
            }
            value = magnitude;
            return true;
        }
        if (unit.Length == 0)
        {
            error = $"'{text}' has no unit; write e.g. '{Example(dimension)}' (units: {string.Join(", ", UnitNames(dimension))})";
            return false;
        }
        UnitEntry? entry = Find(dimension, unit);
        if (entry == null)
        {
            error = $"'{unit}' is not a unit of {dimension.ToString().ToLowerInvariant()}; use one of: {string.Join(", ", UnitNames(dimension))}";
            return false;
        }
        value = magnitude * entry.ToInternal;
        return true;
    }

    /// <summary>Parses "value unit" into internal units or throws <see cref="FormatException"/>.</summary>
    public static double Parse(string text, Dimension dimension) =>
        TryParse(text, dimension, out double value, out string error) ? value : throw new FormatException(error);

    /// <summary>Converts an internal value to the named unit (for output).</summary>
    public static double ToUnit(double internalValue, Dimension dimension, string unit)
    {
        UnitEntry entry = Find(dimension, unit) ??
            throw new ArgumentException($"'{unit}' is not a unit of {dimension}", nameof(unit));
        return internalValue / entry.ToInternal;
    }

    private static UnitEntry? Find(Dimension dimension, string unit)
    {
        if (!Table.TryGetValue(dimension, out var entries)) return null;
        UnitEntry? exact = entries.FirstOrDefault(e => e.Names.Contains(unit, StringComparer.Ordinal));
        if (exact != null) return exact;
        UnitEntry[] folded = entries.Where(e => e.Names.Contains(unit, StringComparer.OrdinalIgnoreCase)).ToArray();
        return folded.Length == 1 ? folded[0] : null;
    }
}
