using MatSim.Adsorption.Systems;
using MatSim.Simulation.Config;
using MatSim.Simulation.Energy;
using MatSim.Simulation.Plugins;
using MatSim.Simulation.Units;

namespace MatSim.Adsorption.Grids;

/// <summary>
/// `type: framework-field` — the framework–guest energy of an adsorption job's force field (Lennard-Jones and
/// Coulomb) tabulated on grids; the framework atoms then leave the simulation box, so the other models of the
/// list act on the guests alone. Spacing and cache default to the job's `grid:` key.
/// </summary>
public sealed class FrameworkFieldFactory : IEnergyModelFactory
{
    public string Name => "framework-field";
    public string Description => "framework–guest Lennard-Jones and Coulomb of a gcmc/widom job's force field, tabulated on grids (the framework leaves the box)";
    public IReadOnlyList<OptionInfo> Options =>
    [
        new("spacing", "Å", "grid.spacing, else 0.12 angstrom", "grid spacing"),
        new("cache", "", "grid.cache, else $MATSIM_GRID_CACHE or ~/.local/share/matsim/grids", "folder where grids are kept for reuse; none: not kept"),
    ];

    public IEnergyModel Create(ConfigMap options, ModelContext context)
    {
        AdsorptionForceField forceField = context.Find<AdsorptionForceField>()
            ?? throw options.Node.Error("framework-field is the framework of an adsorption job (gcmc, widom); other jobs have no framework to tabulate");
        double spacing = options.PositiveQuantity("spacing", Dimension.Length, $"{(forceField.GridSpacing ?? DefaultSpacing).ToString("R", System.Globalization.CultureInfo.InvariantCulture)} angstrom");
        string? cache = options.Optional("cache") is { } cacheNode
            ? (cacheNode.AsString() == NoCache ? null : cacheNode.AsPath())
            : forceField.GridSpacing != null ? forceField.GridCache : DefaultCache();
        options.Record("cache", cache ?? NoCache);
        var field = new FrameworkField(new FrameworkFieldOptions
        {
            UnitCell = forceField.FrameworkCell,
            LennardJones = forceField.LennardJones,
            Ewald = forceField.FrameworkCharged ? forceField.Ewald : null,
            Spacing = spacing,
            CacheDirectory = cache,
        });
        return new FrameworkGridEnergy(field, forceField.FrameworkTail);
    }

    /// <summary>The cache value that keeps grids in memory only.</summary>
    public const string NoCache = "none";

    /// <summary>RASPA's usual grid spacing (Å).</summary>
    public const double DefaultSpacing = 0.12;

    /// <summary>$MATSIM_GRID_CACHE, else the user's cache folder (grids are large and reused across runs).</summary>
    public static string DefaultCache() =>
        Environment.GetEnvironmentVariable("MATSIM_GRID_CACHE") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "matsim", "grids");
}
