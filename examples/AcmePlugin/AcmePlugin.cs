using MatSim.Simulation.Plugins;

[assembly: MatSimPlugin(PluginApi.Version)]

namespace Acme.MatSim.Plugin;

/// <summary>The plug-in's entry point: MatSim finds it by the interface and calls Register once.</summary>
public sealed class AcmePlugin : IMatSimPlugin
{
    public void Register(ComponentRegistry registry)
    {
        registry.Register(new MorseFactory());
        registry.Register(new UniformJumpMoveFactory());
    }
}
