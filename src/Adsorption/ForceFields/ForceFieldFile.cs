using MatSim.Potentials.Classical;
using MatSim.Simulation.Config;
using MatSim.Simulation.Units;

namespace MatSim.Adsorption.ForceFields;

/// <summary>
/// MatSim's force-field files (YAML). Each parameter carries its unit; σ may be given directly or
/// as the position of the minimum r_min = 2^(1/6) σ (how DREIDING and UFF tabulate it).
/// <code>
/// name: DREIDING + UFF
/// mixing: lorentz-berthelot        # or jorgensen
/// cutoff_mode: shifted             # truncated | shifted | force-shifted
/// tail_correction: false
/// elements:                        # defaults for framework atoms, by element
///   O: {epsilon: 0.0957 kcal/mol, r_min: 3.4046 angstrom}
/// atom_types:                      # by type name (exact), optionally with charge and mass
///   Cu1: {epsilon: 2.516 K, sigma: 3.114 angstrom, charge: 1.248 e}
/// patterns:                        # RASPA-style wildcards, later ones win
///   Zn_: {epsilon: 62.4 K, sigma: 2.462 angstrom}
/// pairs:
///   - {types: [O_co2, Zn1], epsilon: 50 K, sigma: 3.0 angstrom}
/// </code>
/// </summary>
public static class ForceFieldFile
{
    private static readonly double SixthRootOfTwo = Math.Pow(2, 1.0 / 6);

    public static ForceField Read(string path)
    {
        ConfigMap root = ConfigDocument.Load(path);
        var field = new ForceField
        {
            Name = root.String("name", Path.GetFileNameWithoutExtension(path)),
            Mixing = root.Choice("mixing", "lorentz-berthelot", "lorentz-berthelot", "jorgensen") == "jorgensen"
                ? MixingRule.Jorgensen : MixingRule.LorentzBerthelot,
            Mode = root.Choice("cutoff_mode", "shifted", "truncated", "shifted", "force-shifted") switch
            {
                "truncated" => CutoffMode.Truncated,
                "force-shifted" => CutoffMode.ForceShifted,
                _ => CutoffMode.Shifted,
            },
            TailCorrection = root.Bool("tail_correction", false),
            Elements = Entries(root.OptionalMap("elements")),
            Types = Entries(root.OptionalMap("atom_types")),
            Patterns = Entries(root.OptionalMap("patterns")).Select(p => new ForceFieldPattern(p.Key.TrimEnd('_'), p.Value)).ToArray(),
            Pairs = Pairs(root.Optional("pairs")),
        };
        root.String("source", "");
        root.EnsureNoUnknownKeys();
        return field;
    }

    private static Dictionary<string, ForceFieldEntry> Entries(ConfigMap? map)
    {
        var entries = new Dictionary<string, ForceFieldEntry>(StringComparer.Ordinal);
        if (map == null) return entries;
        foreach (string name in map.Keys.ToArray()) entries[name] = Entry(map.RequiredMap(name, "epsilon and sigma (or r_min)"));
        map.EnsureNoUnknownKeys();
        return entries;
    }

    private static ForceFieldEntry Entry(ConfigMap map)
    {
        LennardJonesPair? lj = null;
        if (map.Optional("epsilon") != null || map.Optional("sigma") != null || map.Optional("r_min") != null)
            lj = Pair(map);
        double? charge = map.Optional("charge")?.AsQuantity(Dimension.Charge);
        double? mass = map.Optional("mass")?.AsQuantity(Dimension.Mass);
        string source = map.String("source", "");
        map.EnsureNoUnknownKeys();
        return new ForceFieldEntry(lj, charge, mass, source);
    }

    private static LennardJonesPair Pair(ConfigMap map)
    {
        double epsilon = map.RequiredQuantity("epsilon", Dimension.Energy, "the well depth (ε/k_B in K, or an energy)");
        ConfigNode? sigmaNode = map.Optional("sigma"), rMinNode = map.Optional("r_min");
        if ((sigmaNode == null) == (rMinNode == null)) throw map.Node.Error("give either sigma or r_min (the position of the minimum)");
        double sigma = sigmaNode != null
            ? map.RequiredQuantity("sigma", Dimension.Length, "σ")
            : map.RequiredQuantity("r_min", Dimension.Length, "r_min") / SixthRootOfTwo;
        if (epsilon < 0) throw map.Optional("epsilon")!.Error("epsilon must not be negative");
        if (!(sigma > 0)) throw (sigmaNode ?? rMinNode)!.Error("must be positive");
        return new LennardJonesPair(epsilon, sigma);
    }

    private static Dictionary<(string, string), LennardJonesPair> Pairs(ConfigNode? list)
    {
        var pairs = new Dictionary<(string, string), LennardJonesPair>();
        if (list == null) return pairs;
        foreach (ConfigNode item in list.AsList())
        {
            ConfigMap pair = item.AsMap();
            IReadOnlyList<ConfigNode> names = pair.Required("types", "the two atom types, e.g. [C_co2, O1]").AsList();
            if (names.Count != 2) throw pair.Node.Error("types: give exactly two atom types");
            pairs[(names[0].AsString(), names[1].AsString())] = Pair(pair);
            pair.String("source", "");
            pair.EnsureNoUnknownKeys();
        }
        return pairs;
    }
}
