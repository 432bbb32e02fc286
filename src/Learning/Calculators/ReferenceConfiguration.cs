using MatSim.Simulation.Config;
using MatSim.Simulation.Energy;
using MatSim.Simulation.Plugins;
using MatSim.Simulation.Units;

namespace MatSim.Learning.Calculators;

/// <summary>
/// The `reference:` section: `{calculator: xtb, method: 2, charge: 0, unpaired_electrons: 0,
/// time_limit: 5 min, attempts: 2}` or `{calculator: model, energy: [ ...MatSim energy models... ]}`
/// (a MatSim potential as a cheap teacher). Results are cached under the run folder's `reference-cache/`.
/// </summary>
public sealed record ReferenceSettings(IReferenceCalculator Calculator, int Attempts, string? XtbExecutable, int Method, TimeSpan TimeLimit)
{
    private static readonly OptionInfo[] Retries =
    [
        new("time_limit", "s…min", "5 min", "per calculation"),
        new("attempts", "", "2", "tries before a failure is recorded"),
    ];

    /// <summary>The keys of `reference:` with `calculator: xtb`.</summary>
    public static readonly IReadOnlyList<OptionInfo> XtbOptions =
    [
        new("executable", "", "xtb", "program path"),
        new("method", "", "2", "GFN method 0, 1 or 2"),
        new("charge", "e", "0", "total charge"),
        new("unpaired_electrons", "", "0", "number of unpaired electrons"),
        .. Retries,
    ];

    /// <summary>The keys of `reference:` with `calculator: model`.</summary>
    public static readonly IReadOnlyList<OptionInfo> ModelOptions = [new("energy", "", null, "an energy list as in mc/md"), .. Retries];

    /// <summary>Every key of `reference:` (named relative to it).</summary>
    public static IEnumerable<OptionInfo> Options =>
        [new("calculator", "", "xtb", "xtb | model"), .. XtbOptions, .. ModelOptions.Where(o => Retries.All(r => r.Name != o.Name))];

    public static ReferenceSettings Read(ConfigMap config, EnergyModelRegistry registry)
    {
        ConfigMap map = config.RequiredMap("reference", "the reference calculator, e.g. {calculator: xtb, method: 2}");
        string kind = map.Choice("calculator", "xtb", "xtb", "model");
        int attempts = map.Int("attempts", 2);
        if (attempts < 1) throw map.Optional("attempts")!.Error("attempts must be at least 1");
        TimeSpan limit = TimeSpan.FromSeconds(Units.InternalToFemtoseconds(map.Quantity("time_limit", Dimension.Time, "5 min")) * 1e-15);
        if (limit <= TimeSpan.Zero) throw map.Optional("time_limit")!.Error("time_limit must be positive");
        if (kind == "model")
        {
            ConfigNode energy = map.Required("energy", "a list of MatSim energy models, e.g. [{type: nnp, model: ...}]");
            IEnergyModel model = registry.Build(energy, ModelContext.Empty);
            map.EnsureNoUnknownKeys();
            return new ReferenceSettings(new PotentialCalculator(model, Describe(energy)), attempts, null, 0, limit);
        }
        int method = map.Int("method", 2);
        if (method is < 0 or > 2) throw map.Optional("method")!.Error("method is the GFN level: 0, 1 or 2");
        int charge = map.Int("charge", 0), unpaired = map.Int("unpaired_electrons", 0);
        string executable = map.String("executable", "xtb");
        map.EnsureNoUnknownKeys();
        string resolved = executable.Contains('/') ? executable : XtbCalculator.Locate() ?? throw map.Node.Error(
            "the xtb program is not on PATH (Debian: apt-get install -y xtb), or give executable: /path/to/xtb");
        return new ReferenceSettings(new XtbCalculator(resolved, method, charge, unpaired, limit), attempts, resolved, method, limit);
    }

    /// <summary>The model list as written (types, files, parameters), so that cached results of another teacher are never reused.</summary>
    private static string Describe(ConfigNode energy) => energy.Text;
}
