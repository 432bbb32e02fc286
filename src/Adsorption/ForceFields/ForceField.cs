using MatSim.Potentials.Classical;

namespace MatSim.Adsorption.ForceFields;

/// <summary>What a force field says about one atom type: Lennard-Jones parameters (null: no dispersion), charge, mass.</summary>
public sealed record ForceFieldEntry(LennardJonesPair? LennardJones, double? Charge = null, double? Mass = null, string Source = "");

/// <summary>
/// A RASPA-style wildcard rule: a name ending in '_' applies to every type whose name starts with
/// the part before it ("Zn_" → "Zn1", "Zn_a"); later rules override earlier ones.
/// </summary>
public sealed record ForceFieldPattern(string Prefix, ForceFieldEntry Entry);

/// <summary>
/// A classical force field as users keep them: parameters per atom type (exact names), wildcard
/// rules, per-element defaults for framework atoms, explicit unlike pairs, the mixing rule, what
/// happens at the cutoff and whether tail corrections apply. Read from MatSim's YAML
/// (<see cref="ForceFieldFile"/>) or from RASPA's files (<see cref="RaspaForceField"/>).
/// </summary>
public sealed record ForceField
{
    public string Name { get; init; } = "";
    public IReadOnlyDictionary<string, ForceFieldEntry> Types { get; init; } = new Dictionary<string, ForceFieldEntry>();
    public IReadOnlyList<ForceFieldPattern> Patterns { get; init; } = [];
    public IReadOnlyDictionary<string, ForceFieldEntry> Elements { get; init; } = new Dictionary<string, ForceFieldEntry>();
    public IReadOnlyDictionary<(string, string), LennardJonesPair> Pairs { get; init; } = new Dictionary<(string, string), LennardJonesPair>();
    public MixingRule Mixing { get; init; } = MixingRule.LorentzBerthelot;
    public CutoffMode Mode { get; init; } = CutoffMode.Shifted;
    public bool TailCorrection { get; init; }

    /// <summary>
    /// The entry of a type: its exact entry, else the last wildcard rule that matches its name, else
    /// the entry of its element (framework atoms), else null.
    /// </summary>
    public ForceFieldEntry? Resolve(string type, string? element)
    {
        if (Types.TryGetValue(type, out ForceFieldEntry? exact)) return exact;
        ForceFieldEntry? matched = null;
        foreach (ForceFieldPattern pattern in Patterns)
            if (type.StartsWith(pattern.Prefix, StringComparison.Ordinal)) matched = pattern.Entry;
        if (matched != null) return matched;
        return element != null && Elements.TryGetValue(element, out ForceFieldEntry? byElement) ? byElement : null;
    }

    /// <summary>This force field with another's entries added on top (the other wins).</summary>
    public ForceField With(ForceField overrides) => this with
    {
        Name = string.IsNullOrEmpty(Name) ? overrides.Name : $"{Name} + {overrides.Name}",
        Types = Types.Concat(overrides.Types).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value),
        Patterns = [.. Patterns, .. overrides.Patterns],
        Elements = Elements.Concat(overrides.Elements).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value),
        Pairs = Pairs.Concat(overrides.Pairs).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value),
    };
}
