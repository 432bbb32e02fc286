using System.Globalization;
using MatSim.Adsorption.ForceFields;
using MatSim.Potentials.Classical;
using MatSim.Simulation.Energy;
using MatSim.Simulation.Structures;
using MatSim.Simulation.Systems;

namespace MatSim.Adsorption.Systems;

/// <summary>
/// The force field of an adsorption run resolved for its framework and guests: Lennard-Jones parameters of every
/// atom type (framework types by exact name, RASPA wildcard or element; guests by their own types), the
/// framework's charges, cutoffs and Ewald precision. The energy models of gcmc and widom (`framework-field`,
/// `lj`, `ewald`) are built from it through the registry: it is shared with them by <see cref="Context"/>.
/// </summary>
public sealed class AdsorptionForceField
{
    public required LennardJonesOptions LennardJones { get; init; }
    public required EwaldOptions Ewald { get; init; }
    /// <summary>The framework's unit cell with the charges the run uses (e).</summary>
    public required Structure FrameworkCell { get; init; }
    /// <summary>Framework–guest tail correction per guest atom of each type (eV), when the force field asks for tails.</summary>
    public required IReadOnlyDictionary<string, double> FrameworkTail { get; init; }
    public required bool FrameworkCharged { get; init; }
    public required bool GuestsCharged { get; init; }
    /// <summary>Grid spacing (Å) and cache folder of `grid:` when the configuration tabulates the framework.</summary>
    public double? GridSpacing { get; init; }
    public string? GridCache { get; init; }

    /// <summary>
    /// The energy list a configuration without `energy:` runs: the tabulated framework (`framework-field`) and the
    /// guests' own Lennard-Jones and Ewald when `grid:` is given; otherwise Lennard-Jones and Ewald over framework
    /// and guest atoms together (direct sums, as RASPA without grids). Ewald only where there are charges to sum.
    /// </summary>
    public string DefaultEnergyList()
    {
        bool gridded = GridSpacing != null;
        var terms = new List<string>();
        if (gridded) terms.Add("{type: framework-field}");
        terms.Add("{type: lj}");
        if (GuestsCharged || (!gridded && FrameworkCharged)) terms.Add("{type: ewald}");
        return "[" + string.Join(", ", terms) + "]";
    }

    /// <summary>What the models of the energy list read from the force field: per-type and pair parameters, the job's defaults for `lj` and `ewald`, and this.</summary>
    public ModelContext Context()
    {
        static IReadOnlyDictionary<string, double> Parameters(LennardJonesPair p) =>
            new Dictionary<string, double> { ["epsilon"] = p.Epsilon, ["sigma"] = p.Sigma };
        static string Length(double angstrom) => angstrom.ToString("R", CultureInfo.InvariantCulture) + " angstrom";
        return new ModelContext(LennardJones.Types.ToDictionary(t => t.Key, t => Parameters(t.Value), StringComparer.Ordinal))
        {
            PairParameters = LennardJones.Pairs.ToDictionary(p => p.Key, p => Parameters(p.Value)),
            Defaults = new Dictionary<string, IReadOnlyDictionary<string, string>>
            {
                ["lj"] = new Dictionary<string, string>
                {
                    ["cutoff"] = Length(LennardJones.Cutoff),
                    ["cutoff_mode"] = LennardJones.Mode switch { CutoffMode.Shifted => "shifted", CutoffMode.ForceShifted => "force-shifted", _ => "truncated" },
                    ["mixing"] = LennardJones.Mixing == MixingRule.Jorgensen ? "jorgensen" : "lorentz-berthelot",
                    ["tail_correction"] = LennardJones.TailCorrection ? "true" : "false",
                },
                ["ewald"] = new Dictionary<string, string>
                {
                    ["cutoff"] = Length(Ewald.RealCutoff),
                    ["precision"] = Ewald.Precision!.Value.ToString("R", CultureInfo.InvariantCulture),
                },
            },
            Shared = [this],
        };
    }

