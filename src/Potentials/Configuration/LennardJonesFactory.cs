using MatSim.Potentials.Classical;
using MatSim.Simulation.Config;
using MatSim.Simulation.Energy;
using MatSim.Simulation.Plugins;
using MatSim.Simulation.Units;

namespace MatSim.Potentials.Configuration;

/// <summary>
/// `type: lj` — Lennard-Jones between atoms of different molecules. Per-type ε and σ come from
/// the block's `atom_types` and, as defaults, from the molecule files of the system's species (in
/// gcmc and widom from the force field, which also supplies pairs, mixing, cutoff mode and tails).
/// </summary>
public sealed class LennardJonesFactory : IEnergyModelFactory
{
    public string Name => "lj";
    public string Description => "Lennard-Jones pair potential (mixing rules, truncated/shifted/force-shifted cutoff, tail corrections)";
    public IReadOnlyList<OptionInfo> Options =>
    [
        new("cutoff", "Å", null, "interaction cutoff"),
        new("cutoff_mode", "", "truncated", "truncated | shifted | force-shifted"),
        new("mixing", "", "lorentz-berthelot", "lorentz-berthelot | jorgensen"),
        new("atom_types", "", "from molecule files", "TYPE: {epsilon (K or energy), sigma (Å)}"),
        new("pairs", "", "mixed", "explicit pairs: [{types: [A, B], epsilon, sigma}]"),
        new("tail_correction", "", "false", "analytic energy and pressure tail corrections"),
        new("skin", "Å", "1 angstrom", "Verlet-list skin"),
    ];

    public IEnergyModel Create(ConfigMap options, ModelContext context)
    {
        string? Given(string key) => context.DefaultOf(Name, key);
        double cutoff = Given("cutoff") is { } jobCutoff
            ? options.PositiveQuantity("cutoff", Dimension.Length, jobCutoff)
            : options.RequiredPositiveQuantity("cutoff", Dimension.Length, "the interaction cutoff");
        string mode = options.Choice("cutoff_mode", Given("cutoff_mode") ?? "truncated", "truncated", "shifted", "force-shifted");
        string mixing = options.Choice("mixing", Given("mixing") ?? "lorentz-berthelot", "lorentz-berthelot", "jorgensen");
        var types = new Dictionary<string, LennardJonesPair>(StringComparer.Ordinal);
        foreach (var (type, parameters) in context.TypeParameters)
            if (Pair(parameters) is { } pair) types[type] = pair;
        if (options.OptionalMap("atom_types") is { } atomTypes)
        {
            foreach (string type in atomTypes.Keys.ToArray())
                types[type] = ReadPair(atomTypes.RequiredMap(type, "epsilon and sigma"));
            atomTypes.EnsureNoUnknownKeys();
        }
        var pairs = new Dictionary<(string, string), LennardJonesPair>();
        foreach (var (key, parameters) in context.PairParameters)
            if (Pair(parameters) is { } pair) pairs[key] = pair;
        if (options.Optional("pairs") is { } pairList)
        {
            foreach (ConfigNode item in pairList.AsList())
            {
                ConfigMap pair = item.AsMap();
                IReadOnlyList<ConfigNode> names = pair.Required("types", "the two atom types, e.g. [C_co2, O_co2]").AsList();
                if (names.Count != 2) throw pair.Node.Error("types: give exactly two atom types");
                pairs[(names[0].AsString(), names[1].AsString())] = ReadPair(pair);
                pair.EnsureNoUnknownKeys();
            }
        }
        return new LennardJones(new LennardJonesOptions
        {
            Types = types,
            Pairs = pairs,
            Mixing = mixing == "jorgensen" ? MixingRule.Jorgensen : MixingRule.LorentzBerthelot,
            Cutoff = cutoff,
            Mode = mode switch { "shifted" => CutoffMode.Shifted, "force-shifted" => CutoffMode.ForceShifted, _ => CutoffMode.Truncated },
            TailCorrection = options.Bool("tail_correction", Given("tail_correction") == "true"),
            Skin = options.Quantity("skin", Dimension.Length, "1 angstrom"),
        });
    }

    private static LennardJonesPair? Pair(IReadOnlyDictionary<string, double> parameters) =>
        parameters.TryGetValue("epsilon", out double epsilon) && parameters.TryGetValue("sigma", out double sigma)
            ? new LennardJonesPair(epsilon, sigma) : null;

    private static LennardJonesPair ReadPair(ConfigMap map)
    {
        double epsilon = map.RequiredQuantity("epsilon", Dimension.Energy, "the well depth (ε/k_B in K, or an energy)");
        double sigma = map.RequiredQuantity("sigma", Dimension.Length, "the size parameter");
        if (epsilon < 0) throw map.Optional("epsilon")!.Error("epsilon must not be negative");
        if (!(sigma > 0)) throw map.Optional("sigma")!.Error("sigma must be positive");
        return new LennardJonesPair(epsilon, sigma);
    }
}
