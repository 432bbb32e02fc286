using ScottPlot;

namespace MatSim.Screening.Reports;

/// <summary>Saves a plot as PNG atomically (temporary file, then move).</summary>
internal static class PlotFile
{
    public static string Save(Plot plot, string path, int width = 800, int height = 600)
    {
        string temporary = path + ".tmp.png";
        plot.SavePng(temporary, width, height);
        File.Move(temporary, path, overwrite: true);
        return path;
    }

    /// <summary>A scatter of markers only.</summary>
    public static void Markers(Plot plot, double[] x, double[] y, string? legend = null)
    {
        var scatter = plot.Add.ScatterPoints(x, y);
        if (legend != null) scatter.LegendText = legend;
    }
}
