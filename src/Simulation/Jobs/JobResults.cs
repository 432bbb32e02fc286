using System.Text.Json.Nodes;
using MatSim.Simulation.Energy;
using MatSim.Simulation.Engines.MonteCarlo;
using MatSim.Simulation.Statistics;
using MatSim.Simulation.Systems;

namespace MatSim.Simulation.Jobs;

/// <summary>JSON pieces shared by the jobs' results (units in the key names).</summary>
public static class JobResults
{
    /// <summary>{"mean": …, "standard_error": …} after multiplying by a unit factor.</summary>
    public static JsonObject Estimate(Estimate estimate, double factor = 1) => new()
    {
        ["mean"] = estimate.Mean * factor,
        ["standard_error"] = estimate.StandardError * factor,
    };

    /// <summary>An energy estimate (eV internally) in eV, kJ/mol and K.</summary>
    public static JsonObject Energy(Estimate estimate) => new()
    {
        ["eV"] = Estimate(estimate),
        ["kJ_per_mol"] = Estimate(estimate, Units.Units.KilojoulePerMolePerEv),
        ["K"] = Estimate(estimate, 1 / Units.Units.Boltzmann),
    };

    /// <summary>
    /// The models of an energy, the components of a full evaluation of the current state (eV), by name — the itemised
    /// ledger RASPA prints at the end of a run — and the largest drift of each model's running energy at the checks.
    /// </summary>
    public static JsonObject EnergyTerms(IEnergyModel model, IBoundEnergy bound, ParticleSystem system, IReadOnlyDictionary<string, double> maxDrifts) => new()
    {
        ["models"] = new JsonArray(CompositeEnergy.TermsOf(model).Select(t => (JsonNode?)t.Name).ToArray()),
        ["final_components_eV"] = Named(bound.Evaluate(system).Components),
        ["max_drift_eV"] = Named(maxDrifts),
    };

    private static JsonObject Named(IEnumerable<KeyValuePair<string, double>> values) =>
        new(values.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => KeyValuePair.Create(c.Key, (JsonNode?)c.Value)));

    public static JsonArray Moves(IEnumerable<MonteCarloMove> moves) => new(moves.Select(m => (JsonNode?)new JsonObject
    {
        ["move"] = m.Name,
        ["attempts"] = m.Attempts,
        ["accepted"] = m.Accepted,
        ["acceptance"] = m.AcceptanceRatio,
        ["step"] = double.IsNaN(m.StepSize) ? null : m.StepSize,
        ["step_unit"] = m.Name == "rotation" ? "rad" : "angstrom",
    }).ToArray());

    /// <summary>
    /// Replaces values JSON cannot hold (NaN, ±infinity: e.g. an enthalpy from fluctuations of a run too short to
    /// fluctuate) with null, and returns the paths it changed, so a job's results are written whatever they hold.
    /// </summary>
    public static List<string> ReplaceNonFinite(JsonNode? node, string path = "")
    {
        var changed = new List<string>();
        switch (node)
        {
            case JsonObject o:
                foreach (string key in o.Select(p => p.Key).ToList())
                {
                    string child = path.Length > 0 ? $"{path}.{key}" : key;
                    if (IsNonFinite(o[key])) { o[key] = null; changed.Add(child); }
                    else changed.AddRange(ReplaceNonFinite(o[key], child));
                }
                break;
            case JsonArray a:
                for (int i = 0; i < a.Count; i++)
                {
                    if (IsNonFinite(a[i])) { a[i] = null; changed.Add($"{path}[{i}]"); }
                    else changed.AddRange(ReplaceNonFinite(a[i], $"{path}[{i}]"));
                }
                break;
        }
        return changed;
    }

    private static bool IsNonFinite(JsonNode? node) => node is JsonValue v && v.TryGetValue(out double d) && !double.IsFinite(d);
}
