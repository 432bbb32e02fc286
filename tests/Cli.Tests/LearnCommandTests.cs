using System.Text.Json.Nodes;
using MatSim.Simulation.Chemistry;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.IO.ExtXyz;
using MatSim.Simulation.Random;
using MatSim.Simulation.Structures;
using MatSim.TestSupport;
using static MatSim.Cli.Tests.CliRunner;

namespace MatSim.Cli.Tests;

/// <summary>`matsim learn` end to end with a Lennard-Jones teacher on argon clusters (no external program).</summary>
public sealed class LearnCommandTests
{
    internal const string Descriptors = """
        cutoff_type 6
        symfunction_short Ar 2 Ar 1.0 3.4 7.0
        symfunction_short Ar 2 Ar 1.0 3.8 7.0
        symfunction_short Ar 2 Ar 1.0 4.4 7.0
        symfunction_short Ar 2 Ar 1.0 5.2 7.0
        symfunction_short Ar 2 Ar 0.05 0.0 7.0
        symfunction_short Ar 3 Ar Ar 0.02 1 1 7.0
        symfunction_short Ar 3 Ar Ar 0.02 -1 1 7.0
        symfunction_short Ar 3 Ar Ar 0.02 1 4 7.0
        """;

    /// <summary>A folder with random 8-atom argon clusters (unlabelled), the descriptors and a learn configuration.</summary>
    internal static string Prepare(string name, string sampling, int budget, int perIteration = 3)
    {
        string folder = Repository.TemporaryDirectory(name);
        var rng = new Rng(11);
        Element argon = Elements.FromSymbol("Ar");
        var frames = new List<ExtXyzFrame>();
        while (frames.Count < 80)
        {
            var positions = new List<Vec3>();
            while (positions.Count < 8)
            {
                var r = new Vec3(7 * rng.NextDouble(), 7 * rng.NextDouble(), 7 * rng.NextDouble());
                if (positions.All(p => (p - r).Length > 3.4)) positions.Add(r);
            }
            frames.Add(new ExtXyzFrame { Structure = new Structure(null, Enumerable.Repeat(argon, 8), positions) });
        }
        ExtXyzWriter.WriteFile(Path.Combine(folder, "pool.extxyz"), frames);
        File.WriteAllText(Path.Combine(folder, "argon.nn"), Descriptors);
        File.WriteAllText(Path.Combine(folder, "learn.yaml"), $$$"""
            job: learn
            seed: 3
            reference:
              calculator: model
              energy:
                - type: lj
                  cutoff: 9 angstrom
                  atom_types: {Ar: {epsilon: 120 K, sigma: 3.4 angstrom}}
            pool: {files: [pool.extxyz], test: 20}
            start: {count: 3}
            sampling: {{{sampling}}}
            selection: {per_iteration: {{{perIteration}}}, threshold: 1 meV/A, diversity: 0.1}
            budget: {reference_calls: {{{budget}}}}
            baseline: {random: true, large_random: 40}
            descriptors: {from: argon.nn, length_unit: angstrom}
            kernel: {length_scales: [2, 8], sparse: 60, energy_noise_ratios: [1e-4, 1e-2], force_noise_ratios: [1e-3, 1e-1]}
            output: run
            """);
        return folder;
    }

    [Fact]
    public void Pool_based_learning_spends_its_budget_writes_every_iteration_and_beats_its_first_model()
    {
        string folder = Prepare("learn-pool", "{mode: pool}", budget: 12);
        var (code, _, error) = Matsim("learn", Path.Combine(folder, "learn.yaml"));
        Assert.True(code == 0, error);
        string run = Path.Combine(folder, "run");
        JsonNode results = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "results.json")))!["results"]!;
        Assert.Equal(12, (int)results["reference_calls"]!);
        Assert.Equal("budget of reference calls spent", (string)results["stop_reason"]!);
        Assert.Equal(40, (int)results["large_random_reference_calls"]!);
        for (int i = 0; i < (int)results["iterations"]!; i++) Assert.True(File.Exists(Path.Combine(run, $"iteration-{i:D3}", "model.kernel.json")));
        string[] curve = File.ReadAllLines(Path.Combine(run, "learning_curve.csv"));
        Assert.Contains(curve, l => l.StartsWith("random,", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(run, "learning_curve.png")));
        double first = double.Parse(curve[1].Split(',')[5], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True((double)results["active_force_rmse_meV_per_A"]! < first, $"final {results["active_force_rmse_meV_per_A"]} vs first {first} meV/Å");
        // every labelled structure is in the cache: a second run computes nothing
        Directory.Delete(run, recursive: true);
    }

    [Fact]
    public void Dynamics_sampling_labels_frames_of_its_own_trajectories()
    {
        string folder = Prepare("learn-md", "{mode: md, temperature: 60 K, walkers: 2, steps: 100, time_step: 4 fs, interval: 10}", budget: 9);
        var (code, _, error) = Matsim("learn", Path.Combine(folder, "learn.yaml"));
        Assert.True(code == 0, error);
        string labelled = File.ReadAllText(Path.Combine(folder, "run", "labelled.extxyz"));
        Assert.Contains("md iteration 0 walker", labelled);
    }

    [Fact]
    public void A_killed_run_resumes_from_its_last_iteration_with_the_same_result()
    {
        string straight = Prepare("learn-straight", "{mode: pool}", budget: 24, perIteration: 2);
        Assert.Equal(0, Matsim("learn", Path.Combine(straight, "learn.yaml")).Exit);
        string killed = Prepare("learn-killed", "{mode: pool}", budget: 24, perIteration: 2);
        string run = Path.Combine(killed, "run");
        KilledRun.KillWhenCheckpointed(Path.Combine(killed, "learn.yaml"), run, Path.Combine(run, "state.json"), minimumStep: 2, stepProperty: "CompletedIterations");
        var (code, _, error) = Matsim("learn", Path.Combine(killed, "learn.yaml"));
        Assert.True(code == 0, error);
        Assert.Contains("resuming after iteration", File.ReadAllText(Path.Combine(run, "matsim.log")));
        JsonNode a = JsonNode.Parse(File.ReadAllText(Path.Combine(straight, "run", "results.json")))!["results"]!;
        JsonNode b = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "results.json")))!["results"]!;
        Assert.Equal((double)a["active_force_rmse_meV_per_A"]!, (double)b["active_force_rmse_meV_per_A"]!, 1e-9);
        Assert.Equal((double)a["large_random_force_rmse_meV_per_A"]!, (double)b["large_random_force_rmse_meV_per_A"]!, 1e-9);
    }

    [Fact]
    public void Learn_refuses_other_jobs_and_bad_thresholds_with_the_line()
    {
        string folder = Prepare("learn-bad", "{mode: pool}", budget: 6);
        string config = Path.Combine(folder, "learn.yaml");
        File.WriteAllText(config, File.ReadAllText(config).Replace("threshold: 1 meV/A", "threshold: 1 meV"));
        var (code, _, error) = Matsim("learn", config);
        Assert.Equal(2, code);
        Assert.Contains("learn.yaml:12", error);
        Assert.Contains("150 meV/A", error);
        var other = Matsim("learn", Repository.PathOf("configs", "quickstart.yaml"), "-o", Path.Combine(folder, "other"));
        Assert.Equal(2, other.Exit);
        Assert.Contains("`matsim learn` runs `job: learn` configurations", other.Error);
    }
}
