using BenchmarkDotNet.Attributes;
using MatSim.Adsorption.ForceFields;
using MatSim.Adsorption.Grids;
using MatSim.Adsorption.Systems;
using MatSim.Adsorption.Thermodynamics;
using MatSim.Potentials.Configuration;
using MatSim.Simulation.Config;
using MatSim.Simulation.Energy;
using MatSim.Simulation.Engines.MonteCarlo;
using MatSim.Simulation.IO;
using MatSim.Simulation.IO.Cif;
using MatSim.Simulation.Random;
using MatSim.Simulation.Systems;
using U = MatSim.Simulation.Units.Units;

namespace MatSim.Bench;

/// <summary>
/// GCMC of methane in silicalite-1 (MFI, 2×2×2 cells) at 300 K and 0.1 bar with the classical framework–guest
/// Lennard-Jones (tabulated, or summed directly) and with the learned framework–guest terms of
/// configs/nnp-train-methane-mfi.yaml and configs/kernel-train-methane-mfi.yaml beside the force field's
/// guest–guest Lennard-Jones (run configs/guest-data-methane-mfi.yaml and both trainings first; the models are read
/// from runs/). Translation, reinsertion and swap as in configs/gcmc-learned-*-methane-mfi.yaml, equilibrated
/// first: one operation = one cycle of max(20, N) moves, moves/s = N / mean (N printed in the log, ~85).
/// </summary>
public class LearnedHostGuestBenchmarks
{
    private MonteCarloEngine gcmc = null!;

    [Params("grid", "direct", "nnp", "kernel")]
    public string HostGuest { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        string root = RaspaInputs.Repository();
        string runs = Path.Combine(root, "runs");
        string list = HostGuest switch
        {
            "grid" => "[{type: framework-field, spacing: 0.12 angstrom, cache: none}, {type: lj}]",
            "direct" => "[{type: lj}]",
            "nnp" => $"[{{type: nnp, model: {runs}/nnp-methane-mfi/model.nnp.json, acts_on: host-guest, extrapolation: reject}}, {{type: lj, acts_on: guest-guest}}]",
            _ => $"[{{type: kernel, model: {runs}/kernel-methane-mfi/model.kernel.json, acts_on: host-guest, extrapolation: reject}}, {{type: lj, acts_on: guest-guest}}]",
        };
        ConfigNode energy = ConfigDocument.Parse($"energy: {list}", "benchmark", root).Required("energy", "");
        var registry = new EnergyModelRegistry([new FrameworkFieldFactory(), new LennardJonesFactory(), new NeuralNetworkFactory(), new KernelFactory()]);
        MoleculeDefinition methane = MoleculeFile.Read(Path.Combine(root, "data", "molecules", "ch4-trappe.yaml"));
        AdsorptionSystem adsorption = AdsorptionSystem.Build(new AdsorptionOptions
        {
            Framework = CifReader.ReadFile(Path.Combine(root, "data", "frameworks", "MFI.cif")),
            ForceField = ForceFieldFile.Read(Path.Combine(root, "data", "forcefields", "dreiding-uff.yaml")),
            Guests = [methane], Cutoff = 12, ChargeCutoff = 12, Charges = ChargeSource.None,
        }, registry, energy);
        ParticleSystem system = adsorption.System;
        GasState gas = PengRobinson.Solve(methane.Critical!, 300, U.BarToInternal(0.1));
        gcmc = new MonteCarloEngine(system, adsorption.Energy.Bind(system),
            [new TranslationMove(1, 1, 0), new ReinsertionMove(1, 0), new SwapMove(2, 0, gas.Fugacities[0])], 300, new Rng(2));
        for (int c = 0; c < 300; c++)
        {
            gcmc.RunCycle();
            if (c % 10 == 9) gcmc.AdaptSteps(0.5);
        }
        Console.WriteLine($"// GCMC equilibrated ({HostGuest}): {system.MoleculeCount} CH4 in 2×2×2 MFI");
    }

    [Benchmark]
    public long OneCycle()
    {
        gcmc.RunCycle();
        return gcmc.Cycle;
    }
}
