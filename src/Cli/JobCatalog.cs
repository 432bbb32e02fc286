using MatSim.Adsorption;
using MatSim.Learning;
using MatSim.Potentials;
using MatSim.Sampling;
using MatSim.Screening;
using MatSim.Simulation;
using MatSim.Simulation.Jobs;
using MatSim.Simulation.Plugins;

namespace MatSim.Cli;

/// <summary>
/// MatSim's projects as modules: each registers its own jobs and components; plug-ins add theirs to
/// <see cref="Components"/> the same way.
/// </summary>
public static class JobCatalog
{
    private static readonly IMatSimPlugin[] Modules =
        [new SimulationModule(), new PotentialsModule(), new AdsorptionModule(), new LearningModule(), new SamplingModule(), new ScreeningModule()];

    public static ComponentRegistry Components { get; } = BuiltIn();

    public static IReadOnlyList<IJobFactory> All => Components.Jobs;

    /// <summary>A fresh registry of MatSim's own modules, without plug-ins.</summary>
    public static ComponentRegistry BuiltIn()
    {
        var registry = new ComponentRegistry();
        foreach (IMatSimPlugin module in Modules) module.Register(registry);
        return registry;
    }
}
