using MatSim.Simulation.Config;

namespace MatSim.Simulation.Energy;

/// <summary>
/// What configuration-built energy models may know besides their own options: per-atom-type
/// parameters that molecule and force-field files supply (type → name → value in internal units,
/// e.g. "epsilon" in eV, "sigma" in Å).
/// </summary>
public sealed record ModelContext(IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> TypeParameters)
{
    public static readonly ModelContext Empty = new(new Dictionary<string, IReadOnlyDictionary<string, double>>());

    /// <summary>Parameters of explicit type pairs (a force field's exceptions to the mixing rule): (type, type) → name → value.</summary>
    public IReadOnlyDictionary<(string, string), IReadOnlyDictionary<string, double>> PairParameters { get; init; } =
        new Dictionary<(string, string), IReadOnlyDictionary<string, double>>();

    /// <summary>
    /// Values the job supplies for options a block leaves out, by model name then key, written as in a configuration
    /// (a gcmc job's cutoff and force-field settings for `lj`): the block's own value wins.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Defaults { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>();

    /// <summary>Objects the job shares with the models it builds (e.g. the framework of an adsorption run).</summary>
    public IReadOnlyList<object> Shared { get; init; } = [];

    /// <summary>The job's value for a model's option, or null.</summary>
    public string? DefaultOf(string model, string key) => Defaults.GetValueOrDefault(model)?.GetValueOrDefault(key);

    /// <summary>The shared object of a type, or null when the job shares none.</summary>
    public T? Find<T>() where T : class => Shared.OfType<T>().FirstOrDefault();
}

/// <summary>Creates an energy model of one kind from its configuration block (`type: NAME`).</summary>
public interface IEnergyModelFactory : Plugins.IComponentFactory
{
    /// <summary>Reads the block strictly (all its keys) and creates the model.</summary>
    IEnergyModel Create(ConfigMap options, ModelContext context);
}

/// <summary>The energy models known by name; builds the `energy:` list of a configuration.</summary>
public sealed class EnergyModelRegistry
{
    // concurrent: a campaign prepares jobs on several threads while one of them may load a plug-in
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, IEnergyModelFactory> factories = new(StringComparer.Ordinal);
    private readonly Func<string> unknownHint;

    /// <param name="all">The models known from the start.</param>
    /// <param name="unknownHint">Appended to "unknown energy model" errors (e.g. which plug-ins failed to load).</param>
    public EnergyModelRegistry(IEnumerable<IEnergyModelFactory> all, Func<string>? unknownHint = null)
    {
        this.unknownHint = unknownHint ?? (() => "");
        foreach (IEnergyModelFactory factory in all) Register(factory);
    }

    public void Register(IEnergyModelFactory factory)
    {
        if (!factories.TryAdd(factory.Name, factory))
            throw new ArgumentException($"two energy models are registered as '{factory.Name}'");
    }

    /// <summary>The key every block of an energy list has.</summary>
    public static readonly Plugins.OptionInfo TypeOption = new("type", "", null, "the energy model, by its registered name");

    public IEnumerable<IEnergyModelFactory> Factories => factories.Values.OrderBy(f => f.Name, StringComparer.Ordinal);

    /// <summary>The models of a configuration's `energy:` key (a list of blocks with `type:`), summed.</summary>
    public IEnergyModel Build(ConfigNode energyList, ModelContext context)
    {
        var models = new List<IEnergyModel>();
        foreach (ConfigNode item in energyList.AsList())
        {
            ConfigMap block = item.AsMap();
            if (block.Declared != null) block.Declare([TypeOption]);
            ConfigNode typeNode = block.Required("type", $"the kind of energy model: one of {string.Join(", ", factories.Keys.Order())}");
            string type = typeNode.AsString();
            if (!factories.TryGetValue(type, out IEnergyModelFactory? factory))
                throw typeNode.Error($"unknown energy model '{type}'; known: {string.Join(", ", factories.Keys.Order())}{unknownHint()}");
            block.Record("type", type);
            if (factory.Options.Count > 0) block.Declare([TypeOption, .. factory.Options]);
            else block.Undeclare();   // a plug-in that lists no options: its keys are read unchecked
            models.Add(new LocatedModel(factory.Create(block, context), block.Node));
            block.EnsureNoUnknownKeys();
        }
        if (models.Count == 0) throw energyList.Error("the energy list is empty; give at least one model");
        return models.Count == 1 ? models[0] : new CompositeEnergy(models);
    }
}

/// <summary>Monte Carlo's energy differences use the minimum image: no term may reach beyond half the cell's smallest width.</summary>
public static class MinimumImageRange
{
    /// <summary>An input error at the first term (its configuration block, else <paramref name="fallback"/>) that reaches too far.</summary>
    public static void Check(IEnergyModel model, Geometry.Cell? cell, ConfigNode fallback, string remedy)
    {
        if (cell == null) return;
        foreach (IEnergyModel term in model is CompositeEnergy sum ? sum.Terms : [model])
            if (term.PairRange is { } range && range > cell.MaxMinimumImageCutoff + 1e-9)
                throw (term is LocatedModel located ? located.Block : fallback).Error(
                    $"the cutoff of {term.Name}, {range:G6} Å, is more than half the smallest cell width ({2 * cell.MaxMinimumImageCutoff:G6} Å); " +
                    "Monte Carlo uses the minimum image: " + remedy);
    }
}

/// <summary>A model lacks parameters for the system it is bound to (e.g. an atom type without them).</summary>
public class ModelParameterException(string message) : Exception(message);

/// <summary>A configured model: binding errors become input errors that point at its configuration block.</summary>
public sealed class LocatedModel(IEnergyModel inner, ConfigNode block) : IEnergyModel
{
    public string Name => inner.Name;
    public double? PairRange => inner.PairRange;
    public ConfigNode Block => block;
    /// <summary>The model as its factory made it.</summary>
    public IEnergyModel Inner => inner;

    public IBoundEnergy Bind(Systems.ParticleSystem system)
    {
        try
        {
            return inner.Bind(system);
        }
        catch (ModelParameterException e)
        {
            throw block.Error(e.Message);
        }
    }
}
