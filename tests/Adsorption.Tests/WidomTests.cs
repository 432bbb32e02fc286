using MatSim.Adsorption.Jobs;
using MatSim.Adsorption.Systems;
using MatSim.Simulation.Energy;
using MatSim.Simulation.Engines.MonteCarlo;
using MatSim.Simulation.Random;
using MatSim.Simulation.Statistics;
using MatSim.TestSupport;

namespace MatSim.Adsorption.Tests;

/// <summary>Widom insertions against RASPA 2 on the same inputs (shared/reference/raspa/widom-and-void-fraction.csv).</summary>
public class WidomTests(ITestOutputHelper output)
{
    private const double GasConstant = 8.314462618;

    private static (Estimate Henry, Estimate Enthalpy, Estimate W) Widom(AdsorptionSystem system, int species, int cycles, ulong seed)
    {
        IBoundEnergy energy = system.Energy.Bind(system.System);
        var state = new MonteCarloState(system.System, energy, new Rng(seed), 298);
        var sampler = new WidomSampler(species, 5, cycles * 20L);
        for (int c = 0; c < cycles; c++) sampler.Insert(state, 20);
        Estimate w = sampler.BoltzmannFactor, u = sampler.WeightedEnergy;
        double scale = 1 / (GasConstant * 298 * system.FrameworkDensity);
        double rt = MatSim.Simulation.Units.Units.Boltzmann * 298;
        double kj = MatSim.Simulation.Units.Units.KilojoulePerMolePerEv;
        return (new Estimate(w.Mean * scale, w.StandardError * scale), new Estimate((u.Mean - rt) * kj, u.StandardError * kj), w);
    }

    private void AssertAgrees(string what, Estimate ours, double raspa, double raspaCi95)
    {
        double se = Math.Sqrt(ours.StandardError * ours.StandardError + Math.Pow(AdsorptionFixtures.StandardError(raspaCi95), 2));
        output.WriteLine($"{what}: MatSim {ours}, RASPA {raspa} ± {raspaCi95} (95 %), {Math.Abs(ours.Mean - raspa) / se:F2} combined SE apart");
        Assert.True(Math.Abs(ours.Mean - raspa) <= 3 * se, $"{what}: {ours} vs RASPA {raspa}");
    }

    private static IReadOnlyDictionary<string, string> Row(string framework, string guest, string quantity) =>
        ReferenceTable.Read(Repository.RequireShared("reference/raspa/widom-and-void-fraction.csv")).Rows
            .Single(r => r["framework"] == framework && r["guest"] == guest && r["quantity"] == quantity);

    [Theory]
    [Trait("Category", "Long")]
    [InlineData("IRMOF-1", "CO2", 5000)]
    [InlineData("IRMOF-1", "methane", 5000)]
    [InlineData("IRMOF-1", "N2", 5000)]
    [InlineData("Cu-BTC", "CO2", 20000)]
    public void HenryCoefficientAndEnthalpyAgreeWithRaspa(string framework, string guest, int cycles)
    {
        AdsorptionSystem system = AdsorptionFixtures.System(framework, guest);
        var (henry, enthalpy, _) = Widom(system, 0, cycles, 42);
        var h = Row(framework, guest, "henry");
        var dh = Row(framework, guest, "enthalpy");
        AssertAgrees($"{guest} in {framework} K_H (mol/kg/Pa)", henry, ReferenceTable.Number(h, "value"), ReferenceTable.Number(h, "ci95"));
        AssertAgrees($"{guest} in {framework} ΔH (kJ/mol)", enthalpy, ReferenceTable.Number(dh, "value"), ReferenceTable.Number(dh, "ci95"));
    }

    [Fact]
    [Trait("Category", "Long")]
    public void HeliumVoidFractionAgreesWithRaspaWithin0002()
    {
        AdsorptionSystem system = AdsorptionFixtures.System("IRMOF-1", "helium");
        var (_, _, w) = Widom(system, 0, 10000, 7);
        double raspa = ReferenceTable.Number(Row("IRMOF-1", "helium", "void_fraction"), "value");
        output.WriteLine($"void fraction: MatSim {w}, RASPA {raspa}");
        Assert.True(Math.Abs(w.Mean - raspa) <= 0.002, $"void fraction {w} vs RASPA {raspa}");
    }

    [Fact]
    public void ShortCarbonDioxideRunInIrmof1AgreesWithRaspa()
    {
        AdsorptionSystem system = AdsorptionFixtures.System("IRMOF-1", "CO2");
        var (henry, enthalpy, _) = Widom(system, 0, 600, 3);
        AssertAgrees("CO2 in IRMOF-1 K_H", henry, 6.98296e-06, 4.98316e-08);
        AssertAgrees("CO2 in IRMOF-1 ΔH", enthalpy, -12.8206, 0.0298);
    }
}
