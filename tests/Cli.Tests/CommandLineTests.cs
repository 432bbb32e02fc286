using System.Text.Json;
using MatSim.Cli;
using MatSim.Simulation.IO.ExtXyz;
using MatSim.TestSupport;
using static MatSim.Cli.Tests.CliRunner;

namespace MatSim.Cli.Tests;

/// <summary>The `matsim` command end to end, in process, on the bundled configurations.</summary>
public class CommandLineTests
{
    private static string WriteConfig(string folder, string yaml)
    {
        string path = Path.Combine(folder, "config.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    private static void AssertIsotherm(string output, int points, bool equilibrated)
    {
        using JsonDocument results = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "results.json")));
        JsonElement r = results.RootElement.GetProperty("results");
        Assert.Equal("IRMOF-1", r.GetProperty("framework").GetString());
        Assert.Equal(points, r.GetProperty("state_points").GetArrayLength());
        double[] loadings = r.GetProperty("state_points").EnumerateArray()
            .Select(p => p.GetProperty("components")[0].GetProperty("absolute").GetProperty("mol_per_kg").GetProperty("mean").GetDouble()).ToArray();
        Assert.True(loadings[^1] > loadings[0], "more is adsorbed at 30 bar than at 1 bar");
        if (equilibrated)
            for (int i = 1; i < loadings.Length; i++) Assert.True(loadings[i] > loadings[i - 1], "the isotherm rises with pressure");
        Assert.Equal(points + 1, File.ReadAllLines(Path.Combine(output, "isotherm.csv")).Length);
        Assert.True(new FileInfo(Path.Combine(output, "isotherm.png")).Length > 1000);
        Assert.Contains("pressures:", File.ReadAllText(Path.Combine(output, "resolved.yaml")));
        Assert.Contains("job 'gcmc'", File.ReadAllText(Path.Combine(output, "matsim.log")));
        Assert.Empty(Directory.GetFiles(output, "*.tmp"));
    }

    [Fact]
    public void QuickstartConfigurationRunsShortened()
    {
        // the README's main job with fewer cycles (the full run is the Long test below)
        string folder = Repository.TemporaryDirectory("quickstart-short");
        string yaml = File.ReadAllText(Repository.PathOf("configs", "quickstart.yaml"))
            .Replace("../data/", Repository.PathOf("data") + "/")
            .Replace("cycles: {initialization: 300, production: 700}", "cycles: {initialization: 20, production: 50}")
            .Replace("void_fraction_cycles: 500", "void_fraction_cycles: 50");
        string config = WriteConfig(folder, yaml);
        var (exit, _, stderr) = Matsim("run", config, "--output", Path.Combine(folder, "out"));
        Assert.True(exit == 0, stderr);
        AssertIsotherm(Path.Combine(folder, "out"), 5, equilibrated: false);
    }

    [Fact]
    [Trait("Category", "Long")]
    public void QuickstartRunsAsTheReadmeSays()
    {
        string output = Repository.TemporaryDirectory("quickstart");
        var (exit, _, stderr) = Matsim("run", Repository.PathOf("configs", "quickstart.yaml"), "--output", output);
        Assert.True(exit == 0, stderr);
        AssertIsotherm(output, 5, equilibrated: true);
    }

    [Fact]
    public void InspectWritesTheP1StructureAndItsReport()
    {
        string folder = Repository.TemporaryDirectory("inspect");
        string config = WriteConfig(folder, $"job: inspect\nstructure: {Repository.PathOf("data", "frameworks", "IRMOF-1.cif")}\nseed: 1\n");
        string output = Path.Combine(folder, "out");
        var (exit, stdout, stderr) = Matsim("run", config, "--output", output);
        Assert.True(exit == 0, stderr);
        Assert.Contains("424 atoms", stdout);
        using JsonDocument results = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "results.json")));
        JsonElement r = results.RootElement.GetProperty("results");
        Assert.Equal("C192H96O104Zn32", r.GetProperty("formula").GetString());
        Assert.Equal(0.5933, r.GetProperty("density_g_per_cm3").GetDouble(), 1e-4);
        Assert.Equal(1UL, results.RootElement.GetProperty("seed").GetUInt64());
        Assert.Contains("cutoff: 12.8 angstrom", File.ReadAllText(Path.Combine(output, "resolved.yaml")));
        Assert.Equal(424, Assert.Single(ExtXyzReader.ReadFile(Path.Combine(output, "structure.extxyz"))).Structure.Count);
    }

    [Fact]
    public void ValidateChecksWithoutRunning()
    {
        string output = Repository.TemporaryDirectory("validate");
        string config = WriteConfig(output, $"job: inspect\nstructure: {Repository.PathOf("data", "frameworks", "IRMOF-1.cif")}\noutput: out\n");
        var (exit, stdout, stderr) = Matsim("validate", config);
        Assert.True(exit == 0, stderr);
        Assert.Contains("valid 'inspect' job", stdout);
        Assert.False(Directory.Exists(Path.Combine(output, "out")));
    }

    [Theory]
    [InlineData("job: inspect\nstructure: missing.cif\n", "config.yaml:2:12: structure: file 'missing.cif' not found")]
    [InlineData("job: inspekt\n", "config.yaml:1:6: job: unknown job 'inspekt'; known jobs: framework-descriptors, gcmc, guest-data, inspect, kernel-train, learn, mc, md, nnp-train, reference-md, sample, widom")]
    [InlineData("job: inspect\ncutof: 12 angstrom\nstructure: STRUCTURE\n", "config.yaml:2:1: unknown key 'cutof' (did you mean 'cutoff'?)")]
    [InlineData("job: inspect\ncutoff: 12\nstructure: STRUCTURE\n", "config.yaml:2:9: cutoff: '12' has no unit")]
    [InlineData("job: inspect\ncutoff: -3 angstrom\nstructure: STRUCTURE\n", "cutoff: must be positive")]
    [InlineData("structure: STRUCTURE\n", "missing key 'job'")]
    [InlineData("job: inspect\nseed: -4\nstructure: STRUCTURE\n", "seed: '-4' is not a non-negative whole number")]
    public void BadConfigurationsGetOneClearMessageAndExitCode2(string yaml, string expected)
    {
        string folder = Repository.TemporaryDirectory("bad-config");
        string config = WriteConfig(folder, yaml.Replace("STRUCTURE", Repository.PathOf("data", "frameworks", "IRMOF-1.cif")));
        foreach (string command in new[] { "run", "validate" })
        {
            var (exit, _, stderr) = Matsim(command, config, "--output", Path.Combine(folder, "out"));
            Assert.Equal(MatSimCommandLine.BadInput, exit);
            Assert.Contains(expected, stderr);
            Assert.DoesNotContain("   at ", stderr);   // no stack trace
        }
    }

    [Fact]
    public void BadStructureFilesAreReportedWithTheirLine()
    {
        string folder = Repository.TemporaryDirectory("bad-structure");
        string cif = Path.Combine(folder, "broken.cif");
        File.WriteAllText(cif, "data_x\n_cell_length_a 10\n_cell_length_b ten\n_cell_length_c 10\n" +
            "_cell_angle_alpha 90\n_cell_angle_beta 90\n_cell_angle_gamma 90\nloop_\n_atom_site_label\n" +
            "_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\nAr1 0 0 0\n");
        string config = WriteConfig(folder, $"job: inspect\nstructure: broken.cif\n");
        var (exit, _, stderr) = Matsim("validate", config);
        Assert.Equal(MatSimCommandLine.BadInput, exit);
        Assert.Contains("broken.cif:3: _cell_length_b 'ten' is not a number", stderr);
    }

    [Fact]
    public void MissingConfigurationFileIsNamed()
    {
        var (exit, _, stderr) = Matsim("run", "no-such-config.yaml");
        Assert.Equal(MatSimCommandLine.BadInput, exit);
        Assert.Contains("no-such-config.yaml: configuration file not found", stderr);
    }

    [Fact]
    public void HelpVersionAndInfoWork()
    {
        var (exit, stdout, _) = Matsim("--help");
        Assert.Equal(0, exit);
        Assert.Contains("run <config>", stdout);
        Assert.Contains("validate <config>", stdout);
        Assert.Contains("inspect", Matsim("run", "--help").Output);

        (exit, stdout, _) = Matsim("--version");
        Assert.Equal(0, exit);
        Assert.StartsWith("0.", stdout.Trim());

        (exit, stdout, _) = Matsim("info");
        Assert.True(exit == 0, stdout);
        Assert.Contains("TorchSharp", stdout);
        Assert.Contains("length Å", stdout);
    }
}
