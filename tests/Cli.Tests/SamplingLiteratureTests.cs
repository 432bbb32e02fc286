using System.Text.Json.Nodes;
using MatSim.TestSupport;

namespace MatSim.Cli.Tests;

/// <summary>
/// The must-show systems of the Boltzmann-generator issue, run from the shipped configurations
/// (about 20 minutes on 2 cores): the claims are checked, the figures are in results.json.
/// </summary>
public sealed class SamplingLiteratureTests(ITestOutputHelper log)
{
    private JsonNode Run(string name)
    {
        string folder = Repository.TemporaryDirectory(name);
        string config = Path.Combine(folder, name + ".yaml");
        File.WriteAllText(config, File.ReadAllText(Repository.PathOf("configs", name + ".yaml")));
        var (exit, output, error) = CliRunner.MatsimProcess("sample", config, "-o", Path.Combine(folder, "run"));
        Assert.True(exit == 0, error + output);
        log.WriteLine(output);
        return JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "run", "results.json")))!["results"]!;
    }

    [Fact]
    [Trait("Category", "Long")]
    public void Double_well_free_energy_and_flow_moves()
    {
        JsonNode r = Run("sample-double-well");
        JsonNode s = r["sampling"]!;
        Assert.True(Math.Abs((double)s["free_energy_difference_deviation_kT"]!) < 0.1, $"ΔF deviation {s["free_energy_difference_deviation_kT"]} kT");
        Assert.True((double)r["mc"]!["transition_rate_ratio_per_energy_call"]! > 100);
        double flow = (double)r["mc"]!["flow"]!["second_state_population"]!, flowError = (double)r["mc"]!["flow"]!["second_state_population_error"]!;
        double local = (double)r["mc"]!["local"]!["second_state_population"]!, localError = (double)r["mc"]!["local"]!["second_state_population_error"]!;
        Assert.True(Math.Abs(flow - local) < 3 * Math.Sqrt(flowError * flowError + localError * localError), $"populations {flow} ± {flowError} vs {local} ± {localError}");
    }

    [Fact]
    [Trait("Category", "Long")]
    public void Mueller_Brown_density_matches_the_exact_one()
    {
        JsonNode s = Run("sample-mueller-brown")["sampling"]!;
        Assert.True((double)s["kl_exact_flow_density"]! < 0.1, $"KL(exact ‖ flow) {s["kl_exact_flow_density"]}");
        Assert.True((double)s["kl_exact_reweighted_samples"]! < (double)s["kl_exact_mc_samples"]!, "reweighted flow samples beat the (stuck) MC chains");
    }

    [Theory]
    [Trait("Category", "Long")]
    [InlineData("sample-dw4")]
    [InlineData("sample-lj13")]
    public void Particle_systems_learn_more_than_a_Gaussian_and_keep_memory_flat(string name)
    {
        JsonNode r = Run(name);
        double nll = (double)r["test_nll"]!, gaussian = (double)r["training"]!["initial_test_nll"]!;
        Assert.True(nll < gaussian - 1, $"test NLL {nll} vs {gaussian} of the best diagonal Gaussian");
        Assert.True((double)r["sampling"]!["ess"]! >= 1);
        Assert.Equal((long)r["training"]!["live_tensors_before"]!, (long)r["training"]!["live_tensors_after"]!);
        Assert.Equal(0, (int)r["training"]!["skipped_steps"]!);
    }
}
