using System.Globalization;
using System.Text.Json.Nodes;
using MatSim.Adsorption.Systems;
using MatSim.Simulation.Config;
using MatSim.Simulation.Energy;
using MatSim.Simulation.Engines.MonteCarlo;
using MatSim.Simulation.Jobs;
using MatSim.Simulation.Plugins;
using MatSim.Simulation.Random;
using MatSim.Simulation.Statistics;
using U = MatSim.Simulation.Units.Units;

namespace MatSim.Adsorption.Jobs;

/// <summary>
/// `job: widom` — test-particle insertions of each component into the empty framework: Henry
/// coefficient K_H = &lt;e^{−βΔU}&gt; / (R T ρ_framework) in mol/kg/Pa, enthalpy of adsorption at
/// infinite dilution ΔH = &lt;ΔU e^{−βΔU}&gt;/&lt;e^{−βΔU}&gt; − RT in kJ/mol, and &lt;e^{−βΔU}&gt;
/// itself — the helium void fraction when the component is helium. Error bars from blocks.
/// </summary>
public sealed class WidomJobFactory(ComponentRegistry registry) : IJobFactory
{
    public string Name => "widom";
    public string Description => "Widom insertions in a framework: Henry coefficients, enthalpies at infinite dilution, helium void fraction";

    public IReadOnlyList<OptionInfo> Options =>
    [
        .. AdsorptionConfiguration.SharedOptions,
        new("cycles", "", null, "cycles of insertions"),
        new("insertions_per_cycle", "", "20", "insertions of each component per cycle"),
        new("blocks", "", "5", "blocks for error bars (at least 2)"),
    ];

    public IJob Bind(ConfigMap config, ulong seed)
    {
        AdsorptionSetup setup = AdsorptionConfiguration.Read(config, registry, new Dictionary<string, double>());
        int cycles = config.RequiredCount("cycles", "how many cycles of insertions", minimum: 1);
        int perCycle = config.Count("insertions_per_cycle", 20);
        int blocks = config.Count("blocks", 5, minimum: 2);
        if (cycles < blocks) throw config.Optional("cycles")!.Error($"need at least as many cycles as blocks ({blocks})");
        return new WidomJob(setup, cycles, perCycle, blocks);
    }
}

internal sealed class WidomJob(AdsorptionSetup setup, int cycles, int perCycle, int blocks) : IJob
{
    public JsonObject Run(RunContext context)
    {
        AdsorptionSystem adsorption = setup.Adsorption;
        IBoundEnergy energy = adsorption.Energy.Bind(adsorption.System);
        var state = new MonteCarloState(adsorption.System, energy, Rng.ForStream(context.Seed, 3), setup.Temperature);
        var samplers = setup.Components.Select((_, s) => new WidomSampler(s, blocks, (long)cycles * perCycle)).ToArray();
        context.Log.Info($"Widom insertions in {setup.FrameworkName} ({adsorption.UnitCells} cells, {adsorption.System.Count} atoms) at " +
            $"{setup.Temperature} K: {cycles} cycles × {perCycle} insertions of {string.Join(", ", setup.Components.Select(c => c.Molecule.Species.Name))}");
        for (int cycle = 1; cycle <= cycles; cycle++)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            foreach (WidomSampler sampler in samplers) sampler.Insert(state, perCycle);
            if (cycle % Math.Max(1, cycles / 10) == 0) context.Log.Info($"cycle {cycle}/{cycles}");
        }
        double rt = U.Boltzmann * setup.Temperature;                    // eV
        double density = adsorption.FrameworkDensity;                   // kg/m³
        double gasConstantTimesT = 8.314462618 * setup.Temperature;     // J/mol
        var components = new JsonArray();
        for (int s = 0; s < samplers.Length; s++)
        {
            Estimate w = samplers[s].BoltzmannFactor, u = samplers[s].WeightedEnergy;
            var henry = new Estimate(w.Mean / (gasConstantTimesT * density), w.StandardError / (gasConstantTimesT * density));
            var enthalpy = new Estimate((u.Mean - rt) * U.KilojoulePerMolePerEv, u.StandardError * U.KilojoulePerMolePerEv);
            string name = setup.Components[s].Molecule.Species.Name;
            components.Add(new JsonObject
            {
                ["component"] = name,
                ["insertions"] = samplers[s].Insertions,
                ["henry_coefficient_mol_per_kg_per_Pa"] = JobResults.Estimate(henry),
                ["enthalpy_of_adsorption_kJ_per_mol"] = JobResults.Estimate(enthalpy),
                ["boltzmann_factor"] = JobResults.Estimate(w),
                ["excess_chemical_potential_kJ_per_mol"] = -rt * Math.Log(w.Mean) * U.KilojoulePerMolePerEv,
            });
            context.Log.Info(string.Create(CultureInfo.InvariantCulture,
                $"{name}: K_H = {henry.Mean:G6} ± {henry.StandardError:G3} mol/kg/Pa, ΔH = {enthalpy.Mean:F4} ± {enthalpy.StandardError:F4} kJ/mol, <W> = {w.Mean:G6} ± {w.StandardError:G3}"));
        }
        return new JsonObject
        {
            ["framework"] = setup.FrameworkName,
            ["framework_charge"] = setup.ChargeReport(),
            ["temperature_K"] = setup.Temperature,
            ["unit_cells"] = new JsonArray(adsorption.UnitCells.A, adsorption.UnitCells.B, adsorption.UnitCells.C),
            ["framework_density_kg_per_m3"] = density,
            ["framework_mass_g_per_mol_per_cell"] = adsorption.FrameworkMassPerCell,
            ["energy_models"] = new JsonArray(CompositeEnergy.TermsOf(adsorption.Energy).Select(t => (JsonNode?)t.Name).ToArray()),
            ["cycles"] = cycles,
            ["insertions_per_cycle"] = perCycle,
            ["blocks"] = blocks,
            ["components"] = components,
        };
    }
}
