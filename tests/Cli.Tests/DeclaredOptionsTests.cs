using MatSim.Simulation.Config;
using MatSim.Simulation.Jobs;
using MatSim.Simulation.Plugins;
using MatSim.TestSupport;

namespace MatSim.Cli.Tests;

/// <summary>
/// One declaration per component: the readers may read only declared keys (enforced as they read, so every
/// configuration the suite binds checks it), every declared key of a job is read by it, built-in components declare
/// their options, and docs/keys.md is what the declarations say.
/// </summary>
public class DeclaredOptionsTests
{
    [Fact]
    public void TheKeyReferenceInDocsIsGeneratedFromTheDeclarations()
    {
        string expected = KeyReference.Markdown(JobCatalog.BuiltIn());   // the shared catalogue may hold test plug-ins
        string written = File.ReadAllText(Repository.PathOf("docs", "keys.md"));
        Assert.True(expected == written, "docs/keys.md is out of date: run `matsim plugins list --markdown > docs/keys.md`");
    }

    [Fact]
    public void EveryJobDeclaresItsKeys()
    {
        List<string> silent = JobCatalog.BuiltIn().Jobs.Where(j => j.Options.Count == 0).Select(j => j.Name).ToList();
        Assert.True(silent.Count == 0, $"declare the keys of: {string.Join(", ", silent)}");
    }

    [Fact]
    public void EveryBuiltInEnergyModelAndMoveDeclaresItsOptions()
    {
        List<string> silent = JobCatalog.Components.Components
            .Where(c => c.Kind is ComponentKind.EnergyModel or ComponentKind.MonteCarloMove && c.Assembly.StartsWith("MatSim.", StringComparison.Ordinal))
            .Where(c => c.Options.Count == 0).Select(c => c.Name).ToList();
        Assert.True(silent.Count == 0, $"declare the options of: {string.Join(", ", silent)}");
    }

    private static string Grid => $"grid: {{spacing: 0.4 angstrom, cache: {Repository.TemporaryDirectory("grids")}}}";

    /// <summary>Configuration files that between them take every branch of a job's reader (bundled ones first).</summary>
    private static IEnumerable<string> ConfigurationsOf(string job) => job switch
    {
        "gcmc" =>
        [
            Repository.PathOf("configs", "quickstart.yaml"),
            Written(AdsorptionCommandTests.Gcmc(pressures: "1 bar").Replace("pressures:", "pressure:", StringComparison.Ordinal)),
            Written(AdsorptionCommandTests.Gcmc($"{Grid}\nenergy: [{{type: framework-field}}, {{type: lj, acts_on: guest-guest}}]")),
        ],
        "widom" =>
        [
            Repository.PathOf("configs", "widom-irmof1.yaml"),
            Written(AdsorptionCommandTests.Widom(20, "ch4-trappe.yaml") + $"\n{Grid}\nenergy: [{{type: framework-field}}, {{type: lj, acts_on: guest-guest}}]"),
        ],
        "mc" =>
        [
            Repository.PathOf("configs", "lj-nvt-mc.yaml"),
            Written(SimulationJobTests.ArgonMonteCarlo(10, 20, 10)),
            .. SystemBranches.Select(Written),
        ],
        "md" =>
        [
            Repository.PathOf("configs", "lj-nve-md.yaml"),
            Written(SimulationJobTests.ArgonDynamics("{type: langevin, time_constant: 1000 fs}", 100, 50)),
            .. SystemBranches.Select(AsDynamics).Select(Written),
        ],
        "guest-data" =>
        [
            RunFolderTests.SmallRun(job, Repository.TemporaryDirectory("declared-guest-data")),
            Written(LearnedHostGuestTests.GuestData(4) + "\nenergy: [{type: lj, acts_on: all}]\n"),
        ],
        "inspect" =>
        [
            Written($"job: inspect\nstructure: {Repository.PathOf("data", "frameworks", "MFI.cif")}\nframe: 0\ncutoff: 12 angstrom\n"),
        ],
        "nnp-train" => Varied(job, ("data: {files:", "data: {units: {length: angstrom, energy: eV}, files:")),
        "kernel-train" => Varied(job, ("kernel: {length_scales: [4]", "kernel: {type: polynomial, exponents: [2]")),
        "learn" => Varied(job,
            ("sampling: {mode: pool}", "sampling: {mode: md, temperature: 100 K, walkers: 1, steps: 10, time_step: 1 fs, interval: 5, stop_factor: 20}"),
            ("calculator: model", "calculator: xtb\n  executable: /usr/bin/env\n  method: 1\n  charge: 0\n  unpaired_electrons: 0"),
            ("  energy:\n    - type: lj\n      cutoff: 9 angstrom\n      atom_types: {Ar: {epsilon: 120 K, sigma: 3.4 angstrom}}\n", ""),
            ("kernel: {length_scales: [2, 8],", "kernel: {type: polynomial, exponents: [2],")),
        "sample" => [RunFolderTests.SmallRun(job, Repository.TemporaryDirectory("declared-sample")), ArgonCluster()],
        _ => [RunFolderTests.SmallRun(job, Repository.TemporaryDirectory($"declared-{job}"))],
    };

