using MatSim.Adsorption.Grids;
using MatSim.Adsorption.Jobs;
using MatSim.Simulation.Plugins;

namespace MatSim.Adsorption;

/// <summary>What the adsorption project adds to MatSim: the `framework-field` energy model and the gcmc, widom and guest-data jobs.</summary>
public sealed class AdsorptionModule : IMatSimPlugin
{
    public void Register(ComponentRegistry registry)
    {
        registry.Register(new FrameworkFieldFactory());
        registry.Register(new WidomJobFactory(registry));
        registry.Register(new GrandCanonicalJobFactory(registry));
        registry.Register(new GuestDataJobFactory(registry));
    }
}
