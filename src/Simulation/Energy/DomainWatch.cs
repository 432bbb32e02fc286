namespace MatSim.Simulation.Energy;

/// <summary>Values found outside a model's domain so far, and in how many evaluations.</summary>
public readonly record struct DomainExcursions(long Values, long Evaluations);

/// <summary>
/// A bound energy that knows the configurations it may be believed in — a learned model: the range of its training
/// data — and counts the evaluations whose answer came from outside (n2p2's extrapolation warnings). The run loop
/// says so in the log and keeps the counts in checkpoints.
/// </summary>
public interface IDomainWatch
{
    string Name { get; }

    /// <summary>The counts so far; set when a run resumes from a checkpoint.</summary>
    DomainExcursions Excursions { get; set; }

    /// <summary>The latest value outside, in words (which atom, which function, the range), or null.</summary>
    string? Latest { get; }
}

/// <summary>A bound energy made of others (a sum, a term restricted to part of the system).</summary>
public interface IBoundParts
{
    IEnumerable<IBoundEnergy> Parts { get; }
}

/// <summary>Finds the domain watches of a bound energy.</summary>
public static class DomainWatches
{
    /// <summary>The domain watches in a bound energy and its parts, in a fixed order.</summary>
    public static IEnumerable<IDomainWatch> In(IBoundEnergy energy) => energy switch
    {
        IDomainWatch watch => [watch],
        IBoundParts composite => composite.Parts.SelectMany(In),
        _ => [],
    };
}
