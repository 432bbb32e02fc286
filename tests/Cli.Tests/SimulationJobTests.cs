using System.Text.Json.Nodes;
using MatSim.Cli;
using MatSim.TestSupport;
using static MatSim.Cli.Tests.CliRunner;

namespace MatSim.Cli.Tests;

/// <summary>The mc and md jobs end to end: results, every bundled configuration, and a killed run resumed.</summary>
public class SimulationJobTests
{
    private static string Molecules => Repository.PathOf("data", "molecules");

    internal static string ArgonMonteCarlo(int equilibration, int production, int checkpointEvery) => $"""
        job: mc
        seed: 11
        temperature: 107.82 K
        system:
          cell: {"{"}density: 0.019657 1/angstrom^3{"}"}
          species:
            - file: {Molecules}/argon.yaml
          fill:
            - {"{"}species: Ar, count: 256{"}"}
          lattice: fcc
        energy:
          - type: lj
            cutoff: 10.215 angstrom
            tail_correction: true
        target_acceptance: 0.4
        cycles: {"{"}equilibration: {equilibration}, production: {production}{"}"}
        blocks: 5
        pressure_every: 5
        trajectory_every: 10
        checkpoint_every: {checkpointEvery}
        reduced: {"{"}epsilon: 119.8 K, sigma: 3.405 angstrom{"}"}
        """;

    internal static string ArgonDynamics(string thermostat, int production, int checkpointEvery) => $"""
        job: md
        seed: 5
        temperature: 172.5 K
        time_step: 10 fs
        system:
          cell: {"{"}density: 0.021385 1/angstrom^3{"}"}
          species:
            - file: {Molecules}/argon.yaml
          fill:
            - {"{"}species: Ar, count: 256{"}"}
          lattice: fcc
        energy:
          - type: lj
            cutoff: 8.5125 angstrom
            cutoff_mode: force-shifted
        thermostat: {thermostat}
        steps: {"{"}equilibration: 200, production: {production}{"}"}
        sample_every: 5
        trajectory_every: 50
        checkpoint_every: {checkpointEvery}
        reduced: {"{"}epsilon: 119.8 K, sigma: 3.405 angstrom{"}"}
        """;

