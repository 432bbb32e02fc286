using System.Globalization;
using MatSim.Sampling.Estimators;
using ScottPlot;

namespace MatSim.Sampling.Jobs;

/// <summary>The plots of a sampling run (PNG, written atomically).</summary>
internal static class SamplingReport
{
    /// <summary>NLL and reverse KL against the training step, from training.csv.</summary>
    public static void TrainingCurve(string folder, string csv)
    {
        var rows = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')).ToArray();
        if (rows.Length == 0) return;
        double Value(string s) => double.Parse(s, CultureInfo.InvariantCulture);
        double[] steps = rows.Select(r => Value(r[0])).ToArray();
        var plot = new Plot();
        foreach (var (column, label) in new[] { (1, "NLL (by example)"), (2, "reverse KL + const (by energy)") })
        {
            var points = rows.Select((r, k) => (steps[k], Value(r[column]))).Where(p => double.IsFinite(p.Item2)).ToArray();
            if (points.Length == 0) continue;
            plot.Add.Scatter(points.Select(p => p.Item1).ToArray(), points.Select(p => p.Item2).ToArray()).LegendText = label;
        }
        plot.XLabel("training step");
        plot.YLabel("loss per sample (kT)");
        plot.ShowLegend();
        Save(plot, Path.Combine(folder, "training.png"));
    }

    /// <summary>Exact, flow and reweighted-sample densities of a 2D target, side by side as heat maps of −ln p.</summary>
    public static void Densities(string folder, GridDensity grid, double[] exact, double[] flow, double[] reweighted)
    {
        var multiplot = new Multiplot();
        multiplot.AddPlots(3);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();
        foreach (var (k, p, title) in new[] { (0, exact, "exact"), (1, flow, "flow q(x)"), (2, reweighted, "reweighted flow samples") })
        {
            var values = new double[grid.Cells, grid.Cells];
            for (int i = 0; i < grid.Cells; i++)
                for (int j = 0; j < grid.Cells; j++)
                    values[grid.Cells - 1 - j, i] = p[i * grid.Cells + j] > 0 ? -Math.Log(p[i * grid.Cells + j]) : double.NaN;
            Plot plot = multiplot.GetPlot(k);
            var heatmap = plot.Add.Heatmap(values);
            heatmap.Extent = new CoordinateRect(grid.XMin, grid.XMax, grid.YMin, grid.YMax);
            plot.Title($"−ln p: {title}");
        }
        string path = Path.Combine(folder, "density.png");
        string temporary = path + ".tmp.png";
        multiplot.SavePng(temporary, 1500, 500);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Pair-distance distributions: MC ground truth, raw and reweighted flow samples.</summary>
    public static void PairDistances(string folder, PairDistanceHistogram mc, PairDistanceHistogram raw, PairDistanceHistogram reweighted)
    {
        var plot = new Plot();
        foreach (var (h, label) in new[] { (mc, "MC (ground truth)"), (raw, "flow samples"), (reweighted, "flow samples, reweighted") })
            plot.Add.Scatter(h.Centres, h.Density).LegendText = label;
        plot.XLabel("pair distance");
        plot.YLabel("density");
        plot.ShowLegend();
        Save(plot, Path.Combine(folder, "pair_distances.png"));
    }

    private static void Save(Plot plot, string path)
    {
        string temporary = path + ".tmp.png";
        plot.SavePng(temporary, 800, 600);
        File.Move(temporary, path, overwrite: true);
    }
}
