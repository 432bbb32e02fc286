using System.Reflection;
using System.Text.RegularExpressions;
using MatSim.Simulation.Energy;
using MatSim.Simulation.Engines.MonteCarlo;
using MatSim.Simulation.Jobs;

namespace MatSim.Simulation.Plugins;

/// <summary>
/// The one registry of MatSim's components: jobs, energy models and MC moves that configurations name
/// (built-ins and plug-ins, resolved through <see cref="Jobs"/>, <see cref="EnergyModels"/> and <see cref="Moves"/>), and
/// the samplers, reference calculators, structure formats and executors MatSim ships, listed with
/// their options. Names are lowercase; a plug-in's carry its vendor (`acme/morse`).
/// </summary>
public sealed partial class ComponentRegistry
{
    private readonly List<ComponentInfo> components = [];
    private readonly List<IJobFactory> jobs = [];
    private readonly List<PluginFailure> failures = [];
    private readonly HashSet<string> loadedPlugins = new(StringComparer.Ordinal);

    public ComponentRegistry()
    {
        EnergyModels = new EnergyModelRegistry([], Hint);
        Moves = new MonteCarloMoveRegistry(Hint);
    }

    public EnergyModelRegistry EnergyModels { get; }
    public MonteCarloMoveRegistry Moves { get; }

    /// <summary>Every component, sorted by kind and name.</summary>
    public IReadOnlyList<ComponentInfo> Components
    {
        get
        {
            lock (components) return components.OrderBy(c => c.Kind).ThenBy(c => c.Name, StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>Plug-ins that could not be loaded, with the reason.</summary>
    public IReadOnlyList<PluginFailure> Failures => failures;

    public void Register(IEnergyModelFactory factory)
    {
        Add(ComponentKind.EnergyModel, factory);
        EnergyModels.Register(factory);
    }

    public void Register(IMonteCarloMoveFactory factory)
    {
        Add(ComponentKind.MonteCarloMove, factory);
        Moves.Register(factory);
    }

    public void Register(IJobFactory factory)
    {
        Add(ComponentKind.Job, factory);
        lock (jobs) jobs.Add(factory);
    }

    /// <summary>The jobs configurations can name with `job:`, sorted by name.</summary>
    public IReadOnlyList<IJobFactory> Jobs
    {
        get
        {
            lock (jobs) return jobs.OrderBy(j => j.Name, StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>Lists a component that MatSim resolves by its own means (samplers, calculators, formats, executors).</summary>
    public void Describe(ComponentKind kind, IComponentFactory component, Assembly? implementedIn = null)
    {
        if (kind is ComponentKind.EnergyModel or ComponentKind.MonteCarloMove or ComponentKind.Job)
            throw new ArgumentException($"{kind} components are registered with Register, which also makes them resolvable");
        Add(kind, component, implementedIn);
    }

    /// <summary>Loads a plug-in assembly once (by full path) and registers its components; a failure is recorded, not thrown.</summary>
    public bool TryLoadPlugin(string assemblyPath)
    {
        string path = Path.GetFullPath(assemblyPath);
        lock (loadedPlugins)   // jobs prepared on several threads may name the same plug-in
        {
            if (!loadedPlugins.Add(path)) return failures.All(f => f.Path != path);
            try
            {
                foreach (IMatSimPlugin plugin in PluginLoader.Load(path)) plugin.Register(this);
                return true;
            }
            catch (PluginLoadException e)
            {
                failures.Add(new PluginFailure(path, e.Message));
                return false;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                failures.Add(new PluginFailure(path, $"its Register method failed: {e.GetType().Name}: {e.Message}"));
                return false;
            }
        }
    }

    /// <summary>Loads every plug-in of a folder: each in its own subfolder, `NAME/NAME.dll`.</summary>
    public void LoadPluginFolder(string folder)
    {
        if (!Directory.Exists(folder)) return;
        foreach (string sub in Directory.GetDirectories(folder).Order(StringComparer.Ordinal))
        {
            string dll = Path.Combine(sub, Path.GetFileName(sub) + ".dll");
            if (File.Exists(dll)) TryLoadPlugin(dll);
            else failures.Add(new PluginFailure(sub, $"a plug-in folder must hold {Path.GetFileName(sub)}.dll"));
        }
    }

    /// <summary>The plug-in folders: $MATSIM_PLUGINS (':'-separated) and ~/.matsim/plugins.</summary>
    public static IReadOnlyList<string> DefaultPluginFolders()
    {
        var folders = (Environment.GetEnvironmentVariable("MATSIM_PLUGINS") ?? "")
            .Split(':', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (home.Length > 0) folders.Add(Path.Combine(home, ".matsim", "plugins"));
        return folders;
    }

    private void Add(ComponentKind kind, IComponentFactory component, Assembly? implementedIn = null)
    {
        Assembly assembly = implementedIn ?? component.GetType().Assembly;
        bool builtIn = assembly.GetName().Name?.StartsWith("MatSim.", StringComparison.Ordinal) == true || assembly.GetName().Name == "matsim";
        if (!(builtIn ? BuiltInName() : PluginName()).IsMatch(component.Name))
            throw new PluginLoadException(builtIn
                ? $"built-in component name '{component.Name}' must be lowercase letters, digits, '-', '_' or '.'"
                : $"plug-in component name '{component.Name}' must be 'vendor/name' in lowercase (letters, digits, '-', '_', '.')");
        lock (components)
        {
            if (components.Any(c => c.Kind == kind && c.Name == component.Name))
                throw new PluginLoadException($"two {KindName(kind)}s are registered as '{component.Name}' (the second from {assembly.GetName().Name})");
            components.Add(new ComponentInfo(component.Name, kind, component.Description, component.Options,
                assembly.GetName().Name ?? "?", assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                    ?? assembly.GetName().Version?.ToString() ?? "?"));
        }
    }

    /// <summary>Said after "unknown NAME" so that a user learns why a plug-in component is missing.</summary>
    private string Hint() => failures.Count == 0 ? ""
        : "; plug-ins that failed to load: " + string.Join("; ", failures.Select(f => $"{f.Path}: {f.Reason}"));

    /// <summary>How a kind is written in messages and listings ("energy model", "MC move", …).</summary>
    public static string KindName(ComponentKind kind) => kind switch
    {
        ComponentKind.Job => "job",
        ComponentKind.EnergyModel => "energy model",
        ComponentKind.MonteCarloMove => "MC move",
        ComponentKind.Sampler => "sampler",
        ComponentKind.ReferenceCalculator => "reference calculator",
        ComponentKind.StructureFormat => "structure format",
        _ => "executor",
    };

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]*$")]
    private static partial Regex BuiltInName();

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]*/[a-z0-9][a-z0-9._-]*$")]
    private static partial Regex PluginName();
}

/// <summary>A plug-in that could not be loaded.</summary>
public sealed record PluginFailure(string Path, string Reason);

/// <summary>A component that exists under another kind's name, or plain static information: what `plugins list` shows.</summary>
public sealed record DescribedComponent(string Name, string Description, IReadOnlyList<OptionInfo> Options) : IComponentFactory;
