using MatSim.Simulation.Engines;
using MatSim.Simulation.Engines.MonteCarlo;
using MatSim.Simulation.Statistics;

namespace MatSim.Adsorption.Jobs;

/// <summary>The energy–number fluctuations of every production cycle, for the enthalpies of adsorption; kept in checkpoints.</summary>
internal sealed class FluctuationObserver(FluctuationAverage average, MonteCarloEngine engine) : IProductionObserver
{
    private readonly int[] counts = new int[engine.State.System.Species.Count];

    public FluctuationAverage Average => average;

    public void Observe(long productionStep)
    {
        for (int s = 0; s < counts.Length; s++) counts[s] = engine.State.System.CountOf(s);
        average.Add(engine.State.TotalEnergy, counts);
    }

    public Checkpoint Saved(Checkpoint checkpoint) => checkpoint with { Fluctuations = average.Save() };

    public void Restore(Checkpoint checkpoint) => average.Restore(checkpoint.Fluctuations!);
}
