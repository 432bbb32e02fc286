using System.Globalization;

namespace MatSim.Descriptors.SymmetryFunctions;

/// <summary>
/// One atom-centred symmetry function (Behler, J. Chem. Phys. 134, 074106 (2011)) as n2p2 defines
/// it, with lengths in Å (converted from the model's units when read). Element indices refer to
/// the descriptor set's element list (sorted by atomic number, as n2p2 sorts them).
/// </summary>
public abstract record SymmetryFunction(int CentralElement, int Type)
{
    /// <summary>Line of the definition in its file (0 if not read from one), for messages.</summary>
    public int LineNumber { get; init; }

    /// <summary>Largest distance (Å) at which a neighbour contributes.</summary>
    public abstract double Cutoff { get; }

    /// <summary>The `symfunction_short` line, lengths divided by <paramref name="angstromPerUnit"/>.</summary>
    public abstract string ToN2p2(IReadOnlyList<string> elements, double angstromPerUnit);

    /// <summary>n2p2's order within one central element: by type, then the type's own parameters.</summary>
    internal abstract (string Text, double[] Numbers) SortKey { get; }

    /// <summary>Compares as n2p2's SymFnc::operator&lt; does.</summary>
    public static int CompareN2p2(SymmetryFunction a, SymmetryFunction b)
    {
        int c = a.CentralElement.CompareTo(b.CentralElement);
        if (c != 0) return c;
        c = a.Type.CompareTo(b.Type);
        if (c != 0) return c;
        var (textA, numbersA) = a.SortKey;
        var (textB, numbersB) = b.SortKey;
        c = string.CompareOrdinal(textA, textB);
        if (c != 0) return c;
        for (int k = 0; k < numbersA.Length; k++)
        {
            c = numbersA[k].CompareTo(numbersB[k]);
            if (c != 0) return c;
        }
        return 0;
    }

    protected static string Number(double value) => value.ToString("E16", CultureInfo.InvariantCulture);
}

/// <summary>
/// Radial functions. Type 2: Σ_j∈e1 exp(−η (r_ij − r_s)²) f_c(r_ij). Type 12 (weighted): the same
/// over all neighbours, each weighted by its atomic number. Type 20 (compact): Σ_j∈e1 of a compact
/// function on (r_l, r_c). Type 23 (weighted compact): type 20 over all neighbours weighted by Z_j.
/// </summary>
public sealed record RadialSymmetryFunction(
    int CentralElement, int Type, int NeighborElement, double Eta, double Shift, CutoffFunction? CutoffFunction, CompactFunction? Compact)
    : SymmetryFunction(CentralElement, Type)
{
    /// <summary>Neighbour element of unweighted types; -1 for the weighted types 12 and 23.</summary>
    public int NeighborElement { get; } = NeighborElement;

    public override double Cutoff => CutoffFunction?.Radius ?? Compact!.Right;

    public override string ToN2p2(IReadOnlyList<string> elements, double angstromPerUnit)
    {
        string head = $"symfunction_short {elements[CentralElement]} {Type}";
        double eta = Eta * angstromPerUnit * angstromPerUnit;
        return Type switch
        {
            2 => $"{head} {elements[NeighborElement]} {Number(eta)} {Number(Shift / angstromPerUnit)} {Number(Cutoff / angstromPerUnit)}",
            12 => $"{head} {Number(eta)} {Number(Shift / angstromPerUnit)} {Number(Cutoff / angstromPerUnit)}",
            23 => $"{head} {Number(Compact!.Left / angstromPerUnit)} {Number(Compact.Right / angstromPerUnit)} {Compact.Subtype}",
            _ => $"{head} {elements[NeighborElement]} {Number(Compact!.Left / angstromPerUnit)} {Number(Compact.Right / angstromPerUnit)} {Compact.Subtype}",
        };
    }

    internal override (string, double[]) SortKey => Type switch
    {
        2 => ("", [(int)CutoffFunction!.Kind, CutoffFunction.Alpha, Cutoff, Eta, Shift, NeighborElement]),
        12 => ("", [(int)CutoffFunction!.Kind, CutoffFunction.Alpha, Cutoff, Eta, Shift]),
        23 => (Compact!.Subtype, [Compact.Right, Compact.Left]),
        _ => (Compact!.Subtype, [NeighborElement, Compact.Right, Compact.Left]),
    };
}

/// <summary>
/// Angular functions over neighbour pairs (j, k) with elements {e1, e2}, each unordered pair once.
/// Type 3 (narrow): 2^(1−ζ) (1 + λ cos θ_ijk)^ζ exp(−η Σ (r − r_s)²) f_c(r_ij) f_c(r_ik) f_c(r_jk),
/// the sums over the three sides. Type 9 (wide): without the r_jk factors. Type 13: type 3 over all
/// pairs weighted by Z_j Z_k. Types 21/22 (compact narrow/wide): products of compact radial
/// functions on (r_l, r_c) and a compact function of θ on (θ_left, θ_right) in degrees. Types 24/25
/// (weighted compact narrow/wide): types 21/22 over all pairs weighted by Z_j Z_k.
/// </summary>
public sealed record AngularSymmetryFunction(
    int CentralElement, int Type, int Element1, int Element2, double Eta, double Shift, double Lambda, double Zeta,
    CutoffFunction? CutoffFunction, CompactFunction? CompactRadial, double AngleLeft, double AngleRight)
    : SymmetryFunction(CentralElement, Type)
{
    public bool IsNarrow => Type is 3 or 13 or 21 or 24;
    public bool IsWeighted => Type is 13 or 24 or 25;
    public bool IsCompact => Type is 21 or 22 or 24 or 25;

    public override double Cutoff => CutoffFunction?.Radius ?? CompactRadial!.Right;

    public override string ToN2p2(IReadOnlyList<string> elements, double angstromPerUnit)
    {
        string head = $"symfunction_short {elements[CentralElement]} {Type}";
        double eta = Eta * angstromPerUnit * angstromPerUnit;
        double rc = Cutoff / angstromPerUnit;
        return Type switch
        {
            3 or 9 => $"{head} {elements[Element1]} {elements[Element2]} {Number(eta)} {Number(Lambda)} {Number(Zeta)} {Number(rc)} {Number(Shift / angstromPerUnit)}",
            13 => $"{head} {Number(eta)} {Number(Shift / angstromPerUnit)} {Number(Lambda)} {Number(Zeta)} {Number(rc)}",
            24 or 25 => $"{head} {Number(CompactRadial!.Left / angstromPerUnit)} {Number(rc)} {Number(AngleLeft)} {Number(AngleRight)} {CompactRadial.Subtype}",
            _ => $"{head} {elements[Element1]} {elements[Element2]} {Number(CompactRadial!.Left / angstromPerUnit)} {Number(rc)} {Number(AngleLeft)} {Number(AngleRight)} {CompactRadial.Subtype}",
        };
    }

    internal override (string, double[]) SortKey => Type switch
    {
        3 or 9 => ("", [(int)CutoffFunction!.Kind, CutoffFunction.Alpha, Cutoff, Eta, Shift, Zeta, Lambda, Element1, Element2]),
        13 => ("", [(int)CutoffFunction!.Kind, CutoffFunction.Alpha, Cutoff, Eta, Shift, Zeta, Lambda]),
        24 or 25 => (CompactRadial!.Subtype, [Cutoff, CompactRadial.Left, AngleLeft, AngleRight]),
        _ => (CompactRadial!.Subtype, [Element1, Element2, Cutoff, CompactRadial.Left, AngleLeft, AngleRight]),
    };
}
