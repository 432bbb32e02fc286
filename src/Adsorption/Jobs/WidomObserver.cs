using System.Text.Json.Nodes;
using MatSim.Simulation.Engines;
using MatSim.Simulation.Engines.MonteCarlo;
using MatSim.Simulation.Jobs;
using MatSim.Simulation.Statistics;
using U = MatSim.Simulation.Units.Units;

namespace MatSim.Adsorption.Jobs;

/// <summary>
/// The Widom insertions of one gcmc component, taken from its <see cref="WidomMove"/> after every production cycle into
/// blocks of cycles (kept in checkpoints): ⟨W⟩ = ΣW/n and ⟨ΔU W⟩/⟨W⟩ over all insertions, error bars from the
/// per-block ratios.
/// </summary>
internal sealed class WidomObserver(WidomMove move, int blocks, long productionCycles) : IProductionObserver
{
    private BlockAverage boltzmann = new(blocks, productionCycles), weightedEnergy = new(blocks, productionCycles), insertions = new(blocks, productionCycles);
    private string Key => "widom:" + move.Key;

    public int Species => move.Species!.Value;

    public void Observe(long productionStep)
    {
        var (w, uw, n) = move.Take();
        boltzmann.Add(w);
        weightedEnergy.Add(uw);
        insertions.Add(n);
    }

    public Checkpoint Saved(Checkpoint checkpoint)
    {
        checkpoint.Averages[Key + ":w"] = boltzmann.Save();
        checkpoint.Averages[Key + ":uw"] = weightedEnergy.Save();
        checkpoint.Averages[Key + ":n"] = insertions.Save();
        return checkpoint;
    }

    public void Restore(Checkpoint checkpoint)
    {
        boltzmann = BlockAverage.Restore(checkpoint.Averages[Key + ":w"]);
        weightedEnergy = BlockAverage.Restore(checkpoint.Averages[Key + ":uw"]);
        insertions = BlockAverage.Restore(checkpoint.Averages[Key + ":n"]);
    }

    /// <summary>⟨W⟩ = e^{−βμ_ex}, and ⟨N⟩ = β f V ⟨W⟩ per unit cell for a component at fugacity f (internal units), V the unit cell's volume (Å³).</summary>
    public JsonObject Results(double temperature, double fugacity, double volume)
    {
        Estimate w = RatioAverage.Of(boltzmann.Save().Sums, insertions.Save().Sums), u = RatioAverage.Of(weightedEnergy.Save().Sums, boltzmann.Save().Sums);
        double kT = U.Boltzmann * temperature, scale = fugacity / kT * volume;
        return new JsonObject
        {
            ["insertions"] = (long)insertions.Save().Sums.Sum(),
            ["boltzmann_factor"] = JobResults.Estimate(w),
            ["excess_chemical_potential_kJ_per_mol"] = -kT * Math.Log(w.Mean) * U.KilojoulePerMolePerEv,
            ["insertion_energy_kJ_per_mol"] = JobResults.Estimate(u, U.KilojoulePerMolePerEv),
            ["molecules_per_cell_from_widom"] = JobResults.Estimate(w, scale),
        };
    }
}
