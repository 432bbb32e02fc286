using System.Text.Json.Nodes;
using MatSim.TestSupport;

namespace MatSim.Learning.Tests.NetworkTraining;

/// <summary>
/// Issue 6 acceptance: a network retrained from scratch on ≥ 200 configurations sampled by MatSim's
/// MD with n2p2's water model and labelled by it reaches test RMSE below 1 meV/atom and 40 meV/Å
/// (n2p2 reached 0.86 meV/atom and 36 meV/Å against the original DFT data).
/// </summary>
public sealed class WaterRetrainingTests
{
    [Fact]
    [Trait("Category", "Long")]
    public void Retrained_water_model_reaches_below_1_meV_per_atom_and_40_meV_per_angstrom()
    {
        string folder = Repository.TemporaryDirectory("nnp-water-retrain");
        string data = WaterData.Generate(folder, frames: 250, stride: 20);
        string config = $"""
            job: nnp-train
            seed: 1
            data: {"{"}files: [{data}], validation_fraction: 0.1, test_fraction: 0.1{"}"}
            descriptors: {"{"}from: {Path.Combine(Repository.RequireShared(WaterModel.Folder), "input.nn")}, length_unit: bohr, scaling: scale-center{"}"}
            network: {"{"}hidden_layers: [25, 25], activation: t{"}"}
            training: {"{"}optimizer: adam, learning_rate: 0.005, learning_rate_decay: 0.99, epochs: 150, batch_size: 4, energy_weight: 1, force_weight: 0.05, patience: 30{"}"}
            output: {Path.Combine(folder, "run")}
            """;
        JsonNode results = TrainingTests.Run(folder, config)["results"]!;
        double energy = (double)results["test_energy_rmse_meV_per_atom"]!, forces = (double)results["test_force_rmse_meV_per_A"]!;
        Assert.True((int)results["test_structures"]! >= 25);
        Assert.True(energy < 1.0, $"test energy RMSE {energy:F3} meV/atom");
        Assert.True(forces < 40.0, $"test force RMSE {forces:F2} meV/Å");
    }
}
