using System.Text.Json.Nodes;
using MatSim.Simulation.Config;
using MatSim.Simulation.Statistics;
using MatSim.Simulation.Units;

namespace MatSim.Simulation.Jobs;

/// <summary>
/// Lennard-Jones reduced units for reporting (`reduced: {epsilon: 119.8 K, sigma: 3.405 angstrom}`):
/// E* = E/ε, T* = k_B T/ε, P* = P σ³/ε, ρ* = ρ σ³.
/// </summary>
public sealed record ReducedUnits(double Epsilon, double Sigma)
{
    /// <summary>The keys of `reduced:`, named from the job's root.</summary>
    public static readonly IReadOnlyList<Plugins.OptionInfo> Options =
    [
        new("reduced.epsilon", "K", "none", "the energy unit ε of reduced results"),
        new("reduced.sigma", "Å", "with epsilon", "the length unit σ"),
    ];

    public static ReducedUnits? Read(ConfigMap config)
    {
        if (config.OptionalMap("reduced") is not { } map) return null;
        var units = new ReducedUnits(
            map.RequiredQuantity("epsilon", Dimension.Energy, "the energy unit ε"),
            map.RequiredQuantity("sigma", Dimension.Length, "the length unit σ"));
        map.EnsureNoUnknownKeys();
        return units;
    }

    public JsonObject Report(double temperature, double numberDensity, Estimate energyPerMolecule, Estimate? pressure)
    {
        double s3 = Sigma * Sigma * Sigma;
        var json = new JsonObject
        {
            ["temperature"] = Units.Units.Boltzmann * temperature / Epsilon,
            ["density"] = numberDensity * s3,
            ["energy_per_molecule"] = JobResults.Estimate(energyPerMolecule, 1 / Epsilon),
        };
        if (pressure is { } p) json["pressure"] = JobResults.Estimate(p, s3 / Epsilon);
        return json;
    }
}
