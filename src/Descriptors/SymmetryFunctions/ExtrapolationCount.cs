using System.Globalization;

namespace MatSim.Descriptors.SymmetryFunctions;

/// <summary>One symmetry-function value outside the range a model was trained on.</summary>
public readonly record struct OutOfRangeValue(int Atom, int Element, int Function, double Value, double Min, double Max);

/// <summary>
/// The symmetry-function values of a structure that lie outside the training range of a model (n2p2's extrapolation
/// warnings: a value below the minimum or above the maximum of scaling.data or MatSim's own scaling,
/// <see cref="FunctionStatistics.Covers"/>), counted per
/// structure, per atom and per function. A model is an interpolation of its training data; outside that range its
/// energies and forces are guesses.
/// </summary>
public sealed class ExtrapolationCount
{
    private readonly DescriptorSet set;
    private readonly int[][] perFunction;

    /// <summary>Values outside the range in the structure.</summary>
    public int Count { get; private set; }

    /// <summary>Atoms with at least one value outside.</summary>
    public int Atoms { get; private set; }

    /// <summary>The value furthest outside its range, relative to the range's width (for messages), if any.</summary>
    public OutOfRangeValue? Worst { get; private set; }

    private double worstExcess;

    private ExtrapolationCount(DescriptorSet set)
    {
        this.set = set;
        perFunction = set.Elements.Select((_, e) => new int[set.CountOf(e)]).ToArray();
    }

    /// <summary>How many atoms' values fell outside for each function of an element (n2p2's order).</summary>
    public ReadOnlySpan<int> PerFunction(int element) => perFunction[element];

    /// <summary>
    /// The values of <paramref name="atoms"/> (default: every atom that carries energy) of <paramref name="d"/> compared with
    /// <paramref name="range"/> (per element and function, as <see cref="SymmetryFunctionScaling.Statistics"/>).
    /// </summary>
    public static ExtrapolationCount Find(StructureDescriptors d, FunctionStatistics[][] range, IEnumerable<int>? atoms = null)
    {
        var result = new ExtrapolationCount(d.Set);
        foreach (int i in atoms ?? Enumerable.Range(0, d.AtomCount))
        {
            int e = d.ElementOfAtom[i];
            ReadOnlySpan<double> g = d.Of(i);
            FunctionStatistics[] r = range[e];
            bool outside = false;
            for (int f = 0; f < g.Length; f++)
            {
                if (r[f].Covers(g[f])) continue;
                outside = true;
                result.Count++;
                result.perFunction[e][f]++;
                double excess = (g[f] < r[f].Min ? r[f].Min - g[f] : g[f] - r[f].Max) / Math.Max(r[f].Max - r[f].Min, 1e-300);
                if (result.Worst == null || excess > result.worstExcess)
                {
                    result.worstExcess = excess;
                    result.Worst = new OutOfRangeValue(i, e, f, g[f], r[f].Min, r[f].Max);
                }
            }
            if (outside) result.Atoms++;
        }
        return result;
    }

    /// <summary>"O function 5 (input.nn line 60)" — how a user finds the function in the model's settings.</summary>
    public string FunctionName(int element, int function)
    {
        int line = set.FunctionsOf(element)[function].LineNumber;
        return string.Create(CultureInfo.InvariantCulture, $"{set.Elements[element].Symbol} function {function + 1}{(line > 0 ? $" (settings line {line})" : "")}");
    }

    /// <summary>The functions with values outside, most frequent first: "O function 5 (settings line 60) ×12, …" (at most <paramref name="most"/>).</summary>
    public string Functions(int most = 5)
    {
        var all = new List<(int Element, int Function, int Count)>();
        for (int e = 0; e < perFunction.Length; e++)
            for (int f = 0; f < perFunction[e].Length; f++)
                if (perFunction[e][f] > 0) all.Add((e, f, perFunction[e][f]));
        var shown = all.OrderByDescending(x => x.Count).ThenBy(x => x.Element).ThenBy(x => x.Function).Take(most)
            .Select(x => string.Create(CultureInfo.InvariantCulture, $"{FunctionName(x.Element, x.Function)} ×{x.Count}"));
        return string.Join(", ", shown) + (all.Count > most ? $" and {all.Count - most} more" : "");
    }

    /// <summary>"atom 17 (O): O function 5 (settings line 60) = 3.21, training range [0.1, 2.95]" for the worst value.</summary>
    public string DescribeWorst() => Worst is not { } w ? "" : string.Create(CultureInfo.InvariantCulture,
        $"atom {w.Atom + 1} ({set.Elements[w.Element].Symbol}): {FunctionName(w.Element, w.Function)} = {w.Value:G6}, training range [{w.Min:G6}, {w.Max:G6}]");
}
