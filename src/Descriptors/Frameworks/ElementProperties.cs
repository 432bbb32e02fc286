using MatSim.Simulation.Chemistry;

namespace MatSim.Descriptors.Frameworks;

/// <summary>
/// Per-element properties used by framework graphs and RACs: covalent radii (Å) from Cordero et al.,
/// Dalton Trans. 2008, 2832 (sp³ C, low-spin Mn/Fe/Co as tabulated first), Pauling electronegativities
/// (CRC Handbook), and which elements count as metals for metal-centred descriptors.
/// </summary>
public static class ElementProperties
{
    // index = atomic number; NaN where the source gives no value
    private static readonly double[] CovalentRadii =
    [
        double.NaN,
        0.31, 0.28,
        1.28, 0.96, 0.84, 0.76, 0.71, 0.66, 0.57, 0.58,
        1.66, 1.41, 1.21, 1.11, 1.07, 1.05, 1.02, 1.06,
        2.03, 1.76, 1.70, 1.60, 1.53, 1.39, 1.39, 1.32, 1.26, 1.24, 1.32, 1.22, 1.22, 1.20, 1.19, 1.20, 1.20, 1.16,
        2.20, 1.95, 1.90, 1.75, 1.64, 1.54, 1.47, 1.46, 1.42, 1.39, 1.45, 1.44, 1.42, 1.39, 1.39, 1.38, 1.39, 1.40,
        2.44, 2.15, 2.07, 2.04, 2.03, 2.01, 1.99, 1.98, 1.98, 1.96, 1.94, 1.92, 1.92, 1.89, 1.90, 1.87, 1.87,
        1.75, 1.70, 1.62, 1.51, 1.44, 1.41, 1.36, 1.36, 1.32, 1.45, 1.46, 1.48, 1.40, 1.50, 1.50,
        2.60, 2.21, 2.15, 2.06, 2.00, 1.96, 1.90, 1.87, 1.80, 1.69,
    ];

    private static readonly double[] Electronegativities =
    [
        double.NaN,
        2.20, double.NaN,
        0.98, 1.57, 2.04, 2.55, 3.04, 3.44, 3.98, double.NaN,
        0.93, 1.31, 1.61, 1.90, 2.19, 2.58, 3.16, double.NaN,
        0.82, 1.00, 1.36, 1.54, 1.63, 1.66, 1.55, 1.83, 1.88, 1.91, 1.90, 1.65, 1.81, 2.01, 2.18, 2.55, 2.96, 3.00,
        0.82, 0.95, 1.22, 1.33, 1.6, 2.16, 1.9, 2.2, 2.28, 2.20, 1.93, 1.69, 1.78, 1.96, 2.05, 2.1, 2.66, 2.6,
        0.79, 0.89, 1.10, 1.12, 1.13, 1.14, 1.13, 1.17, 1.2, 1.2, 1.1, 1.22, 1.23, 1.24, 1.25, 1.1, 1.27,
        1.3, 1.5, 2.36, 1.9, 2.2, 2.20, 2.28, 2.54, 2.00, 1.62, 2.33, 2.02, 2.0, 2.2, 2.2,
        0.7, 0.9, 1.1, 1.3, 1.5, 1.38, 1.36, 1.28, 1.3, 1.3,
    ];

    private static readonly HashSet<string> NonMetals =
        ["H", "He", "B", "C", "N", "O", "F", "Ne", "Si", "P", "S", "Cl", "Ar", "Ge", "As", "Se", "Br", "Kr", "Sb", "Te", "I", "Xe", "At", "Rn"];

    /// <summary>Covalent radius in Å; an error naming the element where the table has none.</summary>
    public static double CovalentRadius(Element element) => Lookup(CovalentRadii, element, "covalent radius");

    /// <summary>Pauling electronegativity; an error naming the element where it is undefined (He, Ne, Ar).</summary>
    public static double Electronegativity(Element element) => Lookup(Electronegativities, element, "Pauling electronegativity");

    /// <summary>Metals and semimetals that bind linkers in frameworks (Al, Zn, Cu, Zr …); not B, Si, Ge, As, Sb, Te.</summary>
    public static bool IsMetal(Element element) => !NonMetals.Contains(element.Symbol);

    private static double Lookup(double[] table, Element element, string what)
    {
        double value = element.Number < table.Length ? table[element.Number] : double.NaN;
        if (double.IsNaN(value)) throw new ArgumentException($"no {what} for element {element.Symbol} (Z = {element.Number})");
        return value;
    }
}
