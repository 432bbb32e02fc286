using System.Globalization;
using System.Net;
using System.Text;
using MatSim.Screening.Campaigns;
using MatSim.Screening.Execution;
using MatSim.Screening.Results;
using MatSim.Simulation.IO;
using ScottPlot;

namespace MatSim.Screening.Reports;

/// <summary>
/// The campaign report in &lt;campaign&gt;/report: ranking.csv (every framework and temperature with its ranking value and
/// main quantities), selectivity vs capacity, isotherm overlays, and index.html holding all of it (images inline)
/// with the failures and their reasons. Selectivity and working capacity come from GCMC mixture isotherms where a
/// stage computed them (selectivity at the highest pressure, capacity between the highest and lowest), else from
/// Henry coefficients (K_H ratio, against K_H of the stronger guest).
/// </summary>
public static class CampaignReport
{
    public const string FolderName = "report";

    public static string Write(Campaign campaign, IReadOnlyList<ResultRow> rows)
    {
        CampaignDefinition d = campaign.Definition;
        string folder = Path.Combine(d.OutputDirectory, FolderName);
        Directory.CreateDirectory(folder);
        var guests = rows.Where(r => r.Guest != null).Select(r => r.Guest!).Distinct().ToList();
        (string Strong, string Weak)? pair = guests.Contains("CO2") && guests.Contains("N2") ? ("CO2", "N2")
            : guests.Count >= 2 ? (guests[0], guests[1]) : null;
        var table = RankingTable(d, rows, pair);
        var images = new List<(string Title, string Path)>();
        if (pair is { } p)
        {
            images.AddRange(SelectivityPlots(folder, table, p));
        }
        if (IsothermPlot(folder, rows) is { } iso) images.Add(iso);
        WriteCsv(Path.Combine(folder, "ranking.csv"), table);
        string page = Path.Combine(folder, "index.html");
        AtomicFile.WriteAllText(page, Html(campaign, table, images));
        return page;
    }

    private sealed record RankedEntry(string Framework, double Temperature, double Rank, SortedDictionary<string, double> Columns);

    private static List<RankedEntry> RankingTable(CampaignDefinition d, IReadOnlyList<ResultRow> rows, (string Strong, string Weak)? pair)
    {
        var entries = new List<RankedEntry>();
        var byFramework = rows.ToLookup(r => r.Framework);
        foreach (var ((framework, t), values) in QuantityTable.Build(rows, d.Temperatures))
        {
            var columns = new SortedDictionary<string, double>(StringComparer.Ordinal);
            foreach (string key in new[] { "void_fraction", "density_g_per_cm3", "accessible_surface_area_m2_per_g", "largest_cavity_diameter_A", "pore_limiting_diameter_A" })
                if (values.TryGetValue(key, out double v)) columns[key] = v;
            foreach (var (key, v) in values.Where(kv => kv.Key.StartsWith("K_H.", StringComparison.Ordinal))) columns[key] = v;
            if (pair is { } p)
            {
                if (values.TryGetValue($"K_H.{p.Strong}", out double ks) && values.TryGetValue($"K_H.{p.Weak}", out double kw))
                    columns[$"henry_selectivity_{p.Strong}/{p.Weak}"] = ks / kw;
                if (MixtureMetrics(byFramework[framework].Where(r => r.TemperatureK == t).ToList(), p) is { } m)
                {
                    columns[$"selectivity_{p.Strong}/{p.Weak}"] = m.Selectivity;
                    columns[$"working_capacity_{p.Strong}_mol_per_kg"] = m.Capacity;
                }
            }
            double rank = d.RankBy?.Evaluate(values) ?? double.NaN;
            entries.Add(new RankedEntry(framework, t, rank, columns));
        }
        return entries.OrderByDescending(e => double.IsFinite(e.Rank) ? e.Rank : double.NegativeInfinity).ThenBy(e => e.Framework, StringComparer.Ordinal).ToList();
    }

