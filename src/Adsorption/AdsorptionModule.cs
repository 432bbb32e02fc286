using MatSim.Adsorption.Grids;
using MatSim.Adsorption.Jobs;
using MatSim.Simulation.Jobs;
using MatSim.Simulation.Plugins;

namespace MatSim.Adsorption;

/// <summary>What the adsorption project adds to MatSim: the `framework-field` energy model and the gcmc and widom jobs.</summary>
public static class AdsorptionModule
{
    public static void Register(ComponentRegistry registry) => registry.Register(new FrameworkFieldFactory());

    public static IEnumerable<IJobFactory> Jobs(ComponentRegistry registry) =>
        [new WidomJobFactory(registry.EnergyModels), new GrandCanonicalJobFactory(registry.EnergyModels)];
}
