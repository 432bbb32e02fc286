using System.Text.Json.Nodes;
using MatSim.Cli;
using MatSim.TestSupport;
using static MatSim.Cli.Tests.CliRunner;

namespace MatSim.Cli.Tests;

/// <summary>The adsorption jobs and `matsim energy` through the command line, with their bad inputs.</summary>
public class AdsorptionCommandTests
{
    private static string Data(params string[] parts) => Repository.PathOf(["data", .. parts]);

    internal static string Gcmc(string extra = "", string pressures = "[1 bar, 10 bar]", string framework = "IRMOF-1.cif",
        string frameworkExtra = "charges: none") => $"""
        job: gcmc
        seed: 3
        temperature: 298 K
        framework:
          file: {Data("frameworks", framework)}
          {frameworkExtra}
        forcefield: {"{"}file: {Data("forcefields", "dreiding-uff.yaml")}{"}"}
        cutoff: 12.8 angstrom
        components:
          - molecule: {Data("molecules", "ch4-trappe.yaml")}
        pressures: {pressures}
        void_fraction: 0.8
        cycles: {"{"}initialization: 40, production: 100{"}"}
        {extra}
        """;

    /// <summary>Widom insertions of the given molecule files in IRMOF-1 (bundled, uncharged) at 298 K.</summary>
    internal static string Widom(int cycles, params string[] molecules) => $"""
        job: widom
        seed: 1
        temperature: 298 K
        framework: {"{"}file: {Data("frameworks", "IRMOF-1.cif")}, charges: none{"}"}
        forcefield: {"{"}file: {Data("forcefields", "dreiding-uff.yaml")}{"}"}
        cutoff: 12.8 angstrom
        components:
        {string.Join("\n", molecules.Select(m => $"  - molecule: {Data("molecules", m)}"))}
        cycles: {cycles}
        """;

