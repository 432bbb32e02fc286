using System.Text.Json.Nodes;
using MatSim.Simulation.Engines.MonteCarlo;
using MatSim.Simulation.Statistics;

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

    public static JsonArray Moves(IEnumerable<MonteCarloMove> moves) => new(moves.Select(m => (JsonNode?)new JsonObject
    {
        ["move"] = m.Name,
        ["attempts"] = m.Attempts,
        ["accepted"] = m.Accepted,
        ["acceptance"] = m.AcceptanceRatio,
        ["step"] = double.IsNaN(m.StepSize) ? null : m.StepSize,
        ["step_unit"] = m.Name == "rotation" ? "rad" : "angstrom",
    }).ToArray());
}
