namespace MatSim.Simulation.Chemistry;

/// <summary>
/// The periodic table: symbols, atomic numbers and standard atomic weights in u (IUPAC 2016,
/// Meija et al., Pure Appl. Chem. 88, 265 (2016); the values ASE uses; for elements without a
/// standard weight, the mass of the longest-lived isotope).
/// </summary>
public static class Elements
{
    private static readonly Element[] ByNumber =
    [
        new("H", 1, 1.008),
        new("He", 2, 4.002602),
        new("Li", 3, 6.94),
        new("Be", 4, 9.0121831),
        new("B", 5, 10.81),
        new("C", 6, 12.011),
        new("N", 7, 14.007),
        new("O", 8, 15.999),
        new("F", 9, 18.998403163),
        new("Ne", 10, 20.1797),
        new("Na", 11, 22.98976928),
        new("Mg", 12, 24.305),
        new("Al", 13, 26.9815385),
        new("Si", 14, 28.085),
        new("P", 15, 30.973761998),
        new("S", 16, 32.06),
        new("Cl", 17, 35.45),
        new("Ar", 18, 39.948),
        new("K", 19, 39.0983),
        new("Ca", 20, 40.078),
        new("Sc", 21, 44.955908),
        new("Ti", 22, 47.867),
        new("V", 23, 50.9415),
        new("Cr", 24, 51.9961),
        new("Mn", 25, 54.938044),
        new("Fe", 26, 55.845),
        new("Co", 27, 58.933194),
        new("Ni", 28, 58.6934),
        new("Cu", 29, 63.546),
        new("Zn", 30, 65.38),
        new("Ga", 31, 69.723),
        new("Ge", 32, 72.63),
        new("As", 33, 74.921595),
        new("Se", 34, 78.971),
        new("Br", 35, 79.904),
        new("Kr", 36, 83.798),
        new("Rb", 37, 85.4678),
        new("Sr", 38, 87.62),
        new("Y", 39, 88.90584),
        new("Zr", 40, 91.224),
        new("Nb", 41, 92.90637),
        new("Mo", 42, 95.95),
        new("Tc", 43, 97.90721),
        new("Ru", 44, 101.07),
        new("Rh", 45, 102.9055),
        new("Pd", 46, 106.42),
        new("Ag", 47, 107.8682),
        new("Cd", 48, 112.414),
        new("In", 49, 114.818),
        new("Sn", 50, 118.71),
        new("Sb", 51, 121.76),
        new("Te", 52, 127.6),
        new("I", 53, 126.90447),
        new("Xe", 54, 131.293),
        new("Cs", 55, 132.90545196),
        new("Ba", 56, 137.327),
        new("La", 57, 138.90547),
        new("Ce", 58, 140.116),
        new("Pr", 59, 140.90766),
        new("Nd", 60, 144.242),
        new("Pm", 61, 144.91276),
        new("Sm", 62, 150.36),
        new("Eu", 63, 151.964),
        new("Gd", 64, 157.25),
        new("Tb", 65, 158.92535),
        new("Dy", 66, 162.5),
        new("Ho", 67, 164.93033),
        new("Er", 68, 167.259),
        new("Tm", 69, 168.93422),
        new("Yb", 70, 173.054),
        new("Lu", 71, 174.9668),
        new("Hf", 72, 178.49),
        new("Ta", 73, 180.94788),
        new("W", 74, 183.84),
        new("Re", 75, 186.207),
        new("Os", 76, 190.23),
        new("Ir", 77, 192.217),
        new("Pt", 78, 195.084),
        new("Au", 79, 196.966569),
        new("Hg", 80, 200.592),
        new("Tl", 81, 204.38),
        new("Pb", 82, 207.2),
        new("Bi", 83, 208.9804),
        new("Po", 84, 208.98243),
        new("At", 85, 209.98715),
        new("Rn", 86, 222.01758),
        new("Fr", 87, 223.01974),
        new("Ra", 88, 226.02541),
        new("Ac", 89, 227.02775),
        new("Th", 90, 232.0377),
        new("Pa", 91, 231.03588),
        new("U", 92, 238.02891),
        new("Np", 93, 237.04817),
        new("Pu", 94, 244.06421),
        new("Am", 95, 243.06138),
        new("Cm", 96, 247.07035),
        new("Bk", 97, 247.07031),
        new("Cf", 98, 251.07959),
        new("Es", 99, 252.083),
        new("Fm", 100, 257.09511),
        new("Md", 101, 258.09843),
        new("No", 102, 259.101),
        new("Lr", 103, 262.11),
        new("Rf", 104, 267.122),
        new("Db", 105, 268.126),
        new("Sg", 106, 271.134),
        new("Bh", 107, 270.133),
        new("Hs", 108, 269.1338),
        new("Mt", 109, 278.156),
        new("Ds", 110, 281.165),
        new("Rg", 111, 281.166),
        new("Cn", 112, 285.177),
        new("Nh", 113, 286.182),
        new("Fl", 114, 289.19),
        new("Mc", 115, 289.194),
        new("Lv", 116, 293.0),
        new("Ts", 117, 293.208),
        new("Og", 118, 294.214),
    ];

    private static readonly Dictionary<string, Element> BySymbol =
        ByNumber.ToDictionary(e => e.Symbol, StringComparer.Ordinal);

    /// <summary>All elements in order of atomic number.</summary>
    public static IReadOnlyList<Element> All => ByNumber;

    /// <summary>The element with atomic number <paramref name="number"/> (1 to 118).</summary>
    public static Element FromNumber(int number) =>
        number >= 1 && number <= ByNumber.Length
            ? ByNumber[number - 1]
            : throw new ArgumentOutOfRangeException(nameof(number), number, "atomic numbers run from 1 to 118");

    /// <summary>The element of a symbol written with the usual capitalisation ("Zn", "O").</summary>
    public static bool TryFromSymbol(string symbol, out Element element) =>
        BySymbol.TryGetValue(symbol, out element!);

    /// <summary>The element of a symbol, or an exception naming the symbol.</summary>
    public static Element FromSymbol(string symbol) =>
        TryFromSymbol(symbol, out Element element)
            ? element
            : throw new ArgumentException($"'{symbol}' is not an element symbol", nameof(symbol));

    /// <summary>
    /// The element a crystallographic site label or force-field type names, read from its leading
    /// letters: two letters when the second is lower case and the pair is an element ("Zn1" → Zn,
    /// "Cl2" → Cl), else one ("O2a" → O, "HO1" → H, "C_co2" → C), else the pair with the usual
    /// capitalisation ("ZN1" → Zn).
    /// </summary>
    public static bool TryFromLabel(string label, out Element element)
    {
        element = null!;
        if (label.Length == 0 || !char.IsAsciiLetter(label[0])) return false;
        string first = char.ToUpperInvariant(label[0]).ToString();
        bool hasSecond = label.Length > 1 && char.IsAsciiLetter(label[1]);
        if (hasSecond && char.IsLower(label[1]) && TryFromSymbol(first + label[1], out element)) return true;
        if (TryFromSymbol(first, out element)) return true;
        return hasSecond && TryFromSymbol(first + char.ToLowerInvariant(label[1]), out element);
    }
}