    private static string Write(string yaml)
    {
        string folder = Repository.TemporaryDirectory("adsorption");
        string path = Path.Combine(folder, "config.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    [Fact]
    public void AnIsothermRunWritesCsvPngAndLoadingsInEveryUnit()
    {
        string config = Write(Gcmc());
        string output = Path.Combine(Path.GetDirectoryName(config)!, "out");
        var (exit, _, error) = Matsim("run", config, "-o", output);
        Assert.True(exit == 0, error);
        Assert.True(new FileInfo(Path.Combine(output, "isotherm.png")).Length > 1000);
        string[] csv = File.ReadAllLines(Path.Combine(output, "isotherm.csv"));
        Assert.Equal(3, csv.Length);
        JsonNode point = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "results.json")))!["results"]!["state_points"]![1]!;
        JsonNode absolute = point["components"]![0]!["absolute"]!;
        foreach (string unit in new[] { "molecules_per_cell", "mol_per_kg", "mg_per_g", "cm3_stp_per_g", "cm3_stp_per_cm3" })
            Assert.True(absolute[unit]!["mean"]!.GetValue<double>() > 0, unit);
        Assert.True(point["components"]![0]!["excess"]!["mol_per_kg"]!["mean"]!.GetValue<double>() <
            absolute["mol_per_kg"]!["mean"]!.GetValue<double>());
        Assert.Contains("swap", point["moves"]!.ToJsonString());
        // the log ends with the isotherm as a table (absolute and excess loading, heat of adsorption)
        string log = File.ReadAllText(Path.Combine(output, "matsim.log"));
        Assert.Contains("absolute/(mol/kg)", log);
        Assert.Contains("excess/(mol/kg)", log);
        // running again into the same folder resumes every state point from its finished checkpoint
        string before = File.ReadAllText(Path.Combine(output, "isotherm.csv"));
        Assert.Equal(0, Matsim("run", config, "-o", output).Exit);
        Assert.Equal(before, File.ReadAllText(Path.Combine(output, "isotherm.csv")));
    }

    [Fact]
    public void AKilledIsothermResumesAndEndsExactlyAsAnUninterruptedOne()
    {
        // with Widom insertions, whose block sums must survive the kill too
        string yaml = Gcmc(pressures: "[20 bar]", extra: "checkpoint_every: 20").Replace("production: 100", "production: 600")
            .Replace("ch4-trappe.yaml", "ch4-trappe.yaml\n    moves: {translation: 0.5, reinsertion: 0.5, swap: 1, widom: 0.5}", StringComparison.Ordinal);
        string config = Write(yaml);
        string folder = Path.GetDirectoryName(config)!;
        string reference = Path.Combine(folder, "uninterrupted"), resumed = Path.Combine(folder, "resumed");
        Assert.Equal(0, Matsim("run", config, "-o", reference).Exit);
        string pointFolder = Path.GetFileName(Directory.GetDirectories(reference).Single());
        KilledRun.KillWhenCheckpointed(config, resumed, Path.Combine(resumed, pointFolder, "checkpoint.json"), minimumStep: 200);
        var (exit, output, _) = Matsim("run", config, "-o", resumed);
        Assert.Equal(0, exit);
        Assert.Contains("20 bar: resumed from cycle ", output);
        Assert.Equal(File.ReadAllText(Path.Combine(reference, pointFolder, "results.json")), File.ReadAllText(Path.Combine(resumed, pointFolder, "results.json")));
        Assert.Equal(File.ReadAllText(Path.Combine(reference, "isotherm.csv")), File.ReadAllText(Path.Combine(resumed, "isotherm.csv")));
    }

    /// <summary>
    /// Widom insertions inside gcmc: in the grand-canonical ensemble ⟨N⟩ = β f V ⟨e^(−βΔU)⟩ exactly
    /// (Σ_N N z^N Q_N = z Σ_N (N+1) z^N Q_{N+1}), so the loading counted and the loading from the insertions agree.
    /// </summary>
    [Fact]
    public void WidomInsertionsInGcmcGiveTheLoadingBack()
    {
        string yaml = Gcmc(pressures: "[2 bar, 20 bar]").Replace("production: 100", "production: 600")
            .Replace("ch4-trappe.yaml", "ch4-trappe.yaml\n    moves: {translation: 0.5, reinsertion: 0.5, swap: 1, widom: 1}", StringComparison.Ordinal);
        string config = Write(yaml), run = Path.Combine(Path.GetDirectoryName(config)!, "run");
        Assert.Equal(0, Matsim("run", config, "-o", run).Exit);
        foreach (JsonNode? point in JsonNode.Parse(File.ReadAllText(Path.Combine(run, "results.json")))!["results"]!["state_points"]!.AsArray())
        {
            JsonNode component = point!["components"]![0]!;
            JsonNode counted = component["absolute"]!["molecules_per_cell"]!, inserted = component["widom"]!["molecules_per_cell_from_widom"]!;
            double a = (double)counted["mean"]!, sa = (double)counted["standard_error"]!, b = (double)inserted["mean"]!, sb = (double)inserted["standard_error"]!;
            Assert.True((long)component["widom"]!["insertions"]! > 1000);
            Assert.True(Math.Abs(a - b) <= 3 * Math.Sqrt(sa * sa + sb * sb), $"{point["pressure_bar"]} bar: N {a} ± {sa} vs βfV<W> {b} ± {sb} per cell");
        }
    }

    [Fact]
    public void WidomReportsHenryCoefficientsAndTheHeliumVoidFraction()
    {
        string config = Write(Widom(200, "helium.yaml", "ch4-trappe.yaml"));
        string output = Path.Combine(Path.GetDirectoryName(config)!, "out");
        var (exit, _, error) = Matsim("run", config, "-o", output);
        Assert.True(exit == 0, error);
        JsonNode components = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "results.json")))!["results"]!["components"]!;
        double voidFraction = components[0]!["boltzmann_factor"]!["mean"]!.GetValue<double>();
        Assert.InRange(voidFraction, 0.75, 0.85);   // IRMOF-1's helium void fraction is about 0.8
        Assert.True(components[1]!["henry_coefficient_mol_per_kg_per_Pa"]!["mean"]!.GetValue<double>() > 1e-6);
        Assert.True(components[1]!["enthalpy_of_adsorption_kJ_per_mol"]!["mean"]!.GetValue<double>() < 0);
    }

    [Theory]
    [InlineData("neutralise")]
    [InlineData("ignore")]
    public void A_charged_framework_runs_only_by_choice_and_the_choice_is_in_the_results(string policy)
    {
        string lta = Repository.RequireShared("data/structures/zeolites/LTA_SI.cif");
        string config = Write(Widom(5, "co2-trappe.yaml").Replace(Data("frameworks", "IRMOF-1.cif"), lta)
            .Replace("charges: none", $"charges: cif, net_charge: {policy}").Replace("cutoff: 12.8 angstrom", "cutoff: 12 angstrom"));
        string output = Path.Combine(Path.GetDirectoryName(config)!, "out");
        var (exit, _, error) = Matsim("run", config, "-o", output);
        Assert.True(exit == 0, error);
        JsonNode charge = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "results.json")))!["results"]!["framework_charge"]!;
        Assert.Equal(-67.2, (double)charge["net_charge_e_per_cell"]!, 6);   // Si +2.05, O −1.025 as the CIF lists them
        Assert.Equal(policy, (string)charge["net_charge_policy"]!);
        Assert.Contains("per unit cell; net_charge: " + policy, File.ReadAllText(Path.Combine(output, "matsim.log")));
    }

    [Fact]
    public void EnergyPrintsTheComponentsOfAConfiguration()
    {
        var (exit, output, error) = Matsim("energy", Repository.PathOf("configs", "spce-water-mc.yaml"));
        Assert.True(exit == 0, error);
        JsonNode report = JsonNode.Parse(output)!;
        foreach (string component in new[] { "lj", "lj_tail", "ewald_real", "ewald_fourier", "ewald_self", "ewald_intra" })
            Assert.NotNull(report["components"]![component]);
        Assert.Equal(648, report["atoms"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("pressures: [0 bar]", "a pressure must be positive")]
    [InlineData("pressures: [-5 bar]", "a pressure must be positive")]
    [InlineData("unit_cells", "more than half the smallest width")]
    [InlineData("charges", "has no _atom_site_charge")]
    [InlineData("molecule", "file '")]
    [InlineData("element", "has no Lennard-Jones parameters")]
    public void BadAdsorptionInputsGetAClearError(string what, string message)
    {
        string yaml = what switch
        {
            "unit_cells" => Gcmc(framework: "MFI.cif", frameworkExtra: "unit_cells: [1, 1, 1]"),
            "charges" => Gcmc(frameworkExtra: "charges: cif"),
            "molecule" => Gcmc().Replace(Data("molecules", "ch4-trappe.yaml"), Data("molecules", "no-such-gas.yaml")),
            "element" => Gcmc().Replace(Data("forcefields", "dreiding-uff.yaml"), WriteForceFieldWithoutZinc()),
            _ => Gcmc(pressures: what.Split(": ")[1]),
        };
        var (exit, _, error) = Matsim("validate", Write(yaml));
        Assert.Equal(MatSimCommandLine.BadInput, exit);
        Assert.Contains(message, error);
        Assert.DoesNotContain("   at ", error);
    }

    private static string WriteForceFieldWithoutZinc()
    {
        string path = Path.Combine(Repository.TemporaryDirectory("ff"), "nozinc.yaml");
        File.WriteAllLines(path, File.ReadAllLines(Data("forcefields", "dreiding-uff.yaml")).Where(l => !l.TrimStart().StartsWith("Zn:", StringComparison.Ordinal)));
        return path;
    }
}