    /// <summary>Resolves the force field for the framework's atom types and the guests' (listed in <paramref name="types"/>, framework first).</summary>
    internal static AdsorptionForceField Resolve(AdsorptionOptions options, IReadOnlyList<AtomType> types, IReadOnlyDictionary<string, int> frameworkTypes,
        double[] charges)
    {
        Structure unitCell = options.Framework.Structure;
        var lj = new LennardJonesOptions
        {
            Types = LennardJonesTypes(options, types, frameworkTypes),
            Pairs = options.ForceField.Pairs,
            Mixing = options.ForceField.Mixing,
            Cutoff = options.Cutoff,
            Mode = options.ForceField.Mode,
            TailCorrection = options.ForceField.TailCorrection,
        };
        return new AdsorptionForceField
        {
            LennardJones = lj,
            Ewald = new EwaldOptions { RealCutoff = options.ChargeCutoff, Precision = options.EwaldPrecision },
            FrameworkCell = new Structure(unitCell.Cell!, unitCell.Elements, unitCell.Positions, unitCell.Types, charges),
            FrameworkTail = TailPerGuestAtom(lj, unitCell, types, frameworkTypes),
            FrameworkCharged = charges.Any(q => q != 0),
            GuestsCharged = options.Guests.Any(g => g.Species.Charges.Any(q => q != 0)),
            GridSpacing = options.GridSpacing,
            GridCache = options.GridCache,
        };
    }

    /// <summary>
    /// Framework–guest tail correction per guest atom of each type when the framework is tabulated:
    /// (2π/V) Σ_ab (F_a N_b + N_a F_b) I_ab = Σ_b N_b (4π/V) Σ_a F_a I_ab, linear in the guest counts.
    /// </summary>
    private static Dictionary<string, double> TailPerGuestAtom(LennardJonesOptions lj, Structure unitCell, IReadOnlyList<AtomType> types,
        IReadOnlyDictionary<string, int> frameworkTypes)
    {
        var tails = new Dictionary<string, double>(StringComparer.Ordinal);
        if (!lj.TailCorrection) return tails;
        double volume = unitCell.Cell!.Volume, rc = lj.Cutoff;
        foreach (AtomType guest in types.Where(t => !frameworkTypes.ContainsKey(t.Name)))
        {
            double sum = 0;
            foreach (var group in unitCell.Types.GroupBy(t => t))
            {
                LennardJonesPair p = lj.PairParameters(group.Key, guest.Name);
                double s6 = Math.Pow(p.Sigma, 6), c12 = 4 * p.Epsilon * s6 * s6, c6 = 4 * p.Epsilon * s6;
                sum += group.Count() * (c12 / (9 * Math.Pow(rc, 9)) - c6 / (3 * rc * rc * rc));
            }
            tails[guest.Name] = 4 * Math.PI / volume * sum;
        }
        return tails;
    }

    private static Dictionary<string, LennardJonesPair> LennardJonesTypes(AdsorptionOptions options, IReadOnlyList<AtomType> allTypes,
        IReadOnlyDictionary<string, int> frameworkTypes)
    {
        var result = new Dictionary<string, LennardJonesPair>(StringComparer.Ordinal);
        foreach (AtomType type in allTypes)
        {
            bool isFramework = frameworkTypes.ContainsKey(type.Name);
            ForceFieldEntry? entry = options.ForceField.Resolve(type.Name, isFramework ? type.Element.Symbol : null);
            if (entry?.LennardJones is { } lj)
            {
                result[type.Name] = lj;
            }
            else if (entry != null && !isFramework && entry.LennardJones == null && options.Guests.All(g => !g.TypeParameters.ContainsKey(type.Name)))
            {
                result[type.Name] = new LennardJonesPair(0, 1);   // a site without dispersion (RASPA "none")
            }
            else if (options.Guests.Select(g => g.TypeParameters.GetValueOrDefault(type.Name)).FirstOrDefault(p => p != null) is { } fromMolecule)
            {
                result[type.Name] = new LennardJonesPair(fromMolecule["epsilon"], fromMolecule["sigma"]);
            }
            else if (entry != null && entry.LennardJones == null && isFramework)
            {
                result[type.Name] = new LennardJonesPair(0, 1);
            }
            else
            {
                throw new ModelParameterException(isFramework
                    ? $"framework site '{type.Name}' ({type.Element.Symbol}) has no Lennard-Jones parameters in force field '{options.ForceField.Name}' " +
                      "(no exact type, wildcard or element entry)"
                    : $"guest atom type '{type.Name}' has no Lennard-Jones parameters in the force field or its molecule file");
            }
        }
        return result;
    }
}
