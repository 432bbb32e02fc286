namespace MatSim.Simulation.Plugins;

/// <summary>
/// The version of the contract plug-ins compile against (<see cref="IMatSimPlugin"/>, the component
/// factories, <see cref="Energy.IEnergyModel"/>, <see cref="Engines.MonteCarlo.MonteCarloMove"/>).
/// It changes when that contract changes incompatibly; a plug-in built for another version is refused.
/// </summary>
public static class PluginApi
{
    public const int Version = 1;
}

/// <summary>
/// Marks an assembly as a MatSim plug-in and records the API version it was compiled against:
/// <c>[assembly: MatSimPlugin(PluginApi.Version)]</c> (the constant is baked in at compile time).
/// </summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class MatSimPluginAttribute(int apiVersion) : Attribute
{
    public int ApiVersion { get; } = apiVersion;
}

/// <summary>A plug-in's entry point: registers its components. Needs a public parameterless constructor.</summary>
public interface IMatSimPlugin
{
    void Register(ComponentRegistry registry);
}
