using BenchmarkDotNet.Attributes;
using MatSim.Adsorption.Jobs;
using MatSim.Adsorption.Systems;
using MatSim.Adsorption.ForceFields;
using MatSim.Simulation.Engines.MonteCarlo;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.IO;
using MatSim.Simulation.IO.Cif;
using MatSim.Simulation.Random;
using MatSim.Simulation.Systems;
using MatSim.Adsorption.Thermodynamics;
using U = MatSim.Simulation.Units.Units;

namespace MatSim.Bench;

/// <summary>RASPA's inputs from ../shared, built as MatSim adsorption systems.</summary>
internal static class RaspaInputs
{
    internal static string Shared(string relative)
    {
        string root = Environment.GetEnvironmentVariable("MATSIM_SHARED") ?? Path.Combine(Repository(), "..", "shared");
        string path = Path.Combine(root, relative);
        return File.Exists(path) || Directory.Exists(path) ? path : throw new FileNotFoundException($"shared material missing: {path}");
    }

    /// <summary>The repository's root (the folder of MatSim.sln above the benchmark's binaries).</summary>
    internal static string Repository()
    {
        for (string? d = AppContext.BaseDirectory; d != null; d = Path.GetDirectoryName(d))
            if (File.Exists(Path.Combine(d, "MatSim.sln"))) return d;
        throw new InvalidOperationException("MatSim.sln not found above " + AppContext.BaseDirectory);
    }

    public static AdsorptionSystem Build(string framework, bool grid)
    {
        ForceField field = RaspaForceField.Read(Shared("data/raspa-forcefield/ExampleMOFsForceField"));
        MoleculeDefinition co2 = RaspaMolecule.Read(Shared("data/raspa-forcefield/molecules/CO2.def"), field);
        string folder = framework == "MFI" ? "zeolites/MFI_SI.cif" : $"mofs/{framework}.cif";
        CifStructure cif = CifReader.ReadFile(Shared($"data/structures/{folder}"));
        return AdsorptionSystem.Build(new AdsorptionOptions
        {
            Framework = cif, ForceField = field, Guests = [co2], Cutoff = 12.8, ChargeCutoff = 12.0, EwaldPrecision = 1e-6,
            Charges = cif.HasCharges ? ChargeSource.Cif : ChargeSource.None,
            GridSpacing = grid ? 0.12 : null,
            GridCache = grid ? Path.Combine(Path.GetTempPath(), "matsim-bench-grids") : null,
        });
    }
}

/// <summary>
/// Widom insertions of CO2 (RASPA's benchmark inputs: shared/reference/raspa/README.md): one
/// operation = 100 insertions, insertions/s = 100 / mean. With grids (0.12 Å, built once and
/// cached) and without. Needs ../shared (or $MATSIM_SHARED).
/// </summary>
public class WidomBenchmarks
{
    private MonteCarloState state = null!;
    private WidomSampler widom = null!;

    [Params("IRMOF-1", "Cu-BTC", "MFI")]
    public string Framework { get; set; } = "";

    [Params(false, true)]
    public bool Grid { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        AdsorptionSystem adsorption = RaspaInputs.Build(Framework, Grid);
        state = new MonteCarloState(adsorption.System, adsorption.Energy.Bind(adsorption.System), new Rng(1), 298);
        widom = new WidomSampler(0, 5, long.MaxValue / 2);
        widom.Insert(state, 200);
    }

    [Benchmark]
    public long HundredInsertions()
    {
        widom.Insert(state, 100);
        return widom.Insertions;
    }
}

/// <summary>
/// GCMC of CO2 in IRMOF-1 at 298 K and 10 bar with RASPA's moves (translation, rotation,
/// reinsertion 0.5 each, swap 1.0), equilibrated first: one operation = one cycle of max(20, N)
/// trial moves, moves/s = N / mean (N printed in the log, ~76). With grids and without.
/// </summary>
public class GcmcBenchmarks
{
    private MonteCarloEngine gcmc = null!;

    [Params(false, true)]
    public bool Grid { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        AdsorptionSystem adsorption = RaspaInputs.Build("IRMOF-1", Grid);
        ParticleSystem system = adsorption.System;
        GasState gas = PengRobinson.Solve(adsorption.Guests[0].Critical!, 298, U.BarToInternal(10));
        gcmc = new MonteCarloEngine(system, adsorption.Energy.Bind(system),
            [new TranslationMove(0.5, 1, 0), new RotationMove(0.5, 0.5, 0), new ReinsertionMove(0.5, 0), new SwapMove(1, 0, gas.Fugacities[0])],
            298, new Rng(2));
        for (int c = 0; c < 600; c++)
        {
            gcmc.RunCycle();
            if (c % 10 == 9) gcmc.AdaptSteps(0.5);
        }
        Console.WriteLine($"// GCMC equilibrated: {system.MoleculeCount} CO2 in IRMOF-1 (RASPA: 75.7 per cell)");
    }

    [Benchmark]
    public long OneCycle()
    {
        gcmc.RunCycle();
        return gcmc.Cycle;
    }
}
