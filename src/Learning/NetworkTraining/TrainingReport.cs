using System.Globalization;
using System.Text;
using MatSim.Potentials.NeuralNetworks;
using MatSim.Simulation.IO;
using ScottPlot;

namespace MatSim.Learning.NetworkTraining;

/// <summary>Learning curves (CSV + PNG) and parity plots of a training run; errors in meV/atom and meV/Å.</summary>
public static class TrainingReport
{
    public static void WriteLearningCurve(string folder, IReadOnlyList<EpochRecord> history)
    {
        bool tested = history.Any(r => r.Test != null);
        var csv = new StringBuilder("epoch,train_energy_rmse_meV_per_atom,train_force_rmse_meV_per_A,validation_energy_rmse_meV_per_atom,validation_force_rmse_meV_per_A,learning_rate,seconds,cpu_seconds"
            + (tested ? ",test_energy_rmse_meV_per_atom,test_force_rmse_meV_per_A\n" : "\n"));
        foreach (EpochRecord r in history)
            csv.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Epoch},{1e3 * r.Training.EnergyRmsePerAtom:G6},{1e3 * r.Training.ForceRmse:G6},{1e3 * r.Validation.EnergyRmsePerAtom:G6},{1e3 * r.Validation.ForceRmse:G6},{r.LearningRate:G6},{r.Seconds:F2},{r.CpuSeconds:F2}")
                + (r.Test is { } t ? string.Create(CultureInfo.InvariantCulture, $",{1e3 * t.EnergyRmsePerAtom:G6},{1e3 * t.ForceRmse:G6}") : tested ? ",," : ""));
        AtomicFile.WriteAllText(Path.Combine(folder, "learning_curve.csv"), csv.ToString());
        if (history.Count == 0) return;
        double[] epochs = history.Select(r => (double)r.Epoch).ToArray();
        var plot = new Plot();
        AddLine(plot, epochs, history.Select(r => 1e3 * r.Training.EnergyRmsePerAtom), "energy, training");
        AddLine(plot, epochs, history.Select(r => 1e3 * r.Validation.EnergyRmsePerAtom), "energy, validation");
        // forces on the right axis: their scale (meV/Å) is tens of times the energies' (meV/atom)
        AddLine(plot, epochs, history.Select(r => 1e3 * r.Training.ForceRmse), "forces, training").Axes.YAxis = plot.Axes.Right;
        AddLine(plot, epochs, history.Select(r => 1e3 * r.Validation.ForceRmse), "forces, validation").Axes.YAxis = plot.Axes.Right;
        if (tested)
        {
            AddLine(plot, epochs, history.Select(r => 1e3 * (r.Test?.EnergyRmsePerAtom ?? double.NaN)), "energy, test");
            AddLine(plot, epochs, history.Select(r => 1e3 * (r.Test?.ForceRmse ?? double.NaN)), "forces, test").Axes.YAxis = plot.Axes.Right;
        }
        plot.XLabel("Epoch");
        plot.Axes.Left.Label.Text = "Energy RMSE (meV/atom)";
        plot.Axes.Right.Label.Text = "Force RMSE (meV/Å)";
        plot.ShowLegend();
        Save(plot, Path.Combine(folder, "learning_curve.png"));
    }

    /// <summary>Test errors after training on growing subsets of the training set.</summary>
    public static void WriteSizeCurve(string folder, IReadOnlyList<(int Size, ErrorMetrics Test)> points)
    {
        var csv = new StringBuilder("training_structures,test_energy_rmse_meV_per_atom,test_force_rmse_meV_per_A\n");
        foreach (var (size, test) in points)
            csv.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{size},{1e3 * test.EnergyRmsePerAtom:G6},{1e3 * test.ForceRmse:G6}"));
        AtomicFile.WriteAllText(Path.Combine(folder, "learning_curve_size.csv"), csv.ToString());
        double[] sizes = points.Select(p => (double)p.Size).ToArray();
        var plot = new Plot();
        AddLine(plot, sizes, points.Select(p => 1e3 * p.Test.EnergyRmsePerAtom), "energy (meV/atom)");
        AddLine(plot, sizes, points.Select(p => 1e3 * p.Test.ForceRmse), "forces (meV/Å)");
        plot.XLabel("Training structures");
        plot.YLabel("Test RMSE");
        plot.ShowLegend();
        Save(plot, Path.Combine(folder, "learning_curve_size.png"));
    }

    public static void WriteParity(string folder, Predictions test)
    {
        Parity(Path.Combine(folder, "parity_energy.png"), test.ReferenceEnergyPerAtom, test.PredictedEnergyPerAtom, "energy per atom (eV)");
        Parity(Path.Combine(folder, "parity_forces.png"), test.ReferenceForces, test.PredictedForces, "force component (eV/Å)");
    }

    private static void Parity(string path, double[] reference, double[] predicted, string quantity)
    {
        var plot = new Plot();
        var points = plot.Add.ScatterPoints(reference, predicted);
        points.MarkerSize = 3;
        if (reference.Length > 0)
        {
            double low = Math.Min(reference.Min(), predicted.Min()), high = Math.Max(reference.Max(), predicted.Max());
            plot.Add.Line(low, low, high, high);
        }
        plot.XLabel($"reference {quantity}");
        plot.YLabel($"predicted {quantity}");
        plot.Title("Test set");
        Save(plot, path);
    }

    private static ScottPlot.Plottables.Scatter AddLine(Plot plot, double[] x, IEnumerable<double> y, string label)
    {
        var line = plot.Add.Scatter(x, y.ToArray());
        line.LegendText = label;
        return line;
    }

    private static void Save(Plot plot, string path)
    {
        string temporary = path + ".tmp.png";
        plot.SavePng(temporary, 800, 600);
        File.Move(temporary, path, overwrite: true);
    }
}