    private static string Write(string folder, string yaml)
    {
        string path = Path.Combine(folder, "config.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    private static JsonNode Results(string folder) => JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "results.json")))!["results"]!;

    [Fact]
    public void MonteCarloRunReportsEnergyPressureMovesAndReducedUnits()
    {
        string folder = Repository.TemporaryDirectory("mc-run");
        var (exit, _, error) = Matsim("run", Write(folder, ArgonMonteCarlo(100, 200, 100)), "-o", Path.Combine(folder, "out"));
        Assert.True(exit == 0, error);
        JsonNode r = Results(Path.Combine(folder, "out"));
        double uStar = r["reduced"]!["energy_per_molecule"]!["mean"]!.GetValue<double>();
        // NIST: U/N = −5.4689 at T* = 0.90, ρ* = 0.776 (a short run of 256 atoms: within 0.1)
        Assert.InRange(uStar, -5.57, -5.37);
        Assert.Equal(0.776, r["reduced"]!["density"]!.GetValue<double>(), 1e-4);
        Assert.Equal(0.9, r["reduced"]!["temperature"]!.GetValue<double>(), 1e-4);
        double acceptance = r["moves"]![0]!["acceptance"]!.GetValue<double>();
        Assert.InRange(acceptance, 0.3, 0.5);
        Assert.True(r["max_energy_drift_eV"]!.GetValue<double>() < 1e-8);
        Assert.NotNull(r["pressure_bar"]!["standard_error"]);
        Assert.Equal(30, File.ReadLines(Path.Combine(folder, "out", "trajectory.extxyz")).Count(l => l.StartsWith("Lattice=", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("{type: none}")]
    [InlineData("{type: langevin, time_constant: 1 ps}")]
    [InlineData("{type: csvr, time_constant: 0.5 ps}")]
    public void MolecularDynamicsRunReportsTemperatureEnergyAndPressure(string thermostat)
    {
        string folder = Repository.TemporaryDirectory("md-run");
        var (exit, _, error) = Matsim("run", Write(folder, ArgonDynamics(thermostat, 400, 1000)), "-o", Path.Combine(folder, "out"));
        Assert.True(exit == 0, error);
        JsonNode r = Results(Path.Combine(folder, "out"));
        Assert.True(r["temperature_K"]!["mean"]!.GetValue<double>() > 0);
        Assert.True(r["max_conserved_energy_deviation_eV_per_atom"]!.GetValue<double>() < 1e-3);
        if (!thermostat.Contains("none"))
            Assert.InRange(r["temperature_K"]!["mean"]!.GetValue<double>(), 150, 195);
    }

    public static TheoryData<string> BundledConfigurations =>
        new(Directory.GetFiles(Repository.PathOf("configs"), "*.yaml").Select(Path.GetFileName).OfType<string>());

    [Theory]
    [MemberData(nameof(BundledConfigurations))]
    public void EveryBundledConfigurationValidates(string file)
    {
        string path = Repository.PathOf("configs", file);
        string text = File.ReadAllText(path);
        if (text.Contains("../../shared/", StringComparison.Ordinal)) Repository.RequireShared("data");
        // a configuration that reads another one's output (e.g. training on an MD trajectory)
        string inputs = string.Join("\n", text.Split('\n').Where(line => !line.TrimStart().StartsWith("output:", StringComparison.Ordinal)));
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(inputs, @"\.\./runs/[^\]\s,#]+"))
            if (!File.Exists(Path.Combine(Repository.PathOf("configs"), m.Value)))
                Assert.Skip($"{file} reads {m.Value}, the output of another configuration; run that one first");
        if ((text.Contains("job: reference-md", StringComparison.Ordinal) || text.Contains("calculator: xtb", StringComparison.Ordinal)) &&
            MatSim.Learning.Calculators.XtbCalculator.Locate() == null)
            Assert.Skip($"{file} needs xtb, not found on PATH (Debian package xtb; .ci/run installs it)");
        var (exit, output, error) = Matsim("validate", path);
        Assert.True(exit == 0, error);
        Assert.Contains("valid", output);
    }

    [Fact]
    public void AKilledMonteCarloRunResumesAndEndsExactlyAsAnUninterruptedOne()
    {
        string folder = Repository.TemporaryDirectory("mc-resume");
        string config = Write(folder, ArgonMonteCarlo(60, 300, 20));
        string reference = Path.Combine(folder, "uninterrupted"), resumed = Path.Combine(folder, "resumed");
        Assert.Equal(0, Matsim("run", config, "-o", reference).Exit);
        KilledRun.KillWhenCheckpointed(config, resumed, Path.Combine(resumed, "checkpoint.json"), minimumStep: 100);
        var (exit, output, error) = Matsim("run", config, "-o", resumed);
        Assert.True(exit == 0, error);
        Assert.Contains("resumed from ", output);
        AssertSameRun(reference, resumed);
    }

    [Fact]
    public void AKilledDynamicsRunResumesAndEndsExactlyAsAnUninterruptedOne()
    {
        string folder = Repository.TemporaryDirectory("md-resume");
        string config = Write(folder, ArgonDynamics("{type: csvr, time_constant: 0.5 ps}", 3000, 200));
        string reference = Path.Combine(folder, "uninterrupted"), resumed = Path.Combine(folder, "resumed");
        Assert.Equal(0, Matsim("run", config, "-o", reference).Exit);
        KilledRun.KillWhenCheckpointed(config, resumed, Path.Combine(resumed, "checkpoint.json"), minimumStep: 1000);
        var (exit, output, error) = Matsim("run", config, "-o", resumed);
        Assert.True(exit == 0, error);
        Assert.Contains("resumed from ", output);
        AssertSameRun(reference, resumed);
    }

    private static void AssertSameRun(string reference, string resumed)
    {
        Assert.Equal(Results(reference).ToJsonString(), Results(resumed).ToJsonString());
        Assert.Equal(File.ReadAllBytes(Path.Combine(reference, "trajectory.extxyz")), File.ReadAllBytes(Path.Combine(resumed, "trajectory.extxyz")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(reference, "final.extxyz")), File.ReadAllBytes(Path.Combine(resumed, "final.extxyz")));
    }
}
