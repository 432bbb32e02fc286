namespace MatSim.Screening.Results;

/// <summary>
/// A framework's quantities at one temperature by <see cref="ResultRow.Key"/> — what ranking and surrogate expressions
/// read. Structure-only results (no temperature) count at every temperature.
/// </summary>
public static class QuantityTable
{
    public static Dictionary<(string Framework, double Temperature), Dictionary<string, double>> Build(
        IEnumerable<ResultRow> rows, IReadOnlyList<double> temperatures)
    {
        var result = new Dictionary<(string, double), Dictionary<string, double>>();
        foreach (var framework in rows.GroupBy(r => r.Framework))
            foreach (double t in temperatures)
            {
                var values = framework.Where(r => r.TemperatureK == null || r.TemperatureK == t).GroupBy(r => r.Key)
                    .ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);
                if (values.Count > 0) result[(framework.Key, t)] = values;
            }
        return result;
    }
}
