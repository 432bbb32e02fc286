using System.Text.Json.Nodes;
using MatSim.TestSupport;

namespace MatSim.Learning.Tests.NetworkTraining;

/// <summary>
/// n2p2's own training benchmark (issue 19): configs/nnp-train-xtb-water.yaml on the (H2O)8 GFN2-xTB clusters, n2p2's
/// fixed split, symmetry functions and network size. n2p2 2.3 reaches test RMSEs of 0.624 ± 0.029 meV/atom and
/// 45.8 ± 4.3 meV/Å (mean of 3 seeds). The bundled 700 epochs give 0.756 ± 0.032 and 33.9 ± 0.6 (docs/nnp.md,
/// "Training against n2p2"); to keep the long suite short this runs 400 (learning rate decaying by 0.988, seed 1:
/// 0.888 meV/atom, 38.1 meV/Å here) and checks that the forces stay below n2p2's mean and the energies below 1 meV/atom.
/// </summary>
public sealed class XtbWaterBenchmarkTests
{
    [Fact]
    [Trait("Category", "Long")]
    public void The_benchmark_recipe_trains_forces_below_n2p2s()
    {
        string shared = Repository.RequireShared("reference/n2p2-train-xtb-water");
        string folder = Repository.TemporaryDirectory("nnp-xtb-water");
        string config = File.ReadAllText(Repository.PathOf("configs", "nnp-train-xtb-water.yaml"))
            .Replace("../../shared/reference/n2p2-train-xtb-water", shared, StringComparison.Ordinal)
            .Replace("output: ../runs/nnp-train-xtb-water", $"output: {Path.Combine(folder, "run")}", StringComparison.Ordinal)
            .Replace("epochs: 700", "epochs: 400", StringComparison.Ordinal)
            .Replace("learning_rate_decay: 0.993", "learning_rate_decay: 0.988", StringComparison.Ordinal);
        Assert.Contains("epochs: 400", config);
        Assert.Contains("learning_rate_decay: 0.988", config);
        JsonNode results = TrainingTests.Run(folder, config)["results"]!;
        Assert.Equal(60, (int)results["test_structures"]!);
        double energy = (double)results["test_energy_rmse_meV_per_atom"]!, forces = (double)results["test_force_rmse_meV_per_A"]!;
        Assert.True(forces <= 45.8, $"test force RMSE {forces:F2} meV/Å; n2p2's mean is 45.8");
        Assert.True(energy <= 1.0, $"test energy RMSE {energy:F3} meV/atom; n2p2's mean is 0.624");
    }
}