    /// <summary>The job's small run, and one file more with all the replacements made (beside it, so relative paths hold).</summary>
    private static string[] Varied(string job, params (string From, string To)[] replacements)
    {
        string path = RunFolderTests.SmallRun(job, Repository.TemporaryDirectory($"declared-{job}"));
        string text = File.ReadAllText(path);
        foreach (var (from, to) in replacements)
        {
            Assert.Contains(from, text);
            text = text.Replace(from, to, StringComparison.Ordinal);
        }
        string varied = Path.Combine(Path.GetDirectoryName(path)!, "varied.yaml");
        File.WriteAllText(varied, text);
        return [path, varied];
    }

    private static string ArgonCluster()
    {
        string folder = Repository.TemporaryDirectory("declared-sample-argon");
        File.WriteAllText(Path.Combine(folder, "ar3.xyz"), "3\nProperties=species:S:1:pos:R:3\nAr 0 0 0\nAr 3.8 0 0\nAr 1.9 3.3 0\n");
        string path = Path.Combine(folder, "config.yaml");
        File.WriteAllText(path, """
            job: sample
            target:
              system: {structure: ar3.xyz}
              energy: [{type: lj, cutoff: 12 angstrom, atom_types: {Ar: {epsilon: 119.8 K, sigma: 3.405 angstrom}}}]
              temperature: 40 K
            reference: {chains: 2, samples: 30, stride: 10, equilibration: 30, step: 0.2 angstrom}
            flow: {coupling: spline, layers: 2, hidden: 8, depth: 1, bins: 4, bound: 4}
            training: {example_steps: 6, energy_steps: 3, batch: 8}
            pair_distances: {range: 8 angstrom, bins: 40}
            """);
        return path;
    }

    /// <summary>mc configurations that between them take every branch of the `system:` reader.</summary>
    private static string[] SystemBranches =>
    [
            $"""
                job: mc
                temperature: 300 K
                system:
                  cell:
                    lengths: [20 angstrom, 20 angstrom, 20 angstrom]
                    angles: [90 deg, 90 deg, 90 deg]
                  species:
                    - name: X
                      atom: {AtomX}
                  fill: [{FillX}]
                energy:
                  - type: lj
                    cutoff: 8 angstrom
                    atom_types:
                      X: {LennardJonesX}
                moves:
                  translation: {Weight}
                  reinsertion: {Weight}
                cycles: {Cycles}
                adapt_every: 5
                blocks: 2
                """,
            $"""
                job: mc
                temperature: 300 K
                system:
                  structure: {Repository.PathOf("data", "frameworks", "MFI.cif")}
                  frame: 0
                energy:
                  - type: lj
                    cutoff: 6 angstrom
                    atom_types:
                      Si: {LennardJonesX}
                      O: {LennardJonesX}
                cycles: {Cycles}
                """,
            $"""
                job: mc
                temperature: 300 K
                system:
                  cell: {CubicCell}
                  species:
                    - file: {Repository.PathOf("data", "molecules", "argon.yaml")}
                  fill: [{FillAr}]
                energy:
                  - type: lj
                    cutoff: 8 angstrom
                cycles: {Cycles}
                """,
    ];

    /// <summary>The same system as an md run (molecular dynamics keys for the Monte Carlo ones).</summary>
    private static string AsDynamics(string mc) => string.Join("\n", mc.Split('\n')
        .Where(line => !line.StartsWith("moves:", StringComparison.Ordinal) && !line.StartsWith("  translation:", StringComparison.Ordinal)
            && !line.StartsWith("  reinsertion:", StringComparison.Ordinal) && !line.StartsWith("adapt_every:", StringComparison.Ordinal))
        .Select(line => line switch
        {
            "job: mc" => "job: md\ntime_step: 2 fs",
            _ when line.StartsWith("cycles:", StringComparison.Ordinal) => "steps: {equilibration: 10, production: 20}\nsample_every: 1",
            _ => line,
        }));

    // flow mappings of the configurations above, kept out of the interpolated strings
    private const string AtomX = "{element: Ar, type: X, mass: 40 u, charge: 0 e}", FillX = "{species: X, count: 10}",
        LennardJonesX = "{epsilon: 100 K, sigma: 3.4 angstrom}", Weight = "{weight: 1}", Cycles = "{equilibration: 10, production: 20}",
        CubicCell = "{cubic: 20 angstrom}", FillAr = "{species: Ar, count: 5}";

    private static string Written(string yaml)
    {
        string path = Path.Combine(Repository.TemporaryDirectory("declared"), "config.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    public static TheoryData<string> DeclaredJobs => new(JobCatalog.All.Where(j => j.Options.Count > 0).Select(j => j.Name));

    [Theory]
    [MemberData(nameof(DeclaredJobs))]
    public void EveryDeclaredKeyOfAJobIsReadByIt(string job)
    {
        var runner = new JobRunner(JobCatalog.All, JobCatalog.Components);
        var consulted = new HashSet<string>(StringComparer.Ordinal);
        foreach (string path in ConfigurationsOf(job))
        {
            ConfigMap root = ConfigDocument.Load(path);
            Assert.Equal(job, runner.Prepare(root, path, Path.Combine(Repository.TemporaryDirectory("declared"), "run")).JobName);
            consulted.UnionWith(root.Node.Context.Consulted);
        }
        IJobFactory factory = JobCatalog.All.Single(j => j.Name == job);
        List<string> unread = factory.Options.Select(o => o.Name).Where(name => !consulted.Contains(name)).ToList();
        Assert.True(unread.Count == 0, $"{job} declares keys its reader never read: {string.Join(", ", unread)}");
    }
}
