using MatSim.Potentials.Classical;
using MatSim.Potentials.ForceFields;
using MatSim.Simulation.Energy;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.IO;
using MatSim.Simulation.IO.Cif;
using MatSim.Simulation.Structures;
using MatSim.Simulation.Systems;

namespace MatSim.Potentials.Adsorption;

/// <summary>Where the framework's charges come from.</summary>
public enum ChargeSource
{
    /// <summary>_atom_site_charge of the CIF.</summary>
    Cif,
    /// <summary>The force field's charge of each atom type.</summary>
    ForceField,
    /// <summary>An uncharged framework.</summary>
    None,
}

/// <summary>What an adsorption simulation is made of.</summary>
public sealed record AdsorptionOptions
{
    public required CifStructure Framework { get; init; }
    public required ForceField ForceField { get; init; }
    public required IReadOnlyList<MoleculeDefinition> Guests { get; init; }
    /// <summary>Lennard-Jones cutoff (Å).</summary>
    public required double Cutoff { get; init; }
    /// <summary>Real-space Coulomb cutoff (Å).</summary>
    public required double ChargeCutoff { get; init; }
    public double EwaldPrecision { get; init; } = 1e-6;
    public ChargeSource Charges { get; init; } = ChargeSource.Cif;
    /// <summary>Unit cells along a, b, c; the smallest that the cutoffs allow when null.</summary>
    public Replication? UnitCells { get; init; }
    /// <summary>Tabulate the framework's field on grids of this spacing (Å); direct sums when null.</summary>
    public double? GridSpacing { get; init; }
    /// <summary>Where grids are cached (null: not cached).</summary>
    public string? GridCache { get; init; }
    /// <summary>Spread the framework's net charge over its atoms in proportion to |q| so that it sums to zero.</summary>
    public bool Neutralise { get; init; }
}

/// <summary>
/// A rigid framework (the CIF replicated to the supercell the cutoffs need) with guest species,
/// and its energy model: Lennard-Jones from the force field (framework types resolved by exact
/// name, RASPA wildcard or element; guests by their own types) plus Ewald when anything is charged.
/// </summary>
public sealed class AdsorptionSystem
{
    public required ParticleSystem System { get; init; }
    public required IEnergyModel Energy { get; init; }
    public required IReadOnlyList<MoleculeDefinition> Guests { get; init; }
    public required Replication UnitCells { get; init; }
    /// <summary>Mass of one unit cell of framework (u = g/mol).</summary>
    public required double FrameworkMassPerCell { get; init; }
    public required double UnitCellVolume { get; init; }
    public required bool Charged { get; init; }
    /// <summary>What it was built from (to build variants, e.g. with helium as the only guest).</summary>
    public required AdsorptionOptions Options { get; init; }

    public double FrameworkDensity => FrameworkMassPerCell * Simulation.Units.Units.AtomicMassSI * 1e30 / UnitCellVolume;   // kg/m³

    /// <summary>Builds the system; problems with the inputs are <see cref="ModelParameterException"/>s naming the type.</summary>
    public static AdsorptionSystem Build(AdsorptionOptions options)
    {
        CifStructure cif = options.Framework;
        Cell unitCell = cif.Structure.Cell!;
        Replication cells = options.UnitCells ?? unitCell.ReplicationFor(Math.Max(options.Cutoff, options.ChargeCutoff));
        Structure framework = cif.Structure.Replicate(cells);
        var types = new List<AtomType>();
        var frameworkTypes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < cif.Structure.Count; i++)
        {
            string label = cif.Structure.Types[i];
            if (frameworkTypes.ContainsKey(label)) continue;
            ForceFieldEntry? entry = options.ForceField.Resolve(label, cif.Structure.Elements[i].Symbol);
            frameworkTypes[label] = types.Count;
            types.Add(new AtomType(label, cif.Structure.Elements[i], entry?.Mass ?? cif.Structure.Elements[i].Mass));
        }
        foreach (MoleculeDefinition guest in options.Guests)
        foreach (AtomType t in guest.AtomTypes)
        {
            if (frameworkTypes.ContainsKey(t.Name))
                throw new ModelParameterException($"guest atom type '{t.Name}' has the name of a framework site label; rename one of them");
            if (types.All(x => x.Name != t.Name)) types.Add(t);
        }
        double[] charges = FrameworkCharges(options, cif);
        bool charged = charges.Any(q => q != 0) || options.Guests.Any(g => g.Species.Charges.Any(q => q != 0));
        bool gridded = options.GridSpacing != null;
        var system = new ParticleSystem(framework.Cell, types, options.Guests.Select(g => g.Species).ToArray(), (gridded ? 0 : framework.Count) + 64);
        if (!gridded)
            for (int i = 0; i < framework.Count; i++)
                system.AddFrameworkAtom(frameworkTypes[framework.Types[i]], charges[i % cif.Structure.Count], framework.Positions[i]);

