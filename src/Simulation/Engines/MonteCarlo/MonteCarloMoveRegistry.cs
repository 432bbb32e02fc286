using MatSim.Simulation.Config;
using MatSim.Simulation.Plugins;
using MatSim.Simulation.Systems;
using MatSim.Simulation.Units;

namespace MatSim.Simulation.Engines.MonteCarlo;

/// <summary>Creates an MC move from its block under `moves:` (the block's key is the move's name).</summary>
public interface IMonteCarloMoveFactory : IComponentFactory
{
    /// <summary>Reads the block strictly and creates the move for this system.</summary>
    MonteCarloMove Create(ConfigMap options, ParticleSystem system);
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
            if (!factories.TryGetValue(name, out IMonteCarloMoveFactory? factory))
                throw map.Optional(name)!.Error($"unknown MC move '{name}'; known: {string.Join(", ", factories.Keys.Order(StringComparer.Ordinal))}{unknownHint?.Invoke()}");
            ConfigMap options = map.RequiredMap(name, "the move's options, e.g. {weight: 1}");
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

    public MonteCarloMove Create(ConfigMap options, ParticleSystem system) =>
        new TranslationMove(options.Number("weight", 1), options.Quantity("step", Dimension.Length, "0.5 angstrom"));
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

    public MonteCarloMove Create(ConfigMap options, ParticleSystem system) =>
        new RotationMove(options.Number("weight", 1), options.Quantity("step", Dimension.Angle, "30 deg"));
}
