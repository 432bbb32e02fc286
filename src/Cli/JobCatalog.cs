using MatSim.Simulation.Jobs;

namespace MatSim.Cli;

/// <summary>The jobs `matsim run` knows, from every MatSim project.</summary>
public static class JobCatalog
{
    public static IReadOnlyList<IJobFactory> All { get; } =
    [
        new InspectJobFactory(),
    ];
}
