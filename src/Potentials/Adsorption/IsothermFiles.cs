using System.Globalization;
using System.Text;
using MatSim.Simulation.IO;
using ScottPlot;
using U = MatSim.Simulation.Units.Units;

namespace MatSim.Potentials.Adsorption;

/// <summary>An isotherm as a CSV table and a PNG plot with error bars (absolute loading in mol/kg).</summary>
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
            double excess = r.Json["components"]![s]!["excess"]!["mol_per_kg"]!["mean"]!.GetValue<double>();
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
            double[] loading = ordered.Select(r => r.Molecules[s].Mean * molPerKgPerMolecule).ToArray();
            double[] error = ordered.Select(r => r.Molecules[s].StandardError * molPerKgPerMolecule).ToArray();
            var line = plot.Add.Scatter(pressures, loading);
            line.LegendText = setup.Components[s].Molecule.Species.Name;
            var bars = plot.Add.ErrorBar(pressures, loading, error);
            bars.Color = line.Color;
        }
        plot.Title($"{setup.FrameworkName}, {setup.Temperature.ToString("G5", CultureInfo.InvariantCulture)} K");
        plot.XLabel("Pressure (bar)");
        plot.YLabel("Absolute loading (mol/kg)");
        plot.ShowLegend();
        string path = Path.Combine(folder, PngName);
        string temporary = path + ".tmp.png";
        plot.SavePng(temporary, 800, 600);
        File.Move(temporary, path, overwrite: true);
    }

    private static string F(double value) => value.ToString("G8", CultureInfo.InvariantCulture);
}
