using System.Text.Json.Nodes;
using MatSim.Sampling.Estimators;
using MatSim.TestSupport;
using static MatSim.Cli.Tests.CliRunner;

namespace MatSim.Cli.Tests;

/// <summary>`matsim sample` end to end on small runs: the double well, a reloaded flow, an energy-model target, bad input.</summary>
public sealed class SampleCommandTests
{
    private static string Write(string folder, string name, string yaml)
    {
        string path = Path.Combine(folder, name);
        File.WriteAllText(path, yaml);
        return path;
    }

    internal const string DoubleWell = """
        job: sample
        seed: 4
        target: {model: double-well, kT: 1}
        reference: {chains: 2, samples: 400, stride: 10, equilibration: 500, step: 0.5}
        flow: {coupling: realnvp, layers: 4, hidden: 16, depth: 2}
        training: {example_steps: 150, energy_steps: 150, batch: 128, learning_rate: 3e-3}
        sampling: {samples: 20000}
        order_parameter: {coordinate: 0, boundary: 0, low: -1, high: 1}
        grid: {x: [-3, 3], y: [-4, 4], cells: 40}
        mc: {steps: 4000, flow_probability: 0.5, local_steps: 20000}
        """;

    [Fact]
    public void Sample_trains_reweights_and_compares_chains_then_reuses_the_flow()
    {
        string folder = Repository.TemporaryDirectory("sample-double-well");
        string run = Path.Combine(folder, "run");
        var (exit, output, error) = Matsim("sample", Write(folder, "dw.yaml", DoubleWell), "-o", run);
        Assert.True(exit == 0, error + output);
        JsonNode r = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "results.json")))!["results"]!;
        JsonNode s = r["sampling"]!;
        double exact = DoubleWellIntegral.FreeEnergyDifference(1);
        Assert.Equal(exact, (double)s["free_energy_difference_exact"]!, 9);
        double df = (double)s["free_energy_difference"]!, dfError = (double)s["free_energy_difference_error"]!;
        Assert.True(Math.Abs(df - exact) < Math.Max(0.1, 4 * dfError), $"ΔF {df} ± {dfError} vs {exact}");
        Assert.InRange((double)s["ess_fraction"]!, 0.05, 1);
        Assert.True((double)s["kl_exact_flow_density"]! < 0.5, "the flow density resembles the exact one");
        Assert.True((long)r["mc"]!["flow"]!["flow_moves"]! > 0 && (double)r["mc"]!["flow"]!["flow_acceptance"]! > 0.2);
        Assert.Equal((long)r["training"]!["live_tensors_before"]!, (long)r["training"]!["live_tensors_after"]!);
        foreach (string file in new[] { "model.flow.json", "training.csv", "training.png", "density.png" })
            Assert.True(File.Exists(Path.Combine(run, file)), file);

        // the trained flow, loaded and used without training, gives the same ESS with the same seed
        string reuse = DoubleWell.Replace("flow: {coupling: realnvp, layers: 4, hidden: 16, depth: 2}", $"flow: {{from: {Path.Combine(run, "model.flow.json")}}}")
            .Replace("training: {example_steps: 150, energy_steps: 150, batch: 128, learning_rate: 3e-3}", "training: {example_steps: 0, energy_steps: 0, example_weight: 0}");
        (exit, output, error) = Matsim("sample", Write(folder, "reuse.yaml", reuse), "-o", Path.Combine(folder, "reuse"));
        Assert.True(exit == 0, error + output);
        JsonNode again = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "reuse", "results.json")))!["results"]!;
        Assert.Equal((double)s["ess"]!, (double)again["sampling"]!["ess"]!, 9);

        // the same flow for DW4 (4 particles in 2D) is refused, naming both sizes
        string wrong = reuse.Replace("target: {model: double-well, kT: 1}", "target: {model: dw4, kT: 1}")
            .Replace("order_parameter: {coordinate: 0, boundary: 0, low: -1, high: 1}\n", "").Replace("grid: {x: [-3, 3], y: [-4, 4], cells: 40}\n", "");
        (exit, _, error) = Matsim("sample", Write(folder, "wrong.yaml", wrong), "-o", Path.Combine(folder, "wrong"));
        Assert.NotEqual(0, exit);
        Assert.Contains("1 particles in 2D", error);
        Assert.Contains("4 particles in 2D", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void A_killed_sample_run_resumes_its_training_and_ends_as_an_uninterrupted_one()
    {
        string folder = Repository.TemporaryDirectory("sample-resume");
        string config = Write(folder, "dw.yaml", DoubleWell.Replace("learning_rate: 3e-3}", "learning_rate: 3e-3, checkpoint_every: 20}")
            .Replace("samples: 20000", "samples: 2000").Replace("steps: 4000", "steps: 400").Replace("local_steps: 20000", "local_steps: 2000"));
        string straight = Path.Combine(folder, "straight"), resumed = Path.Combine(folder, "resumed");
        Assert.Equal(0, MatsimProcess("run", config, "-o", straight).Exit);
        string checkpoint = Path.Combine(resumed, "training-checkpoint.bin");
        KilledRun.KillWhen(config, resumed, () => File.Exists(checkpoint));
        var (exit, _, error) = MatsimProcess("run", config, "-o", resumed);
        Assert.True(exit == 0, error);
        Assert.Contains("resumed from the training checkpoint at step", File.ReadAllText(Path.Combine(resumed, "matsim.log")));
        Assert.Equal(RunResults.Physics(straight), RunResults.Physics(resumed));
        Assert.Equal(File.ReadAllText(Path.Combine(straight, "model.flow.json")), File.ReadAllText(Path.Combine(resumed, "model.flow.json")));
    }

    [Fact]
    public void Any_energy_model_can_be_the_target()
    {
        string folder = Repository.TemporaryDirectory("sample-argon");
        File.WriteAllText(Path.Combine(folder, "ar3.xyz"), "3\nProperties=species:S:1:pos:R:3\nAr 0 0 0\nAr 3.8 0 0\nAr 1.9 3.3 0\n");
        string config = Write(folder, "ar3.yaml", """
            job: sample
            seed: 2
            target:
              system: {structure: ar3.xyz}
              energy: [{type: lj, cutoff: 12 angstrom, atom_types: {Ar: {epsilon: 119.8 K, sigma: 3.405 angstrom}}}]
              temperature: 40 K
            reference: {chains: 2, samples: 300, stride: 10, equilibration: 300, step: 0.2 angstrom}
            flow: {coupling: spline, layers: 2, hidden: 16, depth: 1, bins: 4, bound: 4}
            training: {example_steps: 60, energy_steps: 30, batch: 64}
            sampling: {samples: 2000}
            pair_distances: {range: 8 angstrom, bins: 40}
            mc: {steps: 500, flow_probability: 0.5, local_steps: 500}
            """);
        var (exit, output, error) = Matsim("sample", config, "-o", Path.Combine(folder, "run"));
        Assert.True(exit == 0, error + output);
        JsonNode r = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "run", "results.json")))!["results"]!;
        Assert.Equal("eV", (string)r["energy_unit"]!);
        Assert.Equal(6, (int)r["flow_dimension"]!);   // 3 atoms in 3D less the centre of mass
        Assert.True(double.IsFinite((double)r["test_nll"]!) && (double)r["sampling"]!["ess"]! > 1);
        Assert.True(File.Exists(Path.Combine(folder, "run", "pair_distances.png")));
    }

    [Fact]
    public void Bad_sample_configurations_name_the_key()
    {
        string folder = Repository.TemporaryDirectory("sample-bad");
        var (exit, _, error) = Matsim("sample", Write(folder, "a.yaml", DoubleWell.Replace("kT: 1", "kT: -1")));
        Assert.NotEqual(0, exit);
        Assert.Contains("kT must be positive", error);
        (exit, _, error) = Matsim("sample", Write(folder, "b.yaml", DoubleWell.Replace("coupling: realnvp", "coupling: glow")));
        Assert.NotEqual(0, exit);
        Assert.Contains("b.yaml:5", error);
        (exit, _, error) = Matsim("sample", Write(folder, "c.yaml", DoubleWell.Replace("cells: 40", "cels: 40")));
        Assert.Contains("did you mean 'cells'", error);
        (exit, _, error) = Matsim("learn", Write(folder, "d.yaml", DoubleWell));
        Assert.Contains("`matsim learn` runs `job: learn`", error);
    }
}
