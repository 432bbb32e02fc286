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
        _ => [],
    };

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
