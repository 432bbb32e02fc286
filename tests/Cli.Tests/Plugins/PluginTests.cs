using System.Reflection;
using System.Reflection.Emit;
using System.Text.Json.Nodes;
using MatSim.Conformance;
using MatSim.Simulation.Chemistry;
using MatSim.Simulation.Config;
using MatSim.Simulation.Energy;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.Plugins;
using MatSim.Simulation.Random;
using MatSim.Simulation.Structures;
using MatSim.Simulation.Systems;
using MatSim.TestSupport;
using static MatSim.Cli.Tests.CliRunner;

namespace MatSim.Cli.Tests.Plugins;

/// <summary>
/// A third-party plug-in (examples/AcmePlugin, loaded from its own build folder into its own load
/// context): listed, named from YAML with strict options, run in an MC job, passing the
/// conformance kit; broken plug-ins refused with the reason.
/// </summary>
public class PluginTests
{
    private static string Molecules => Repository.PathOf("data", "molecules");

    private static string MorseArgon(string plugin, string morseOptions = "depth: 0.0104 eV, alpha: 1.3 1/angstrom, r0: 3.82 angstrom, cutoff: 8 angstrom") => $$"""
        job: mc
        seed: 3
        plugins: [{{plugin}}]
        temperature: 120 K
        system:
          cell: {density: 0.015 1/angstrom^3}
          species:
            - file: {{Molecules}}/argon.yaml
          fill:
            - {species: Ar, count: 108}
          lattice: fcc
        energy:
          - {type: acme/morse, {{morseOptions}}}
        moves:
          translation: {weight: 1, step: 0.5 angstrom}
          acme/jump: {weight: 0.3}
        cycles: {equilibration: 20, production: 60}
        blocks: 3
        """;

    private static string WriteConfig(string text)
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory("matsim-plugin").FullName, "config.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void ThePluginsComponentsAreListedWithKindAssemblyAndOptions()
    {
        var (exit, output, error) = Matsim("plugins", "list", "--json", "--plugin", AcmePluginFile.Path);

        Assert.True(exit == 0, error);
        JsonArray components = JsonNode.Parse(output)!["components"]!.AsArray();
        JsonNode morse = components.Single(c => (string)c!["name"]! == "acme/morse")!;
        Assert.Equal("EnergyModel", (string)morse["kind"]!);
        Assert.Equal("Acme.MatSim.Plugin", (string)morse["assembly"]!);
        JsonNode depth = morse["options"]!.AsArray().Single(o => (string)o!["name"]! == "depth")!;
        Assert.Equal("eV", (string)depth["unit"]!);
        Assert.Null(depth["default"]);
        Assert.Equal("MonteCarloMove", (string)components.Single(c => (string)c!["name"]! == "acme/jump")!["kind"]!);
        Assert.Contains(components, c => (string)c!["name"]! == "lj" && (string)c["assembly"]! == "MatSim.Potentials");
        Assert.Contains(components, c => (string)c!["name"]! == "framework-field" && (string)c["assembly"]! == "MatSim.Adsorption");
        foreach (string kind in new[] { "Sampler", "ReferenceCalculator", "StructureFormat", "Executor" })
            Assert.Contains(components, c => (string)c!["kind"]! == kind);
    }

