using System.Diagnostics;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.IO.ExtXyz;
using MatSim.TestSupport;
using static MatSim.Cli.Tests.CliRunner;

namespace MatSim.Cli.Tests;

/// <summary>
/// A run folder belongs to one run: a second run into it is refused before it writes anything, a run of another
/// configuration too, a stale lock of a killed run is taken over; resolved.yaml reruns to the same results.
/// </summary>
public sealed class RunFolderTests
{
    private static string Write(string folder, string yaml, string name = "config.yaml")
    {
        string path = Path.Combine(folder, name);
        File.WriteAllText(path, yaml);
        return path;
    }

    private static string ResultsOf(string folder) => RunResults.Physics(folder);

    private static Dictionary<string, byte[]> Snapshot(string folder) =>
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(folder, f), File.ReadAllBytes);

    [Fact]
    public void A_second_run_into_a_busy_folder_exits_at_once_naming_the_holder_and_writes_nothing()
    {
        string folder = Repository.TemporaryDirectory("busy");
        string config = Write(folder, SimulationJobTests.ArgonMonteCarlo(200, 3000, 100));
        string alone = Path.Combine(folder, "alone"), shared = Path.Combine(folder, "shared");
        Assert.Equal(0, Matsim("run", config, "-o", alone).Exit);

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in new[] { Path.Combine(AppContext.BaseDirectory, "matsim.dll"), "run", config, "-o", shared }) start.ArgumentList.Add(a);
        using Process first = Process.Start(start)!;
        first.OutputDataReceived += (_, _) => { };
        first.BeginOutputReadLine();
        var clock = Stopwatch.StartNew();
        while (!File.Exists(Path.Combine(shared, "checkpoint.json")) && clock.Elapsed < TimeSpan.FromMinutes(2)) Thread.Sleep(20);
        Assert.False(first.HasExited, "the first run ended before the second started; make it longer");

        var (code, _, error) = Matsim("run", config, "-o", shared);
        Assert.Equal(MatSimCommandLine.BadInput, code);
        Assert.Contains($"in use by another run (process {first.Id} on {Environment.MachineName}", error);
        first.WaitForExit();
        Assert.Equal(0, first.ExitCode);

        Assert.Equal(ResultsOf(alone), ResultsOf(shared));
        Dictionary<string, byte[]> single = Snapshot(alone), twice = Snapshot(shared);
        Assert.Equal(single.Keys.Order(), twice.Keys.Order());
        // byte for byte but for what holds times (the log's stamps, results.json's wall time) and the folder's own name
        foreach (string file in single.Keys.Where(f => f is not ("matsim.log" or "results.json" or "resolved.yaml")))
            Assert.True(single[file].AsSpan().SequenceEqual(twice[file]), file);
        static string WithoutOutput(byte[] yaml) => string.Join("\n", System.Text.Encoding.UTF8.GetString(yaml).Split('\n').Where(l => !l.StartsWith("output:", StringComparison.Ordinal)));
        Assert.Equal(WithoutOutput(single["resolved.yaml"]), WithoutOutput(twice["resolved.yaml"]));
        string log = File.ReadAllText(Path.Combine(shared, "matsim.log"));
        Assert.Single(log.Split('\n'), l => l.Contains("job 'mc' from", StringComparison.Ordinal));
        Assert.DoesNotContain(" error ", log);
        Assert.False(File.Exists(Path.Combine(shared, "matsim.lock")));
    }

    [Fact]
    public void A_run_of_another_configuration_is_refused_before_anything_is_written_and_the_refusal_is_logged()
    {
        string folder = Repository.TemporaryDirectory("other-config");
        string config = Write(folder, SimulationJobTests.ArgonMonteCarlo(50, 100, 50));
        string output = Path.Combine(folder, "out");
        Assert.Equal(0, Matsim("run", config, "-o", output).Exit);
        Dictionary<string, byte[]> before = Snapshot(output);

        string changed = Write(folder, SimulationJobTests.ArgonMonteCarlo(50, 100, 50).Replace("seed: 11", "seed: 12"), "changed.yaml");
        var (code, _, error) = Matsim("run", changed, "-o", output);
        Assert.Equal(MatSimCommandLine.BadInput, code);
        Assert.Contains($"{changed}:2:7: the output folder {output} holds a run of another configuration (seed: '11' there, '12' here)", error);
        Dictionary<string, byte[]> after = Snapshot(output);
        foreach (var (file, bytes) in before.Where(f => f.Key != "matsim.log")) Assert.Equal(bytes, after[file]);
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        Assert.Contains("error " + changed + ":2:7: the output folder", File.ReadAllText(Path.Combine(output, "matsim.log")));

        // the same configuration again is its own run: accepted
        Assert.Equal(0, Matsim("run", config, "-o", output).Exit);
    }

    [Fact]
    public void The_lock_of_a_killed_run_is_recognised_as_stale()
    {
        string folder = Repository.TemporaryDirectory("stale");
        string config = Write(folder, SimulationJobTests.ArgonMonteCarlo(20, 40, 20));
        string output = Path.Combine(folder, "out");
        Directory.CreateDirectory(output);
        using (Process gone = Process.Start(new ProcessStartInfo("true"))!)
        {
            gone.WaitForExit();
            File.WriteAllText(Path.Combine(output, "matsim.lock"), $"pid {gone.Id}\nhost {Environment.MachineName}\nstarted 2026-01-01T00:00:00Z\n");
        }
        var (code, _, error) = Matsim("run", config, "-o", output);
        Assert.True(code == 0, error);
        Assert.False(File.Exists(Path.Combine(output, "matsim.lock")));
    }

    /// <summary>One small run of each job type that needs nothing outside the repository and shared/.</summary>
    public static TheoryData<string> Jobs => ["inspect", "mc", "md", "widom", "gcmc", "guest-data", "framework-descriptors", "nnp-train", "kernel-train", "learn", "sample", "reference-md"];

    [Theory]
    [MemberData(nameof(Jobs))]
    public void Resolved_yaml_reruns_from_any_folder_to_the_same_results(string job)
    {
        string folder = Repository.TemporaryDirectory($"resolved-{job}");
        string config = SmallRun(job, folder);
        string first = Path.Combine(folder, "first"), again = Path.Combine(Repository.TemporaryDirectory("elsewhere"), "again");
        var (code, _, error) = MatsimProcess("run", config, "-o", first);
        Assert.True(code == 0, error);
        string resolved = File.ReadAllText(Path.Combine(first, "resolved.yaml"));
        Assert.DoesNotContain(": ../", resolved);
        (code, _, error) = MatsimProcess("run", Path.Combine(first, "resolved.yaml"), "-o", again);
        Assert.True(code == 0, error);
        Assert.Equal(ResultsOf(first), ResultsOf(again));
        static string Body(string yaml) => string.Join("\n", yaml.Split('\n').Where(l => !l.StartsWith('#') && !l.StartsWith("output:", StringComparison.Ordinal)));
        Assert.Equal(Body(resolved), Body(File.ReadAllText(Path.Combine(again, "resolved.yaml"))));
    }

    /// <summary>The learn test's argon clusters labelled by hand: E = Σ 4ε[(σ/r)¹² − (σ/r)⁶], F = −∇E (ε = 120 K, σ = 3.4 Å).</summary>
    private static void WriteLennardJonesClusters(string path, string learnFolder)
    {
        const double epsilon = 120 * 8.617333262e-5, sigma = 3.4;
        var frames = ExtXyzReader.ReadFile(Path.Combine(learnFolder, "pool.extxyz")).Take(30).Select(frame =>
        {
            IReadOnlyList<Vec3> r = frame.Structure.Positions;
            double energy = 0;
            var forces = new Vec3[r.Count];
            for (int i = 0; i < r.Count; i++)
            for (int j = i + 1; j < r.Count; j++)
            {
                Vec3 d = r[i] - r[j];
                double s6 = Math.Pow(sigma * sigma / d.LengthSquared, 3);
                energy += 4 * epsilon * (s6 * s6 - s6);
                Vec3 f = d * (24 * epsilon * (2 * s6 * s6 - s6) / d.LengthSquared);
                forces[i] += f;
                forces[j] -= f;
            }
            return new ExtXyzFrame { Structure = frame.Structure, Energy = energy, Forces = forces };
        }).ToList();
        ExtXyzWriter.WriteFile(path, frames);
    }

    internal static string SmallRun(string job, string folder)
    {
        string Data(params string[] parts) => Repository.PathOf(["data", .. parts]);
        switch (job)
        {
            case "inspect":
                return Write(folder, $"job: inspect\nseed: 1\nstructure: {Data("frameworks", "IRMOF-1.cif")}\ncutoff: 12 angstrom\n");
            case "mc":
                return Write(folder, SimulationJobTests.ArgonMonteCarlo(20, 40, 20));
            case "md":
                return Write(folder, SimulationJobTests.ArgonDynamics("{type: langevin, time_constant: 1 ps}", 100, 50));
            case "gcmc":
                return Write(folder, AdsorptionCommandTests.Gcmc(pressures: "[5 bar]").Replace("production: 100", "production: 20"));
            case "widom":
                return Write(folder, AdsorptionCommandTests.Widom(10, "co2-trappe.yaml") + "\ninsertions_per_cycle: 10\n");
            case "guest-data":
                return Write(folder, LearnedHostGuestTests.GuestData(4));
            case "framework-descriptors":
                return Write(folder, $"job: framework-descriptors\nseed: 1\nframework: {{file: {Data("frameworks", "IRMOF-1.cif")}}}\nforcefield: {{file: {Data("forcefields", "dreiding-uff.yaml")}}}\ngrid_spacing: 0.5 angstrom\nsurface_points_per_atom: 50\n");
            case "nnp-train":
                return Write(folder, NnpCommandTests.Training(folder, frames: 12, hidden: 4, epochs: 2));
            case "kernel-train":
                WriteLennardJonesClusters(Path.Combine(folder, "clusters.extxyz"), LearnCommandTests.Prepare("resolved-kernel", "{mode: pool}", 6));
                File.WriteAllText(Path.Combine(folder, "argon.nn"), LearnCommandTests.Descriptors);
                return Write(folder, """
                    job: kernel-train
                    seed: 4
                    data: {files: [clusters.extxyz], test_fraction: 0.2}
                    descriptors: {from: argon.nn, length_unit: angstrom}
                    kernel: {length_scales: [4], sparse: 20}
                    """);
            case "learn":
                return Path.Combine(LearnCommandTests.Prepare("resolved-learn", "{mode: pool}", 6), "learn.yaml");
            case "reference-md":
                if (MatSim.Learning.Calculators.XtbCalculator.Locate() == null) Assert.Skip("xtb not found on PATH (Debian package xtb; .ci/run installs it)");
                return Write(folder, $"job: reference-md\nseed: 3\nreference: {{calculator: xtb, method: 2}}\nstructure: {Data("structures", "water-tetramer.xyz")}\n" +
                    "temperatures: [300 K]\ntime: 0.2 ps\ntime_step: 0.5 fs\ndump_interval: 20 fs\n");
            case "sample":
                return Write(folder, SampleCommandTests.DoubleWell
                    .Replace("example_steps: 150, energy_steps: 150", "example_steps: 10, energy_steps: 10")
                    .Replace("samples: 20000", "samples: 500").Replace("steps: 4000", "steps: 200").Replace("local_steps: 20000", "local_steps: 200"));
            default:
                throw new ArgumentException(job);
        }
    }
}
