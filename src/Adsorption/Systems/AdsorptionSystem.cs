using MatSim.Adsorption.ForceFields;
using MatSim.Adsorption.Grids;
using MatSim.Potentials.Configuration;
using MatSim.Simulation.Config;
using MatSim.Simulation.Energy;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.IO;
using MatSim.Simulation.IO.Cif;
using MatSim.Simulation.Structures;
using MatSim.Simulation.Systems;

namespace MatSim.Adsorption.Systems;

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
/// and its energy model: the models of an `energy:` list built through the registry from the
/// resolved force field (<see cref="AdsorptionForceField"/>), by default Lennard-Jones and Ewald.
/// </summary>
public sealed class AdsorptionSystem
{
    public required ParticleSystem System { get; init; }
    public required IEnergyModel Energy { get; init; }
    /// <summary>The `energy:` list the model was built from: the configuration's, or the force field's default.</summary>
    public required ConfigNode EnergyList { get; init; }
    /// <summary>Whether `framework-field` tabulates the framework (its atoms are then not in <see cref="System"/>).</summary>
    public required bool Gridded { get; init; }
    public required IReadOnlyList<MoleculeDefinition> Guests { get; init; }
    public required Replication UnitCells { get; init; }
    /// <summary>Mass of one unit cell of framework (u = g/mol).</summary>
    public required double FrameworkMassPerCell { get; init; }
    public required double UnitCellVolume { get; init; }
    public required bool Charged { get; init; }
    /// <summary>What it was built from (to build variants, e.g. with helium as the only guest).</summary>
    public required AdsorptionOptions Options { get; init; }

    public double FrameworkDensity => FrameworkMassPerCell * Simulation.Units.Units.AtomicMassSI * 1e30 / UnitCellVolume;   // kg/m³

    /// <summary>
    /// Builds the system and its energy: the models of <paramref name="energy"/> (an `energy:` list) from
    /// <paramref name="registry"/>, or the force field's default list (<see cref="AdsorptionForceField.DefaultEnergyList"/>)
    /// from the built-in models. The framework atoms are in the box unless `framework-field` tabulates them.
    /// Problems with the inputs are <see cref="ModelParameterException"/>s naming the type, or input errors at the list.
    /// </summary>
    public static AdsorptionSystem Build(AdsorptionOptions options, EnergyModelRegistry? registry = null, ConfigNode? energy = null)
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
        var forceField = AdsorptionForceField.Resolve(options, types, frameworkTypes, charges);
        ConfigNode list = energy ?? DefaultList(forceField);
        InteractionScope[] scopes = list.IsList ? list.AsList().Select(ScopeOf).ToArray() : [];
        IEnergyModel model = Scoped((registry ?? DefaultModels).Build(list, forceField.Context()), scopes);
        bool gridded = CompositeEnergy.TermsOf(model).Any(t => t is FrameworkGridEnergy);
        if (gridded && scopes.Contains(InteractionScope.HostGuest))
            throw list.AsList()[Array.IndexOf(scopes, InteractionScope.HostGuest)].Error(
                "acts_on: host-guest needs the framework atoms in the box, but framework-field tabulates them; drop framework-field (and grid:) to let this model see the framework");
        var system = new ParticleSystem(framework.Cell, types, options.Guests.Select(g => g.Species).ToArray(), (gridded ? 0 : framework.Count) + 64);
        if (!gridded)
            for (int i = 0; i < framework.Count; i++)
                system.AddFrameworkAtom(frameworkTypes[framework.Types[i]], charges[i % cif.Structure.Count], framework.Positions[i]);
        return new AdsorptionSystem
        {
            System = system,
            Energy = model,
            EnergyList = list,
            Gridded = gridded,
            Guests = options.Guests,
            UnitCells = cells,
            FrameworkMassPerCell = Enumerable.Range(0, cif.Structure.Count).Sum(i => types[frameworkTypes[cif.Structure.Types[i]]].Mass),
            UnitCellVolume = unitCell.Volume,
            Charged = forceField.FrameworkCharged || forceField.GuestsCharged,
            Options = options,
        };
    }

    /// <summary>The models an adsorption job knows without plug-ins: the tabulated framework, Lennard-Jones and Ewald.</summary>
    public static EnergyModelRegistry DefaultModels { get; } = new([new FrameworkFieldFactory(), new LennardJonesFactory(), new EwaldFactory()]);

    /// <summary>`acts_on:` of an energy block (adsorption jobs only): all, host-guest or guest-guest.</summary>
    private static InteractionScope ScopeOf(ConfigNode block)
    {
        if (!block.IsMap) return InteractionScope.All;   // the registry says what is wrong with it
        ConfigMap map = block.AsMap();
        InteractionScope scope = map.Choice("acts_on", "all", "all", "host-guest", "guest-guest") switch
        {
            "host-guest" => InteractionScope.HostGuest,
            "guest-guest" => InteractionScope.GuestGuest,
            _ => InteractionScope.All,
        };
        if (scope != InteractionScope.All && map.Optional("type")?.AsString() == "framework-field")
            throw map.Optional("acts_on")!.Error("framework-field is the framework–guest term itself; acts_on does not apply to it");
        return scope;
    }

    /// <summary>The list's models, each restricted to its scope.</summary>
    private static IEnergyModel Scoped(IEnergyModel model, InteractionScope[] scopes)
    {
        if (scopes.All(s => s == InteractionScope.All)) return model;
        IReadOnlyList<IEnergyModel> terms = model is CompositeEnergy sum ? sum.Terms : [model];
        IEnergyModel[] scoped = terms.Select((t, i) => scopes[i] == InteractionScope.All ? t
            : t is LocatedModel located ? new LocatedModel(new ScopedEnergy(located.Inner, scopes[i]), located.Block) : new ScopedEnergy(t, scopes[i])).ToArray();
        return scoped.Length == 1 ? scoped[0] : new CompositeEnergy(scoped);
    }

    private static ConfigNode DefaultList(AdsorptionForceField forceField) =>
        ConfigDocument.Parse($"energy: {forceField.DefaultEnergyList()}", "the default energy of the force field", Environment.CurrentDirectory).Required("energy", "");

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
}
