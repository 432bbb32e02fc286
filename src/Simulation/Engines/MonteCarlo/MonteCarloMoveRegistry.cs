using MatSim.Simulation.Config;
using MatSim.Simulation.Plugins;
using MatSim.Simulation.Systems;
using MatSim.Simulation.Units;

namespace MatSim.Simulation.Engines.MonteCarlo;

/// <summary>
/// Where moves are made: the system and, for a component of a grand-canonical state point (gcmc), the component's
/// species, the fugacities of all components (eV/Å³), the move's share of the weights and the job's default steps.
/// </summary>
public sealed record MoveContext(ParticleSystem System)
{
    /// <summary>The species the moves act on; null: any molecule.</summary>
    public int? Species { get; init; }
    /// <summary>Fugacity of every species at the state point (eV/Å³); empty outside grand-canonical jobs.</summary>
    public IReadOnlyList<double> Fugacities { get; init; } = [];
    /// <summary>The weight the created moves share; null: the block's own `weight`.</summary>
    public double? Weight { get; init; }
    /// <summary>The job's default for an option a block leaves out, by move name then key (e.g. gcmc's translation step).</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Defaults { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>();

    public string? DefaultOf(string move, string key) => Defaults.GetValueOrDefault(move)?.GetValueOrDefault(key);
}

/// <summary>Creates an MC move from its block under `moves:` (the block's key is the move's name).</summary>
public interface IMonteCarloMoveFactory : IComponentFactory
{
    /// <summary>Reads the block strictly and creates the move for this system.</summary>
    MonteCarloMove Create(ConfigMap options, ParticleSystem system);

    /// <summary>
    /// The moves for a context — in gcmc one component at one state point; their weights sum to <see cref="MoveContext.Weight"/>.
    /// By default the move of <see cref="Create(ConfigMap, ParticleSystem)"/>, acting on any molecule.
    /// </summary>
    IEnumerable<MonteCarloMove> Create(ConfigMap options, MoveContext context)
    {
        MonteCarloMove move = Create(options, context.System);
        if (context.Weight is { } weight) move.Weight = weight;
        return [move];
    }
}

/// <summary>The MC moves configurations can name under `moves:`.</summary>
public sealed class MonteCarloMoveRegistry(Func<string>? unknownHint = null)
{
    // concurrent: a campaign prepares jobs on several threads while one of them may load a plug-in
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, IMonteCarloMoveFactory> factories = new(StringComparer.Ordinal);

    /// <summary>Translation and rotation only: what engines without plug-ins know.</summary>
    public static MonteCarloMoveRegistry BuiltIn()
    {
        var registry = new MonteCarloMoveRegistry();
        registry.Register(new TranslationMoveFactory());
        registry.Register(new RotationMoveFactory());
        return registry;
    }

    public void Register(IMonteCarloMoveFactory factory)
    {
        if (!factories.TryAdd(factory.Name, factory))
            throw new ArgumentException($"two MC moves are registered as '{factory.Name}'");
    }

    /// <summary>The factory of a move named at <paramref name="at"/>; an input error there when no such move is registered.</summary>
    public IMonteCarloMoveFactory Find(string name, ConfigNode at) =>
        factories.TryGetValue(name, out IMonteCarloMoveFactory? factory)
            ? factory
            : throw at.Error($"unknown MC move '{name}'; known: {string.Join(", ", factories.Keys.Order(StringComparer.Ordinal))}{unknownHint?.Invoke()}");

    /// <summary>
    /// The moves of a `moves:` block (NAME: {options}); without one, translation, and rotation too
    /// when the system holds rigid molecules.
    /// </summary>
    public List<MonteCarloMove> Build(ConfigMap? map, ParticleSystem system)
    {
        var moves = new List<MonteCarloMove>();
        if (map == null)
        {
            moves.Add(new TranslationMove(1, 0.5));
            if (system.Species.Any(s => !s.IsSingleAtom)) moves.Add(new RotationMove(1, Math.PI / 6));
            return moves;
        }
        foreach (string name in map.Keys.ToList())
        {
            IMonteCarloMoveFactory factory = Find(name, map.Optional(name)!);
            ConfigMap options = map.RequiredMap(name, "the move's options, e.g. {weight: 1}");
            if (factory.Options.Count > 0) options.Declare(factory.Options);
            moves.Add(factory.Create(options, system));
            options.EnsureNoUnknownKeys();
        }
        if (moves.Count == 0) throw map.Node.Error("no moves: give translation and/or rotation");
        return moves;
    }
}

/// <summary>`translation: {weight, step}` — a random displacement of one molecule.</summary>
public sealed class TranslationMoveFactory : IMonteCarloMoveFactory
{
    public string Name => "translation";
    public string Description => "displaces one molecule uniformly within a cube of side 2·step (step adapted during equilibration)";
    public IReadOnlyList<OptionInfo> Options =>
    [
        new("weight", "", "1", "relative probability of choosing this move"),
        new("step", "Å", "0.5 angstrom", "initial maximum displacement per axis"),
    ];

    public MonteCarloMove Create(ConfigMap options, ParticleSystem system) => Create(options, new MoveContext(system)).Single();

    public IEnumerable<MonteCarloMove> Create(ConfigMap options, MoveContext context) =>
        [new TranslationMove(context.Weight ?? options.Number("weight", 1),
            options.Quantity("step", Dimension.Length, context.DefaultOf(Name, "step") ?? "0.5 angstrom"), context.Species)];
}

/// <summary>`rotation: {weight, step}` — a random rotation of one rigid molecule about its centre of mass.</summary>
public sealed class RotationMoveFactory : IMonteCarloMoveFactory
{
    public string Name => "rotation";
    public string Description => "rotates one molecule about its centre of mass by up to `step` (adapted during equilibration)";
    public IReadOnlyList<OptionInfo> Options =>
    [
        new("weight", "", "1", "relative probability of choosing this move"),
        new("step", "rad", "30 deg", "initial maximum rotation angle"),
    ];

    public MonteCarloMove Create(ConfigMap options, ParticleSystem system) => Create(options, new MoveContext(system)).Single();

    /// <summary>No rotation for a component of single atoms.</summary>
    public IEnumerable<MonteCarloMove> Create(ConfigMap options, MoveContext context)
    {
        double weight = context.Weight ?? options.Number("weight", 1);
        double step = options.Quantity("step", Dimension.Angle, context.DefaultOf(Name, "step") ?? "30 deg");
        return context.Species is { } s && context.System.Species[s].IsSingleAtom ? [] : [new RotationMove(weight, step, context.Species)];
    }
}
