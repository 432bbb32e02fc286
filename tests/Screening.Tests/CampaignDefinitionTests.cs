using MatSim.Screening.Campaigns;
using MatSim.Simulation.Errors;
using MatSim.TestSupport;

namespace MatSim.Screening.Tests;

public class CampaignDefinitionTests
{
    private static string Write(string body)
    {
        string folder = Repository.TemporaryDirectory("campaign-definition");
        foreach (string name in new[] { "A.cif", "B.cif" })
            File.Copy(Repository.PathOf("data", "frameworks", name == "A.cif" ? "MFI.cif" : "IRMOF-1.cif"), Path.Combine(folder, name));
        string path = Path.Combine(folder, "c.yaml");
        File.WriteAllText(path, body);
        return path;
    }

    private const string Valid = """
        campaign: t
        seed: 5
        frameworks: ["*.cif"]
        temperatures: [298 K, 77 K]
        common: {forcefield: {file: ff.yaml}, cutoff: 12 angstrom}
        stages:
          - {name: geometry, job: framework-descriptors}
          - name: henry
            job: widom
            settings: {cycles: 10, framework: {charges: none}}
          - name: top
            job: gcmc
            select: {top: 1, by: K_H.CO2}
        """;

    [Fact]
    public void Expands_frameworks_temperatures_and_stages_with_stable_ids_and_seeds()
    {
        var definition = CampaignDefinition.Read(Write(Valid));
        Assert.Equal(["A", "B"], definition.Frameworks.Select(f => f.Name));
        Assert.Equal([298.0, 77.0], definition.Temperatures);
        var henry = CampaignPlan.Expand(definition, definition.Stages[1], CampaignPlan.AllEntries(definition, definition.Stages[1]));
        var geometry = CampaignPlan.Expand(definition, definition.Stages[0], CampaignPlan.AllEntries(definition, definition.Stages[0]));
        Assert.Equal(4, henry.Count);
        Assert.Equal(2, geometry.Count);                     // structure-only: once per framework
        Assert.Equal(4, henry.Select(j => j.Id).Distinct().Count());
        Assert.Equal(4, henry.Select(j => j.Seed).Distinct().Count());
        Assert.Contains("charges: none", henry[0].ConfigText);  // stage settings merged into the common keys
        Assert.Contains("cutoff: 12 angstrom", henry[0].ConfigText);
        Assert.Contains("temperature: 77 K", henry[1].ConfigText);
        Assert.DoesNotContain("temperature", geometry[0].ConfigText.Split('\n', 2)[1]);
        // the same file gives the same ids and seeds; a changed setting changes only its stage's ids
        var again = CampaignDefinition.Read(definition.FilePath);
        Assert.Equal(henry.Select(j => (j.Id, j.Seed)), CampaignPlan.Expand(again, again.Stages[1], CampaignPlan.AllEntries(again, again.Stages[1])).Select(j => (j.Id, j.Seed)));
        File.WriteAllText(definition.FilePath, Valid.Replace("cycles: 10", "cycles: 11"));
        var changed = CampaignDefinition.Read(definition.FilePath);
        Assert.DoesNotContain(CampaignPlan.Expand(changed, changed.Stages[1], CampaignPlan.AllEntries(changed, changed.Stages[1]))[0].Id, henry.Select(j => j.Id));
        Assert.Equal(geometry[0].Id, CampaignPlan.Expand(changed, changed.Stages[0], CampaignPlan.AllEntries(changed, changed.Stages[0]))[0].Id);
    }

    [Theory]
    [InlineData("temperatures: [298 K, 77 K]", "temperatures: [298 K, 77 K]\nexecutr: {kind: local}", "unknown key 'executr'")]
    [InlineData("settings: {cycles: 10,", "settings: {seed: 3, cycles: 10,", "'seed' is set by the campaign")]
    [InlineData("frameworks: [\"*.cif\"]", "frameworks: [\"*.xyz\"]", "matches no CIF file")]
    [InlineData("- {name: geometry, job: framework-descriptors}", "- {name: geometry, job: framework-descriptors, select: {top: 2, by: x}}", "the first stage has no earlier results")]
    [InlineData("by: K_H.CO2}", "by: K_H.CO2 *}", "ends too early")]
    [InlineData("name: henry", "name: Henry Stage", "use lowercase letters")]
    public void Bad_campaigns_are_clear_errors_with_their_line(string original, string replacement, string message)
    {
        string path = Write(Valid.Replace(original, replacement));
        var error = Assert.Throws<InputException>(() => CampaignDefinition.Read(path));
        Assert.Contains(message, error.Message);
        Assert.Contains("c.yaml:", error.Message);
    }
}