        var ljOptions = new LennardJonesOptions
        {
            Types = LennardJonesTypes(options, types, frameworkTypes),
            Pairs = options.ForceField.Pairs,
            Mixing = options.ForceField.Mixing,
            Cutoff = options.Cutoff,
            Mode = options.ForceField.Mode,
            TailCorrection = options.ForceField.TailCorrection,
        };
        var ewaldOptions = new EwaldOptions { RealCutoff = options.ChargeCutoff, Precision = options.EwaldPrecision };
        var models = new List<IEnergyModel> { new LennardJones(ljOptions) };
        bool guestsCharged = options.Guests.Any(g => g.Species.Charges.Any(q => q != 0));
        if (gridded)
        {
            var frameworkCell = new Structure(unitCell, cif.Structure.Elements, cif.Structure.Positions, cif.Structure.Types, charges);
            var field = new FrameworkField(new FrameworkFieldOptions
            {
                UnitCell = frameworkCell,
                LennardJones = ljOptions,
                Ewald = charges.Any(q => q != 0) ? ewaldOptions : null,
                Spacing = options.GridSpacing!.Value,
                CacheDirectory = options.GridCache,
            });
            models.Insert(0, new FrameworkGridEnergy(field, FrameworkTail(ljOptions, cif, types, frameworkTypes)));
            if (guestsCharged) models.Add(new Ewald(ewaldOptions));
        }
        else if (charged)
        {
            models.Add(new Ewald(ewaldOptions));
        }
        IEnergyModel energy = models.Count == 1 ? models[0] : new CompositeEnergy(models);
        return new AdsorptionSystem
        {
            System = system,
            Energy = energy,
            Guests = options.Guests,
            UnitCells = cells,
            FrameworkMassPerCell = Enumerable.Range(0, cif.Structure.Count).Sum(i => types[frameworkTypes[cif.Structure.Types[i]]].Mass),
            UnitCellVolume = unitCell.Volume,
            Charged = charged,
            Options = options,
        };
    }

    private static double[] FrameworkCharges(AdsorptionOptions options, CifStructure cif)
    {
        double[] charges = GivenCharges(options, cif);
        return options.Neutralise ? FrameworkCharge.Neutralised(charges) : charges;
    }

    /// <summary>The charges of the unit cell's atoms (e) as their source gives them, before any neutralisation.</summary>
    public static double[] GivenCharges(AdsorptionOptions options, CifStructure cif)
    {
        switch (options.Charges)
        {
            case ChargeSource.None:
                return new double[cif.Structure.Count];
            case ChargeSource.Cif:
                if (!cif.HasCharges)
                    throw new ModelParameterException($"the CIF of {cif.Name} has no _atom_site_charge for its sites; " +
                        "take charges from the force field (charges: forcefield) or run without (charges: none)");
                return cif.Structure.Charges.ToArray();
            default:
                return Enumerable.Range(0, cif.Structure.Count).Select(i =>
                {
                    string label = cif.Structure.Types[i];
                    ForceFieldEntry? entry = options.ForceField.Resolve(label, cif.Structure.Elements[i].Symbol);
                    return entry?.Charge ?? throw new ModelParameterException(
                        $"framework site '{label}' has no charge in the force field; give one, or use charges: cif or none");
                }).ToArray();
        }
    }

    /// <summary>
    /// Framework–guest tail correction per guest atom of each type when the framework is tabulated:
    /// (2π/V) Σ_ab (F_a N_b + N_a F_b) I_ab = Σ_b N_b (4π/V) Σ_a F_a I_ab, linear in the guest counts.
    /// </summary>
    private static Dictionary<string, double> FrameworkTail(LennardJonesOptions lj, CifStructure cif, List<AtomType> types,
        Dictionary<string, int> frameworkTypes)
    {
        var tails = new Dictionary<string, double>(StringComparer.Ordinal);
        if (!lj.TailCorrection) return tails;
        double volume = cif.Structure.Cell!.Volume, rc = lj.Cutoff;
        foreach (AtomType guest in types.Where(t => !frameworkTypes.ContainsKey(t.Name)))
        {
            double sum = 0;
            foreach (var group in cif.Structure.Types.GroupBy(t => t))
            {
                LennardJonesPair p = lj.PairParameters(group.Key, guest.Name);
                double s6 = Math.Pow(p.Sigma, 6), c12 = 4 * p.Epsilon * s6 * s6, c6 = 4 * p.Epsilon * s6;
                sum += group.Count() * (c12 / (9 * Math.Pow(rc, 9)) - c6 / (3 * rc * rc * rc));
            }
            tails[guest.Name] = 4 * Math.PI / volume * sum;
        }
        return tails;
    }

    private static Dictionary<string, LennardJonesPair> LennardJonesTypes(AdsorptionOptions options, List<AtomType> allTypes,
        Dictionary<string, int> frameworkTypes)
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