    /// <summary>Adsorbed-phase selectivity S = (q_a/q_b)/(y_a/y_b) at the highest pressure and capacity q_a(p_max) − q_a(p_min), from a mixture GCMC stage.</summary>
    private static (double Selectivity, double Capacity)? MixtureMetrics(List<ResultRow> rows, (string Strong, string Weak) pair)
    {
        double? Value(string quantity, string guest, double pressure) =>
            rows.LastOrDefault(r => r.Quantity == quantity && r.Guest == guest && r.PressurePa == pressure)?.Value;
        var pressures = rows.Where(r => r.Quantity == "loading" && r.Guest == pair.Strong && r.PressurePa != null)
            .Select(r => r.PressurePa!.Value).Distinct().Order().ToList();
        if (pressures.Count < 2) return null;
        double high = pressures[^1];
        if (Value("loading", pair.Strong, high) is not { } qa || Value("loading", pair.Weak, high) is not { } qb ||
            Value("gas_mole_fraction", pair.Strong, high) is not { } ya || Value("gas_mole_fraction", pair.Weak, high) is not { } yb || !(qb > 0 && ya > 0))
            return null;
        return (qa / qb / (ya / yb), qa - Value("loading", pair.Strong, pressures[0])!.Value);
    }

    /// <summary>Selectivity against capacity from the GCMC mixture stage (labelled points), and against affinity from Henry coefficients.</summary>
    private static IEnumerable<(string, string)> SelectivityPlots(string folder, List<RankedEntry> table, (string Strong, string Weak) p)
    {
        string sKey = $"selectivity_{p.Strong}/{p.Weak}", cKey = $"working_capacity_{p.Strong}_mol_per_kg", hKey = $"henry_selectivity_{p.Strong}/{p.Weak}";
        var mixture = table.Where(e => e.Columns.ContainsKey(sKey) && e.Columns.ContainsKey(cKey)).ToList();
        if (mixture.Count > 0)
        {
            var plot = new Plot();
            PlotFile.Markers(plot, mixture.Select(e => e.Columns[cKey]).ToArray(), mixture.Select(e => e.Columns[sKey]).ToArray());
            foreach (RankedEntry e in mixture) plot.Add.Text(e.Framework, e.Columns[cKey], e.Columns[sKey]);
            plot.XLabel($"{p.Strong} working capacity, highest − lowest pressure (mol/kg)");
            plot.YLabel($"{p.Strong}/{p.Weak} adsorption selectivity at the highest pressure");
            string title = $"{p.Strong}/{p.Weak} selectivity vs working capacity (GCMC mixture)";
            plot.Title(title);
            yield return (title, PlotFile.Save(plot, Path.Combine(folder, "selectivity_gcmc.png")));
        }
        var henry = table.Where(e => e.Columns.ContainsKey(hKey) && e.Columns.ContainsKey($"K_H.{p.Strong}")).ToList();
        if (henry.Count > 0)
        {
            var plot = new Plot();
            PlotFile.Markers(plot, henry.Select(e => Math.Log10(e.Columns[$"K_H.{p.Strong}"])).ToArray(), henry.Select(e => Math.Log10(e.Columns[hKey])).ToArray());
            plot.XLabel($"log10 K_H({p.Strong}) (mol/kg/Pa)");
            plot.YLabel($"log10 K_H({p.Strong}) / K_H({p.Weak})");
            string title = $"Henry selectivity {p.Strong}/{p.Weak} vs affinity for {p.Strong} (infinite dilution)";
            plot.Title(title);
            yield return (title, PlotFile.Save(plot, Path.Combine(folder, "selectivity_henry.png")));
        }
    }

    private static (string, string)? IsothermPlot(string folder, IReadOnlyList<ResultRow> rows)
    {
        var loadings = rows.Where(r => r.Quantity == "loading" && r.PressurePa != null).ToList();
        if (loadings.Count == 0) return null;
        var plot = new Plot();
        foreach (var series in loadings.GroupBy(r => (r.Framework, r.Guest, r.TemperatureK)).OrderBy(g => g.Key.Framework, StringComparer.Ordinal))
        {
            var points = series.OrderBy(r => r.PressurePa).ToList();
            var line = plot.Add.Scatter(points.Select(r => r.PressurePa!.Value / 1e5).ToArray(), points.Select(r => r.Value).ToArray());
            line.LegendText = $"{series.Key.Framework} {series.Key.Guest} {series.Key.TemperatureK:G4} K";
        }
        plot.XLabel("pressure (bar)");
        plot.YLabel("absolute loading (mol/kg)");
        plot.ShowLegend();
        const string title = "Isotherms";
        plot.Title(title);
        return (title, PlotFile.Save(plot, Path.Combine(folder, "isotherms.png"), 1000, 700));
    }

