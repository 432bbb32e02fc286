using MatSim.Screening.Campaigns;
using MatSim.Screening.Results;
using MatSim.Simulation.Random;

namespace MatSim.Screening.Surrogates;

/// <summary>
/// The table a surrogate learns from: one row per framework (and temperature), the framework descriptors (and the
/// helium void fraction where a Widom stage gave it) as features, and the target expression as the label. Rows
/// without the target or any feature are left out and counted (a missing element fraction is 0, not missing).
/// </summary>
public sealed record SurrogateData(string[] Names, string[] Features, double[][] X, double[] Y, int Dropped)
{
    public int Count => Y.Length;

    public static SurrogateData Build(IReadOnlyList<ResultRow> rows, RankingExpression target, IReadOnlyList<double> temperatures)
    {
        var descriptorRows = rows.Where(r => r.TemperatureK == null || r.Quantity == "void_fraction").ToList();
        var featureNames = descriptorRows.Where(r => r.Guest == null && r.PressurePa == null && !CellDependent.Contains(r.Quantity)).Select(r => r.Quantity)
            .Distinct().Order(StringComparer.Ordinal).ToArray();
        var names = new List<string>();
        var x = new List<double[]>();
        var y = new List<double>();
        int dropped = 0;
        foreach (var ((framework, t), values) in QuantityTable.Build(rows, temperatures).OrderBy(e => e.Key.Framework, StringComparer.Ordinal).ThenBy(e => e.Key.Temperature))
        {
            double label = target.Evaluate(values);
            double[] features = featureNames.Select(f => values.TryGetValue(f, out double v) ? v : Absent(f)).ToArray();
            if (!double.IsFinite(label) || features.Any(v => !double.IsFinite(v)))
            {
                dropped++;
                continue;
            }
            names.Add(temperatures.Count > 1 ? $"{framework}@{t:G4}K" : framework);
            x.Add(features);
            y.Add(label);
        }
        return new SurrogateData(names.ToArray(), featureNames, x.ToArray(), y.ToArray(), dropped);
    }

    /// <summary>Properties of the chosen cell, not of the material (a supercell doubles them): not features.</summary>
    private static readonly HashSet<string> CellDependent = ["atoms_per_cell", "cell_volume_A3"];

    /// <summary>A composition fraction a framework has no row for is 0 (it lacks the element); anything else is missing.</summary>
    private static double Absent(string feature) => feature.StartsWith("fraction_", StringComparison.Ordinal) ? 0 : double.NaN;

    public SurrogateData Subset(IReadOnlyList<int> rows) =>
        this with { Names = rows.Select(i => Names[i]).ToArray(), X = rows.Select(i => X[i]).ToArray(), Y = rows.Select(i => Y[i]).ToArray() };

    /// <summary>A seeded shuffle of 0..n−1 (Fisher–Yates).</summary>
    public static int[] Shuffle(int n, ulong seed, ulong stream)
    {
        var rng = Rng.ForStream(seed, 0x5C4EE7, stream);
        int[] order = Enumerable.Range(0, n).ToArray();
        for (int i = n - 1; i > 0; i--)
        {
            int j = rng.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }
}