    [Fact]
    public void AConfigurationNamesThePluginsModelAndMoveAndRuns()
    {
        string config = WriteConfig(MorseArgon(AcmePluginFile.Path));
        string output = Path.Combine(Path.GetDirectoryName(config)!, "run");

        var (exit, _, error) = Matsim("run", config, "-o", output);

        Assert.True(exit == 0, error);
        JsonNode results = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "results.json")))!["results"]!;
        JsonNode jump = results["moves"]!.AsArray().Single(m => (string)m!["move"]! == "acme/jump")!;
        Assert.True((long)jump["attempts"]! > 500, jump.ToJsonString());
        Assert.True((long)jump["accepted"]! > 0, "the uniform jump was never accepted in a dilute gas");
        Assert.True((double)results["energy_per_molecule"]!["eV"]!["mean"]! < 0);
    }

    [Theory]
    [InlineData("depth: 0.0104 eV, alpha: 1.3 1/angstrom, r0: 3.82 angstrom, cutoff: 8 angstrom, shift: false", "unknown key 'energy[0].shift' (did you mean 'shifted'?)")]
    [InlineData("depht: 0.0104 eV, alpha: 1.3 1/angstrom, r0: 3.82 angstrom, cutoff: 8 angstrom", "unknown key 'energy[0].depht' (did you mean 'depth'?)")]
    [InlineData("depth: 0.0104 angstrom, alpha: 1.3 1/angstrom, r0: 3.82 angstrom, cutoff: 8 angstrom", "depth")]
    [InlineData("depth: 0.0104 eV, alpha: 1.3 1/angstrom, r0: 3.82 angstrom", "missing key 'cutoff'")]
    public void PluginOptionsAreBoundAsStrictlyAsBuiltIns(string options, string expected)
    {
        string config = WriteConfig(MorseArgon(AcmePluginFile.Path, options));

        var (exit, _, error) = Matsim("validate", config);

        Assert.Equal(MatSimCommandLine.BadInput, exit);
        Assert.Contains(expected, error);
        Assert.Matches(@"config\.yaml:1[0-9]:\d+", error);
    }

    [Fact]
    public void AFailedPluginStopsOnlyTheRunsThatNeedIt()
    {
        string folder = Directory.CreateTempSubdirectory("matsim-plugin").FullName;
        string broken = Path.Combine(folder, "Broken.dll");
        File.WriteAllText(broken, "not an assembly");
        string needed = WriteConfig(MorseArgon(broken));
        string notNeeded = WriteConfig(MorseArgon(broken).Replace("{type: acme/morse, depth: 0.0104 eV, alpha: 1.3 1/angstrom, r0: 3.82 angstrom, cutoff: 8 angstrom}",
            "{type: lj, cutoff: 8 angstrom}").Replace("acme/jump: {weight: 0.3}", "rotation: {weight: 0.1}"));

        // Its own process: this one's registry may hold the working plug-in from other tests.
        var (exitNeeded, _, errorNeeded) = MatsimProcess("validate", needed);
        var (exitNotNeeded, _, errorNotNeeded) = Matsim("run", notNeeded, "-o", Path.Combine(folder, "run"));

        Assert.Equal(MatSimCommandLine.BadInput, exitNeeded);
        Assert.Contains("unknown energy model 'acme/morse'", errorNeeded);
        Assert.Contains($"{broken}: not a .NET assembly", errorNeeded);
        Assert.True(exitNotNeeded == 0, errorNotNeeded);
        Assert.Contains($"plug-in {broken} not loaded: not a .NET assembly", File.ReadAllText(Path.Combine(folder, "run", "matsim.log")));
    }

    [Fact]
    public void APluginBuiltForAnotherApiVersionIsRefusedWithTheReason()
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory("matsim-plugin").FullName, "Old.Plugin.dll");
        var builder = new PersistedAssemblyBuilder(new AssemblyName("Old.Plugin"), typeof(object).Assembly);
        builder.SetCustomAttribute(new CustomAttributeBuilder(typeof(MatSimPluginAttribute).GetConstructor([typeof(int)])!, [PluginApi.Version + 98]));
        builder.DefineDynamicModule("Old.Plugin");
        builder.Save(path);
        var registry = new ComponentRegistry();

        Assert.False(registry.TryLoadPlugin(path));

        string reason = Assert.Single(registry.Failures).Reason;
        Assert.Contains($"built for MatSim plug-in API {PluginApi.Version + 98}", reason);
        Assert.Contains($"this MatSim speaks API {PluginApi.Version}", reason);
    }

    [Fact]
    public void AnAssemblyThatIsNoPluginIsRefusedWithTheReason()
    {
        var registry = new ComponentRegistry();

        Assert.False(registry.TryLoadPlugin(Path.Combine(AppContext.BaseDirectory, "MatSim.TestSupport.dll")));

        Assert.Contains("is not marked as a MatSim plug-in", Assert.Single(registry.Failures).Reason);
    }

    [Fact]
    public void TheMorsePluginPassesTheConformanceKitThroughThePluginBoundary()
    {
        IEnergyModel morse = MorseThroughThePlugin("depth: 0.3 eV, alpha: 2.5 1/angstrom, r0: 3.1 angstrom, cutoff: 6 angstrom");

        EnergyConformance.ForcesAreMinusTheGradient(morse, Gas(1), sampledAtoms: 8, tolerance: 1e-6);
        EnergyConformance.VirialIsMinusTheStrainDerivative(morse, Gas(2), tolerance: 1e-5);
        EnergyConformance.InvariantToTranslation(morse, Gas(3), new Vec3(4.1, -9.3, 17.7), 1e-9);
        EnergyConformance.InvariantToRotation(morse, Gas(4), new Rng(4).NextRotation(), 1e-9);
        EnergyConformance.InvariantToPermutation(morse, Gas(5), seed: 5, 1e-9);
        EnergyConformance.ExtensiveUnderReplication(morse, Gas(6), new Replication(2, 1, 2), 1e-10);
        EnergyConformance.IncrementalEqualsFull(morse, Gas(7), moves: 500, relativeTolerance: 1e-10);
        EnergyConformance.SmoothAcrossTheCutoff(morse, Gas(8), molecule: 5, new Vec3(0, 0, 1), pathLength: 1.2, steps: 300, tolerance: 1e-5);
        EnergyConformance.ThreadSafe(morse, Gas(9), threads: 4, repeats: 3);
    }

    [Fact]
    public void TheMorsePluginMatchesAHandCalculationForOnePair()
    {
        IEnergyModel morse = MorseThroughThePlugin("depth: 0.3 eV, alpha: 1.4 1/angstrom, r0: 3.1 angstrom, cutoff: 8 angstrom");
        var atom = new AtomType("X", Elements.FromSymbol("Ar"), 39.948);
        var pair = new ParticleSystem(Cell.Cubic(20), [atom], [Species.Atom(atom)]);
        pair.AddMolecule(0, [new Vec3(1, 2, 3)]);
        pair.AddMolecule(0, [new Vec3(1, 2, 3) + 3.7 * new Vec3(0.6, 0, 0.8)]);

        EnergyEvaluation e = morse.Bind(pair).Evaluate(pair, EnergyRequest.Forces);

        // By hand (D = 0.3 eV, α = 1.4/Å, r0 = 3.1 Å, r = 3.7 Å, shifted at 8 Å):
        // E = D[(1 − e^{−α(r−r0)})² − 1] − D[(1 − e^{−α(rc−r0)})² − 1] = −0.2024851029521796 eV,
        // |F| = 2Dα e^{−α(r−r0)} (1 − e^{−α(r−r0)}) = 0.2060826998073226 eV/Å, attractive at r > r0.
        Assert.Equal(-0.2024851029521796, e.Energy, 1e-13);
        Vec3 towardsSecond = new(0.6, 0, 0.8);
        Assert.Equal(0.2060826998073226, e.Forces[0].Dot(towardsSecond), 1e-13);
        Assert.Equal(-0.2060826998073226, e.Forces[1].Dot(towardsSecond), 1e-13);
    }

    /// <summary>`acme/morse` built by name from YAML by a fresh registry that loaded the plug-in from its folder.</summary>
    private static IEnergyModel MorseThroughThePlugin(string options)
    {
        var registry = new ComponentRegistry();
        Assert.True(registry.TryLoadPlugin(AcmePluginFile.Path), string.Join("; ", registry.Failures));
        ConfigMap root = ConfigDocument.Parse($"energy: [{{type: acme/morse, {options}}}]", "inline", Path.GetTempPath());
        return registry.EnergyModels.Build(root.Required("energy", "models"), ModelContext.Empty);
    }

    /// <summary>48 atoms on a jittered lattice in a triclinic cell (no overlaps).</summary>
    private static ParticleSystem Gas(ulong seed)
    {
        var atom = new AtomType("X", Elements.FromSymbol("Ar"), 39.948);
        Cell cell = Cell.FromParameters(14, 14.5, 13.8, 86, 95, 92);
        var system = new ParticleSystem(cell, [atom], [Species.Atom(atom)]);
        var rng = new Rng(seed);
        for (int i = 0; i < 4; i++)
        for (int j = 0; j < 4; j++)
        for (int k = 0; k < 3; k++)
        {
            Vec3 site = cell.ToCartesian(new Vec3((i + 0.5) / 4, (j + 0.5) / 4, (k + 0.5) / 3));
            system.AddMolecule(0, [site + 0.4 * rng.NextUnitVector()]);
        }
        return system;
    }
}