    private static void WriteCsv(string path, List<RankedEntry> table)
    {
        var columns = table.SelectMany(e => e.Columns.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        AtomicFile.Write(path, w =>
        {
            w.WriteLine(string.Join(",", new[] { "rank", "framework", "temperature_K", "ranking_value" }.Concat(columns)));
            for (int i = 0; i < table.Count; i++)
                w.WriteLine(string.Join(",", new[] { (i + 1).ToString(CultureInfo.InvariantCulture), table[i].Framework, F(table[i].Temperature), F(table[i].Rank) }
                    .Concat(columns.Select(c => table[i].Columns.TryGetValue(c, out double v) ? F(v) : ""))));
        });
    }

    private static string Html(Campaign campaign, List<RankedEntry> table, List<(string Title, string Path)> images)
    {
        CampaignDefinition d = campaign.Definition;
        var plans = campaign.PlanAll();
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>MatSim campaign " + E(d.Name) + "</title>");
        html.AppendLine("<style>body{font-family:sans-serif;max-width:1100px;margin:auto}table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:3px 6px;text-align:right}th{background:#eee}td:nth-child(2){text-align:left}img{max-width:100%}</style></head><body>");
        html.AppendLine($"<h1>Campaign {E(d.Name)}</h1><p>{d.Frameworks.Count} frameworks, temperatures {string.Join(", ", d.Temperatures.Select(F))} K; ranked by <code>{E(d.RankBy?.Text ?? "(no rank_by)")}</code>.</p>");
        html.AppendLine("<h2>Jobs</h2><table><tr><th>stage</th><th>job</th><th>done</th><th>failed</th><th>pending</th></tr>");
        foreach (StagePlan p in plans)
            html.AppendLine($"<tr><td>{E(p.Stage.Name)}</td><td>{E(p.Stage.Job)}</td><td>{p.Jobs.Count(j => j.State == JobState.Done)}</td>" +
                $"<td>{p.Jobs.Count(j => j.State is JobState.Failed or JobState.GaveUp)}</td><td>{p.Jobs.Count(j => j.State is JobState.Pending or JobState.Running)}</td></tr>");
        html.AppendLine("</table>");
        var columns = table.SelectMany(e => e.Columns.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        html.AppendLine("<h2>Ranking</h2><table><tr><th>#</th><th>framework</th><th>T (K)</th><th>" + E(d.RankBy?.Text ?? "rank") + "</th>" +
            string.Concat(columns.Select(c => $"<th>{E(c)}</th>")) + "</tr>");
        for (int i = 0; i < Math.Min(50, table.Count); i++)
            html.AppendLine($"<tr><td>{i + 1}</td><td>{E(table[i].Framework)}</td><td>{F(table[i].Temperature)}</td><td>{G(table[i].Rank)}</td>" +
                string.Concat(columns.Select(c => $"<td>{(table[i].Columns.TryGetValue(c, out double v) ? G(v) : "")}</td>")) + "</tr>");
        html.AppendLine($"</table><p>{table.Count} rows; all of them in ranking.csv.</p>");
        foreach (var (title, path) in images)
            html.AppendLine($"<h2>{E(title)}</h2><img alt=\"{E(title)}\" src=\"data:image/png;base64,{Convert.ToBase64String(File.ReadAllBytes(path))}\">");
        var failures = plans.SelectMany(p => p.Jobs).Where(j => j.State is JobState.Failed or JobState.GaveUp).ToList();
        html.AppendLine($"<h2>Failures ({failures.Count})</h2><table><tr><th>job</th><th>kind</th><th>reason</th></tr>");
        foreach (JobStatus f in failures)
            html.AppendLine($"<tr><td style=\"text-align:left\">{E(f.Job.Label)}</td><td>{E(f.Failures[^1].Kind)}</td><td style=\"text-align:left\">{E(f.Failures[^1].Reason.Split('\n')[0])}</td></tr>");
        html.AppendLine("</table></body></html>");
        return html.ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
    private static string F(double v) => double.IsFinite(v) ? v.ToString("G6", CultureInfo.InvariantCulture) : "";
    private static string G(double v) => double.IsFinite(v) ? v.ToString("G4", CultureInfo.InvariantCulture) : "";
}
