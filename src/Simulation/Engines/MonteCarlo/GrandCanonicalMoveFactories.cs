using MatSim.Simulation.Config;
using MatSim.Simulation.Plugins;
using MatSim.Simulation.Systems;

namespace MatSim.Simulation.Engines.MonteCarlo;

/// <summary>`reinsertion: {weight}` — a molecule moved to a random point with a random orientation (any job).</summary>
public sealed class ReinsertionMoveFactory : IMonteCarloMoveFactory
{
    public string Name => "reinsertion";
    public string Description => "moves one molecule to a random point with a random orientation (escapes pockets translations cannot leave)";
    public IReadOnlyList<OptionInfo> Options => [new("weight", "", "1", "relative probability of choosing this move")];

    public MonteCarloMove Create(ConfigMap options, ParticleSystem system) => Create(options, new MoveContext(system)).Single();

    public IEnumerable<MonteCarloMove> Create(ConfigMap options, MoveContext context) =>
        [new ReinsertionMove(context.Weight ?? options.Number("weight", 1), context.Species)];
}

/// <summary>`swap` — insertion or deletion of a component at its fugacity (gcmc).</summary>
public sealed class SwapMoveFactory : IMonteCarloMoveFactory
{
    public string Name => "swap";
    public string Description => "inserts or deletes a molecule of a gcmc component at its fugacity (grand-canonical acceptance)";
    public IReadOnlyList<OptionInfo> Options => [new("weight", "", "1", "relative probability of choosing this move")];

    public MonteCarloMove Create(ConfigMap options, ParticleSystem system) =>
        throw options.Node.Error("swap inserts and deletes at a fugacity: it is a move of a gcmc component (components: [{…, moves: {swap: 1}}])");

    public IEnumerable<MonteCarloMove> Create(ConfigMap options, MoveContext context)
    {
        int species = GrandCanonical.Component(options, context, Name);
        return [new SwapMove(context.Weight ?? options.Number("weight", 1), species, context.Fugacities[species])];
    }
}

/// <summary>`identity_change` — a molecule of a component turned into one of each other component in turn (gcmc mixtures).</summary>
public sealed class IdentityChangeMoveFactory : IMonteCarloMoveFactory
{
    public string Name => "identity_change";
    public string Description => "changes a molecule of a gcmc component into one of another at the same centre (mixtures; the weight is shared by the other components)";
    public IReadOnlyList<OptionInfo> Options => [new("weight", "", "1", "relative probability of choosing this move")];

    public MonteCarloMove Create(ConfigMap options, ParticleSystem system) =>
        throw options.Node.Error("identity_change exchanges components at their fugacities: it is a move of a gcmc component");

    public IEnumerable<MonteCarloMove> Create(ConfigMap options, MoveContext context)
    {
        int from = GrandCanonical.Component(options, context, Name), others = context.Fugacities.Count - 1;
        double weight = context.Weight ?? options.Number("weight", 1);
        for (int to = 0; to <= others; to++)
            if (to != from) yield return new IdentityChangeMove(weight / others, from, context.Fugacities[from], to, context.Fugacities[to]);
    }
}

/// <summary>`widom` — test insertions of a component during a run (gcmc), its excess chemical potential with error bars.</summary>
public sealed class WidomMoveFactory : IMonteCarloMoveFactory
{
    public string Name => "widom";
    public string Description => "Widom test insertions of a gcmc component while it runs (never kept): ⟨e^(−βΔU)⟩, μ_ex, and ⟨N⟩ = βfV⟨W⟩ as a check";
    public IReadOnlyList<OptionInfo> Options => [new("weight", "", "1", "relative probability of choosing this move")];

    public MonteCarloMove Create(ConfigMap options, ParticleSystem system) =>
        throw options.Node.Error("widom reports through a gcmc state point: it is a move of a gcmc component (the widom job inserts into the empty framework)");

    public IEnumerable<MonteCarloMove> Create(ConfigMap options, MoveContext context)
    {
        int species = GrandCanonical.Component(options, context, Name);
        return [new WidomMove(context.Weight ?? options.Number("weight", 1), species)];
    }
}

internal static class GrandCanonical
{
    /// <summary>The component a grand-canonical move acts on; an input error outside gcmc.</summary>
    public static int Component(ConfigMap options, MoveContext context, string move) =>
        context.Species is { } species && context.Fugacities.Count > species
            ? species
            : throw options.Node.Error($"{move} needs a gcmc component at a state point (its fugacity)");
}
