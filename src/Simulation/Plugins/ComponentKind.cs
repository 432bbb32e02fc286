namespace MatSim.Simulation.Plugins;

/// <summary>The kinds of component the registry knows.</summary>
public enum ComponentKind
{
    Job,
    EnergyModel,
    MonteCarloMove,
    Sampler,
    ReferenceCalculator,
    StructureFormat,
    Executor,
}

/// <summary>One option of a component as `matsim plugins list` shows it: unit (or "" if none) and default (null if required).</summary>
public sealed record OptionInfo(string Name, string Unit, string? Default, string Description);

/// <summary>What every registered component states about itself.</summary>
public interface IComponentFactory
{
    /// <summary>Stable lowercase name: built-ins "lj", plug-ins "vendor/name".</summary>
    string Name { get; }
    string Description { get; }
    /// <summary>The options of its configuration block.</summary>
    IReadOnlyList<OptionInfo> Options => [];
}

/// <summary>A component as listed: where it comes from and what it takes.</summary>
public sealed record ComponentInfo(string Name, ComponentKind Kind, string Description, IReadOnlyList<OptionInfo> Options, string Assembly, string Version);
