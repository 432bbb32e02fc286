using System.Globalization;
using System.Text;
using MatSim.Adsorption.Systems;
using MatSim.Simulation.IO;
using ScottPlot;
using U = MatSim.Simulation.Units.Units;

namespace MatSim.Adsorption.Jobs;

/// <summary>An isotherm as a CSV table, a PNG plot (absolute and excess loading in mol/kg with error bars) and a table in the log.</summary>
internal static class IsothermFiles
{
    public const string CsvName = "isotherm.csv";
    public const string PngName = "isotherm.png";
    private const double MolarVolumeStp = 22414.0;

    public static void Write(string folder, AdsorptionSetup setup, IReadOnlyList<StatePointResult> results)
    {
        var csv = new StringBuilder("pressure_bar,component,fugacity_bar,fugacity_coefficient,absolute_molecules_per_cell,absolute_se," +
            "absolute_mol_per_kg,absolute_mol_per_kg_se,excess_mol_per_kg,excess_mol_per_kg_se,absolute_mg_per_g,absolute_cm3_stp_per_g," +
            "enthalpy_kJ_per_mol,enthalpy_se\n");
        int cells = setup.Adsorption.UnitCells.Count;
        double molPerKgPerMolecule = 1000.0 / (cells * setup.Adsorption.FrameworkMassPerCell);
        foreach (StatePointResult r in results.OrderBy(r => r.Point.Pressure))
        for (int s = 0; s < setup.Components.Count; s++)
        {
            var abs = r.Molecules[s];
            double excess = ExcessMolPerKg(r, s);
            double guestMass = setup.Components[s].Molecule.Species.Mass;
            var h = r.Enthalpies[s];
            csv.AppendLine(string.Join(',',
                F(U.InternalToBar(r.Point.Pressure)), setup.Components[s].Molecule.Species.Name, F(U.InternalToBar(r.Point.Fugacities[s])),
                F(r.Point.FugacityCoefficients[s]), F(abs.Mean / cells), F(abs.StandardError / cells),
                F(abs.Mean * molPerKgPerMolecule), F(abs.StandardError * molPerKgPerMolecule), F(excess),
                F(abs.StandardError * molPerKgPerMolecule), F(abs.Mean * molPerKgPerMolecule * guestMass),
                F(abs.Mean * molPerKgPerMolecule * MolarVolumeStp / 1000),
                h is { } e ? F(e.Mean * U.KilojoulePerMolePerEv) : "", h is { } e2 ? F(e2.StandardError * U.KilojoulePerMolePerEv) : ""));
        }
        AtomicFile.WriteAllText(Path.Combine(folder, CsvName), csv.ToString());
        Plot(folder, setup, results, molPerKgPerMolecule);
    }

    private static void Plot(string folder, AdsorptionSetup setup, IReadOnlyList<StatePointResult> results, double molPerKgPerMolecule)
    {
        var plot = new Plot();
        var ordered = results.OrderBy(r => r.Point.Pressure).ToArray();
        double[] pressures = ordered.Select(r => U.InternalToBar(r.Point.Pressure)).ToArray();
        for (int s = 0; s < setup.Components.Count; s++)
        {
            string name = setup.Components[s].Molecule.Species.Name;
            double[] error = ordered.Select(r => r.Molecules[s].StandardError * molPerKgPerMolecule).ToArray();
            double[] absolute = ordered.Select(r => r.Molecules[s].Mean * molPerKgPerMolecule).ToArray();
            double[] excess = ordered.Select(r => ExcessMolPerKg(r, s)).ToArray();
            var line = plot.Add.Scatter(pressures, absolute);
            line.LegendText = $"{name}, absolute";
            plot.Add.ErrorBar(pressures, absolute, error).Color = line.Color;
            var excessLine = plot.Add.Scatter(pressures, excess);
            excessLine.LegendText = $"{name}, excess";
            excessLine.Color = line.Color;
            excessLine.LinePattern = LinePattern.Dashed;
            excessLine.MarkerShape = MarkerShape.OpenCircle;
            plot.Add.ErrorBar(pressures, excess, error).Color = line.Color;
        }
        plot.Title($"{setup.FrameworkName}, {setup.Temperature.ToString("G5", CultureInfo.InvariantCulture)} K (error bars: ±1 standard error of block averages)");
        plot.XLabel("Pressure (bar)");
        plot.YLabel("Loading (mol/kg)");
        plot.ShowLegend(Alignment.LowerRight);
        string path = Path.Combine(folder, PngName);
        string temporary = path + ".tmp.png";
        plot.SavePng(temporary, 800, 600);
        File.Move(temporary, path, overwrite: true);
    }

    private static double ExcessMolPerKg(StatePointResult r, int component) =>
        r.Json["components"]![component]!["excess"]!["mol_per_kg"]!["mean"]!.GetValue<double>();

    /// <summary>The isotherm as a table for the end of the log, one row per pressure and component.</summary>
    public static string Table(AdsorptionSetup setup, IReadOnlyList<StatePointResult> results)
    {
        var text = new StringBuilder($"{"pressure/bar",12}  {"component",-10} {"absolute/(mol/kg)",22} {"excess/(mol/kg)",22} {"ΔH/(kJ/mol)",18}\n");
        double molPerKgPerMolecule = 1000.0 / (setup.Adsorption.UnitCells.Count * setup.Adsorption.FrameworkMassPerCell);
        foreach (StatePointResult r in results.OrderBy(r => r.Point.Pressure))
        for (int s = 0; s < setup.Components.Count; s++)
        {
            double se = r.Molecules[s].StandardError * molPerKgPerMolecule;
            string h = r.Enthalpies[s] is { } e ? $"{e.Mean * U.KilojoulePerMolePerEv:F2} ± {e.StandardError * U.KilojoulePerMolePerEv:F2}" : "—";
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"{U.InternalToBar(r.Point.Pressure),12:G6}  {setup.Components[s].Molecule.Species.Name,-10} {$"{r.Molecules[s].Mean * molPerKgPerMolecule:G5} ± {se:G2}",22} {$"{ExcessMolPerKg(r, s):G5} ± {se:G2}",22} {h,18}"));
        }
        return text.ToString().TrimEnd();
    }

    private static string F(double value) => value.ToString("G8", CultureInfo.InvariantCulture);
}
