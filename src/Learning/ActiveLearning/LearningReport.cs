using System.Globalization;
using System.Text;
using MatSim.Simulation.IO;
using ScottPlot;

namespace MatSim.Learning.ActiveLearning;

/// <summary>Learning curves of an active-learning run: test errors vs reference calls, active vs random selection (CSV + PNG).</summary>
public static class LearningReport
{
    public static void Write(string folder, IReadOnlyList<CurvePoint> points)
    {
        var csv = new StringBuilder("selection,iteration,reference_calls,training_structures,test_energy_rmse_meV_per_atom,test_force_rmse_meV_per_A,test_forces_within_2_sigma,picked,max_candidate_force_sigma_meV_per_A\n");
        foreach (CurvePoint p in points)
            csv.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"{p.Selection},{p.Iteration},{p.ReferenceCalls},{p.TrainingStructures},{p.EnergyRmseMeVPerAtom:G6},{p.ForceRmseMeVPerA:G6},{p.ForceWithin2Sigma:G4},{p.Selected},{p.MaxCandidateForceSigmaMeVPerA:G4}"));
        AtomicFile.WriteAllText(Path.Combine(folder, "learning_curve.csv"), csv.ToString());
        var plot = new Plot();
        foreach (var group in points.GroupBy(p => p.Selection))
        {
            var series = plot.Add.Scatter(group.Select(p => (double)p.ReferenceCalls).ToArray(), group.Select(p => p.ForceRmseMeVPerA).ToArray());
            series.LegendText = group.Key;
            series.MarkerSize = 7;
        }
        plot.Axes.Bottom.Label.Text = "Reference calls (training structures labelled)";
        plot.Axes.Left.Label.Text = "Test force RMSE (meV/Å)";
        plot.ShowLegend();
        string path = Path.Combine(folder, "learning_curve.png"), temporary = path + ".tmp.png";
        plot.SavePng(temporary, 800, 600);
        File.Move(temporary, path, overwrite: true);
    }
}
