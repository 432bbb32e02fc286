using System.Text.Json;
using System.Text.Json.Nodes;
using MatSim.Simulation.Energy;
using MatSim.Simulation.Jobs;
using U = MatSim.Simulation.Units.Units;

namespace MatSim.Cli;

/// <summary>The energy of a configuration by component, in eV, kJ/mol and K, with the virial pressure.</summary>
public static class SinglePointReport
{
    public static string Json(ISinglePoint job)
    {
        var (system, model) = job.SinglePoint();
        EnergyEvaluation e = model.Bind(system).Evaluate(system, EnergyRequest.ForcesAndVirial);
        JsonObject Energy(double ev) => new() { ["eV"] = ev, ["kJ_per_mol"] = ev * U.KilojoulePerMolePerEv, ["K"] = ev / U.Boltzmann };
        var components = new JsonObject();
        foreach (var (name, value) in e.Components.OrderBy(p => p.Key, StringComparer.Ordinal)) components[name] = Energy(value);
        double maxForce = 0;
        foreach (var f in e.Forces) maxForce = Math.Max(maxForce, f.Length);
        var report = new JsonObject
        {
            ["atoms"] = system.Count,
            ["molecules"] = system.MoleculeCount,
            ["components"] = components,
            ["total"] = Energy(e.Energy),
            ["virial_trace_eV"] = e.Virial.Trace,
            ["max_force_eV_per_angstrom"] = maxForce,
        };
        if (system.Cell is { } cell) report["volume_angstrom3"] = cell.Volume;
        return report.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
