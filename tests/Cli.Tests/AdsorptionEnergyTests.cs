using System.Reflection;
using MatSim.Adsorption;
using MatSim.Potentials;
using MatSim.Simulation;
using MatSim.Cli.Tests.Plugins;
using MatSim.Simulation.Energy;
using MatSim.Simulation.Jobs;
using MatSim.Simulation.Plugins;
using MatSim.TestSupport;
using static MatSim.Cli.Tests.CliRunner;

namespace MatSim.Cli.Tests;

/// <summary>
/// gcmc and widom take their energy and moves from the registry: an `energy:` list written out equal to the force
/// field's default gives the same numbers to the bit, a plug-in model takes part in an isotherm exactly as the same
/// model registered by the host does, terms can be restricted to framework–guest or guest–guest, and a plug-in
/// move can be named in a component.
/// </summary>
public class AdsorptionEnergyTests
{
    private static string Data(params string[] parts) => Repository.PathOf(["data", .. parts]);

    private static string Run(string yaml)
    {
        string folder = Repository.TemporaryDirectory("adsorption-energy");
        string config = Path.Combine(folder, "config.yaml");
        File.WriteAllText(config, yaml);
        string output = Path.Combine(folder, "run");
        var (exit, _, error) = Matsim("run", config, "-o", output);
        Assert.True(exit == 0, error);
        return output;
    }

    private static string Grid(string folder) => $"{{spacing: 0.4 angstrom, cache: {folder}}}";

    public static TheoryData<string, string, string> Defaults => new()
    {
        // direct sums: Lennard-Jones over framework and guest atoms, uncharged
        { AdsorptionCommandTests.Gcmc(), "", "[{type: lj}]" },
        // tabulated framework, charged guests: the grid plus the guests' own Lennard-Jones and Ewald
        { CarbonDioxide(), "grid: GRID", "[{type: framework-field}, {type: lj}, {type: ewald}]" },
    };

    private static string CarbonDioxide() => AdsorptionCommandTests.Gcmc()
        .Replace("ch4-trappe.yaml", "co2-trappe.yaml", StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(Defaults))]
    public void AnEnergyListEqualToTheDefaultGivesTheSameIsothermToTheBit(string config, string grid, string list)
    {
        string cache = Repository.TemporaryDirectory("grids");
        string gridLine = grid.Replace("GRID", Grid(cache), StringComparison.Ordinal);
        string byDefault = Run($"{config}\n{gridLine}");
        string written = Run($"{config}\n{gridLine}\nenergy: {list}");

        Assert.Equal(RunResults.Physics(byDefault), RunResults.Physics(written));
        string resolved = File.ReadAllText(Path.Combine(byDefault, "resolved.yaml"));
        foreach (string type in list.Split("type: ").Skip(1).Select(t => t[..t.IndexOf('}')]))
            Assert.Contains($"type: {type}", resolved);
    }

    [Fact]
    public void ScopedTermsGiveTheIsothermOfTheWholeModelWithinTheErrorBars()
    {
        string config = AdsorptionCommandTests.Gcmc().Replace("production: 100", "production: 400", StringComparison.Ordinal);
        string whole = Run(config);
        string scoped = Run($"{config}\nenergy: [{{type: lj, acts_on: host-guest}}, {{type: lj, acts_on: guest-guest}}]");

        foreach (int p in new[] { 0, 1 })
        {
            (double mean, double se) Loading(string folder)
            {
                var point = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "results.json")))!["results"]!["state_points"]![p]!;
                var n = point["components"]![0]!["absolute"]!["molecules_per_cell"]!;
                return ((double)n["mean"]!, (double)n["standard_error"]!);
            }
            var (a, sa) = Loading(whole);
            var (b, sb) = Loading(scoped);
            Assert.True(Math.Abs(a - b) <= 3 * Math.Sqrt(sa * sa + sb * sb) + 1e-12, $"state point {p}: {a} ± {sa} whole, {b} ± {sb} scoped");
        }
        Assert.Contains("lj[host-guest]", File.ReadAllText(Path.Combine(scoped, "results.json")));
    }

    [Fact]
    public void APlugInMoveNamedInAComponentTakesPartInGcmc()
    {
        string config = AdsorptionCommandTests.Gcmc().Replace($"molecule: {Data("molecules", "ch4-trappe.yaml")}",
            $"molecule: {Data("molecules", "ch4-trappe.yaml")}\n    moves: {{translation: 0.5, swap: 1, acme/jump: {{weight: 0.5}}}}", StringComparison.Ordinal);
        string run = Run($"{config}\nplugins: [{AcmePluginFile.Path}]");

        var moves = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(run, "results.json")))!["results"]!["state_points"]![1]!["moves"]!.AsArray();
        var jump = moves.Single(m => (string)m!["move"]! == "acme/jump")!;
        Assert.True((long)jump["attempts"]! > 100 && (long)jump["accepted"]! > 0, jump.ToJsonString());
        Assert.Contains(moves, m => (string)m!["move"]! == "reinsertion");   // the defaults the component left alone stay
    }

    private static string ArgonWithMorse(string cache, string plugins) => $$"""
        job: gcmc
        seed: 5
        {{plugins}}
        temperature: 87 K
        framework: {file: {{Data("frameworks", "IRMOF-1.cif")}}, charges: none}
        forcefield: {file: {{Data("forcefields", "dreiding-uff.yaml")}}}
        cutoff: 12.8 angstrom
        components:
          - molecule: {{Data("molecules", "argon.yaml")}}
        pressures: [0.5 bar, 2 bar, 10 bar]
        void_fraction: 0.8
        cycles: {initialization: 30, production: 60}
        blocks: 3
        energy:
          - {type: framework-field, spacing: 0.4 angstrom, cache: {{cache}}}
          - {type: acme/morse, depth: 0.0104 eV, alpha: 1.3 1/angstrom, r0: 3.82 angstrom, cutoff: 8 angstrom}
        """;

    [Fact]
    public void APlugInGuestGuestModelGivesTheIsothermOfTheSameModelCompiledIn()
    {
        string cache = Repository.TemporaryDirectory("grids");
        string asPlugIn = Run(ArgonWithMorse(cache, $"plugins: [{AcmePluginFile.Path}]"));

        // the same factory registered by the host, as a built-in model is: no plug-in loader, no load context of its own
        var registry = new ComponentRegistry();
        foreach (IMatSimPlugin module in new IMatSimPlugin[] { new SimulationModule(), new PotentialsModule(), new AdsorptionModule() })
            module.Register(registry);
        Assembly acme = Assembly.LoadFrom(AcmePluginFile.Path);
        registry.Register((IEnergyModelFactory)Activator.CreateInstance(acme.GetType("Acme.MatSim.Plugin.MorseFactory", throwOnError: true)!)!);
        string folder = Repository.TemporaryDirectory("compiled-in");
        string config = Path.Combine(folder, "config.yaml");
        File.WriteAllText(config, ArgonWithMorse(cache, ""));
        var runner = new JobRunner(registry.Jobs, registry);
        runner.Run(runner.Prepare(config, Path.Combine(folder, "run")), TextWriter.Null, TestContext.Current.CancellationToken);

        Assert.Equal(RunResults.Physics(asPlugIn), RunResults.Physics(Path.Combine(folder, "run")));
        Assert.Contains("acme/morse", File.ReadAllText(Path.Combine(asPlugIn, "results.json")));
    }
}
