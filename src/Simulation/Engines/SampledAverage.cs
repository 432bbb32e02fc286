using MatSim.Simulation.Statistics;

namespace MatSim.Simulation.Engines;

/// <summary>A block average of a value sampled every <paramref name="every"/> production steps, kept in checkpoints under its name.</summary>
public sealed class SampledAverage(string name, int blocks, long expectedSamples, long every, Func<double> value) : IProductionObserver
{
    private BlockAverage average = new(blocks, expectedSamples);

    public string Name => name;
    public Estimate Result => average.Result;

    public void Observe(long productionStep)
    {
        if (productionStep % every == 0) average.Add(value());
    }

    public Checkpoint Saved(Checkpoint checkpoint)
    {
        checkpoint.Averages[name] = average.Save();
        return checkpoint;
    }

    public void Restore(Checkpoint checkpoint) => average = BlockAverage.Restore(checkpoint.Averages[name]);
}
