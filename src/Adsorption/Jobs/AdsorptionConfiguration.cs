using MatSim.Adsorption.ForceFields;
using MatSim.Adsorption.Grids;
using MatSim.Adsorption.Systems;
using MatSim.Simulation.Config;
using MatSim.Simulation.Energy;
using MatSim.Simulation.Engines.MonteCarlo;
using MatSim.Simulation.Plugins;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.IO;
using MatSim.Simulation.IO.Cif;
using MatSim.Simulation.Units;

namespace MatSim.Adsorption.Jobs;

/// <summary>A guest as configured: its molecule, share of the gas, and moves.</summary>
public sealed record ComponentSettings(MoleculeDefinition Molecule, double MoleFraction, IReadOnlyList<ComponentMove> Moves,
    double? FugacityCoefficient);

/// <summary>A move of a component: its factory, relative weight and the options of its block (empty when given as a bare weight).</summary>
public sealed record ComponentMove(IMonteCarloMoveFactory Factory, double Weight, ConfigMap Options);

/// <summary>The parts of an adsorption configuration all its jobs share.</summary>
public sealed record AdsorptionSetup(AdsorptionSystem Adsorption, double Temperature, IReadOnlyList<ComponentSettings> Components, string FrameworkName)
{
    /// <summary>The framework's charges per unit cell as given (e), before any neutralisation.</summary>
    public double NetCharge { get; init; }
    public NetChargePolicy NetChargePolicy { get; init; }

    /// <summary>The framework's charge figures for results.json.</summary>
    public System.Text.Json.Nodes.JsonObject ChargeReport() => new()
    {
        ["net_charge_e_per_cell"] = NetCharge,
        ["net_charge_policy"] = NetChargePolicy.ToString().ToLowerInvariant(),
    };
}

/// <summary>
/// Reads the keys adsorption jobs share: temperature, framework (CIF, charges, unit cells),
/// force field (MatSim YAML or a RASPA folder), cutoffs, Ewald precision and the components
/// (MatSim molecule files or RASPA .def files) with their move weights.
/// </summary>
public static class AdsorptionConfiguration
{
    /// <summary>The keys gcmc and widom share (docs/adsorption.md gives RASPA's equivalents).</summary>
    public static readonly IReadOnlyList<OptionInfo> SharedOptions =
    [
        new("temperature", "K", null, "temperature"),
        new("framework.file", "", null, "the framework's CIF"),
        new("framework.charges", "", "cif if the CIF has charges, else none", "cif | forcefield | none"),
        new("framework.net_charge", "", "error", "a framework whose charges do not sum to zero: error | neutralise | ignore"),
        new("framework.unit_cells", "", "the smallest the cutoffs allow", "[a, b, c] unit cells in the box"),
        new("forcefield.file", "", "or raspa", "a MatSim force-field YAML"),
        new("forcefield.raspa", "", "or file", "a RASPA force-field folder (force_field_mixing_rules.def, pseudo_atoms.def, …)"),
        new("cutoff", "Å", null, "Lennard-Jones cutoff"),
        new("charge_cutoff", "Å", "cutoff", "real-space Coulomb cutoff"),
        new("ewald_precision", "", "1e-6", "Ewald precision (α and k-vectors by the DL_POLY/RASPA rule)"),
        new("grid.spacing", "Å", "0.12 angstrom", "tabulate the framework (framework-field) with this spacing"),
        new("grid.cache", "", "$MATSIM_GRID_CACHE or ~/.local/share/matsim/grids", "folder where grids are kept"),
        new("allow_large", "", "false", "allow supercells above 100 000 framework atoms"),
        new("components[].molecule", "", "or raspa_molecule", "a MatSim molecule file"),
        new("components[].raspa_molecule", "", "or molecule", "a RASPA molecule .def file"),
        new("components[].net_charge", "", "error", "a guest whose charges do not sum to zero (an ion): error | ignore"),
        new("components[].mole_fraction", "", "1", "share of the gas"),
        new("components[].moves", "", "translation 0.5, rotation 0.5, reinsertion 0.5, swap 1, identity_change 0",
            "MOVE: weight, or MOVE: {weight, options…}, for any registered move (gcmc)"),
        new("components[].fugacity_coefficient", "", "from the equation of state", "φ, overriding the equation of state"),
        new("energy", "", "the force field's: [framework-field (with grid), lj, ewald]", "energy models, [{type: …}, …], as in mc/md"),
        new("energy[].type", "", null, "a registered energy model (`matsim plugins list`); its options beside it"),
        new("energy[].acts_on", "", "all", "all | host-guest | guest-guest: the part of the interactions a model contributes"),
    ];

    public static AdsorptionSetup Read(ConfigMap config, ComponentRegistry registry, IReadOnlyDictionary<string, double> defaultMoves)
    {
        double temperature = config.RequiredPositiveQuantity("temperature", Dimension.Temperature, "the temperature");

        ConfigMap fieldMap = config.RequiredMap("forcefield", "a force field: {file: FILE.yaml} or {raspa: FOLDER}");
        ForceField forceField = ReadForceField(fieldMap);

        ConfigMap frameworkMap = config.RequiredMap("framework", "the framework: {file: FILE.cif}");
        string cifPath = frameworkMap.RequiredFile("file", "the framework's CIF");
        CifStructure cif = CifReader.ReadFile(cifPath);
        foreach (string warning in cif.Warnings) frameworkMap.Node.Warn(warning);
        string chargeText = frameworkMap.Choice("charges", cif.HasCharges ? "cif" : "none", "cif", "forcefield", "none");
        NetChargePolicy policy = Enum.Parse<NetChargePolicy>(frameworkMap.Choice("net_charge", "error", "error", "neutralise", "ignore"), ignoreCase: true);
        Replication? cells = null;
        if (frameworkMap.Optional("unit_cells") is { } cellsNode)
        {
            IReadOnlyList<ConfigNode> n = cellsNode.AsList();
            if (n.Count != 3 || n.Any(c => c.AsInt() < 1)) throw cellsNode.Error("unit_cells needs three positive whole numbers, e.g. [2, 2, 2]");
            cells = new Replication(n[0].AsInt(), n[1].AsInt(), n[2].AsInt());
            frameworkMap.Record("unit_cells", new[] { cells.Value.A, cells.Value.B, cells.Value.C });
        }
        frameworkMap.EnsureNoUnknownKeys();

        double cutoff = config.RequiredPositiveQuantity("cutoff", Dimension.Length, "the Lennard-Jones cutoff");
        double chargeCutoff = config.PositiveQuantity("charge_cutoff", Dimension.Length, config.Optional("cutoff")!.AsString());
        double precision = config.Number("ewald_precision", 1e-6);
        double? gridSpacing = null;
        string? gridCache = null;
        if (config.OptionalMap("grid") is { } grid)
        {
            gridSpacing = grid.PositiveQuantity("spacing", Dimension.Length, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{FrameworkFieldFactory.DefaultSpacing} angstrom"));
            gridCache = grid.Optional("cache") is { } cacheNode ? cacheNode.AsPath() : FrameworkFieldFactory.DefaultCache();
            grid.Record("cache", gridCache);
            grid.EnsureNoUnknownKeys();
        }

        var components = new List<ComponentSettings>();
        ConfigNode list = config.Required("components", "the guests, e.g. [{molecule: ../data/molecules/co2-trappe.yaml}]");
        foreach (ConfigNode item in list.AsList()) components.Add(ReadComponent(item.AsMap(), forceField, registry.Moves, defaultMoves));
        if (components.Count == 0) throw list.Error("give at least one component");
        var duplicate = components.GroupBy(c => c.Molecule.Species.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate != null) throw list.Error($"component '{duplicate.Key}' is listed twice");

        CheckSupercellSize(config, frameworkMap, cif, cells ?? cif.Structure.Cell!.ReplicationFor(Math.Max(cutoff, chargeCutoff)));

        ChargeSource charges = chargeText switch { "cif" => ChargeSource.Cif, "forcefield" => ChargeSource.ForceField, _ => ChargeSource.None };
        AdsorptionSystem system;
        double netCharge;
        try
        {
            var options = new AdsorptionOptions
            {
                Framework = cif,
                ForceField = forceField,
                Guests = components.Select(c => c.Molecule).ToArray(),
                Cutoff = cutoff,
                ChargeCutoff = chargeCutoff,
                EwaldPrecision = precision,
                Charges = charges,
                UnitCells = cells,
                GridSpacing = gridSpacing,
                GridCache = gridCache,
                Neutralise = policy == NetChargePolicy.Neutralise,
            };
            netCharge = AdsorptionSystem.GivenCharges(options, cif).Sum();
            if (Math.Abs(netCharge) > FrameworkCharge.Tolerance && policy == NetChargePolicy.Error)
                throw frameworkMap.Node.Error(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"the framework's {chargeText} charges sum to {netCharge:G6} e per unit cell, not zero; ") +
                    "a charged framework makes the Coulomb energy of every polar guest an artefact of the neutralising background. " +
                    "Choose net_charge: neutralise (spread the excess over the atoms in proportion to |q|), net_charge: ignore (as RASPA does), or charges: none");
            if (Math.Abs(netCharge) > FrameworkCharge.Tolerance)
                frameworkMap.Node.Warn(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"the framework's charges sum to {netCharge:G6} e per unit cell; net_charge: {policy.ToString().ToLowerInvariant()}"));
            ConfigNode? energy = config.Optional("energy");
            system = AdsorptionSystem.Build(options, registry.EnergyModels, energy);
            if (energy == null) config.Record("energy", system.EnergyList.AsList().Select(item => item.AsMap().Resolved()).ToList());
            else if (gridSpacing != null && !system.Gridded)
                throw config.Optional("grid")!.Error("grid: sets the grids of framework-field, which the energy list does not name; add {type: framework-field} or remove grid");
        }
        catch (ModelParameterException e)
        {
            throw (e.Message.Contains("CIF", StringComparison.Ordinal) ? frameworkMap.Node : fieldMap.Node).Error(e.Message);
        }
        Cell super = system.System.Cell!;
        if (Math.Max(cutoff, chargeCutoff) > super.MaxMinimumImageCutoff + 1e-9)
            throw config.Optional("cutoff")!.Error($"the cutoff is more than half the smallest width of the {system.UnitCells} supercell " +
                $"({2 * super.MaxMinimumImageCutoff:G5} Å); remove unit_cells to let MatSim choose, or give more cells");
        // a model of the energy list may reach further than the job's cutoffs, which chose the supercell
        MinimumImageRange.Check(system.Energy, super, config.Node, $"the {system.UnitCells} supercell was chosen for cutoff {cutoff:G5} Å; raise cutoff or give unit_cells");
        CheckMoves(components, system.System);
        return new AdsorptionSetup(system, temperature, components, cif.Name) { NetCharge = netCharge, NetChargePolicy = policy };
    }

    /// <summary>
    /// A component's `moves:` — NAME: weight, or NAME: {weight, options…} for any registered move (a plug-in's too) —
    /// over the job's defaults; the defaults' order first (it fixes the random stream), then the others as written.
    /// </summary>
    private static List<ComponentMove> ReadMoves(ConfigMap component, MonteCarloMoveRegistry registry, IReadOnlyDictionary<string, double> defaults)
    {
        ConfigMap? given = component.OptionalMap("moves");
        var moves = new List<ComponentMove>();
        foreach (string name in defaults.Keys.Concat(given?.Keys.Where(k => !defaults.ContainsKey(k)) ?? []).ToList())
        {
            ConfigNode? node = given?.Optional(name);
            IMonteCarloMoveFactory factory = registry.Find(name, node ?? component.Node);
            ConfigMap options = node is { IsMap: true } ? node.AsMap() : NoOptions();
            if (factory.Options.Count > 0) options.Declare(factory.Options);
            double weight = node == null ? defaults[name] : node.IsMap ? options.Number("weight", 1) : given!.Record(name, node.AsNumber());
            if (weight < 0) throw node!.Error("a move weight must not be negative");
            moves.Add(new ComponentMove(factory, weight, options));
        }
        return moves;
    }

    /// <summary>
    /// Builds every component's moves once for a state point of zero fugacities, so that their blocks are read — and
    /// recorded, and their unknown keys refused — before anything runs (the runs build them again at their fugacities).
    /// </summary>
    private static void CheckMoves(IReadOnlyList<ComponentSettings> components, Simulation.Systems.ParticleSystem system)
    {
        for (int s = 0; s < components.Count; s++)
            foreach (ComponentMove move in components[s].Moves)
            {
                _ = move.Factory.Create(move.Options, new MoveContext(system) { Species = s, Fugacities = new double[components.Count], Weight = 1 }).ToList();
                move.Options.EnsureNoUnknownKeys();
            }
    }

    private static ConfigMap NoOptions() => ConfigDocument.Parse("{}", "no options", Environment.CurrentDirectory);

    /// <summary>Framework atoms in the simulation box above which a run is doubted, and above which it is refused unless `allow_large: true`.</summary>
    public const int LargeSupercellAtoms = 20_000, HugeSupercellAtoms = 100_000;

    /// <summary>A cutoff far beyond the usual 12–14 Å replicates the framework into a box of a size nobody meant.</summary>
    private static void CheckSupercellSize(ConfigMap config, ConfigMap frameworkMap, CifStructure cif, Replication cells)
    {
        long atoms = (long)cif.Structure.Count * cells.Count;
        bool allowLarge = config.Bool("allow_large", false);
        ConfigNode at = frameworkMap.Optional("unit_cells") ?? config.Optional("cutoff")!;
        string size = $"the {cells} supercell of {cif.Name} holds {atoms:N0} framework atoms";
        if (atoms > HugeSupercellAtoms && !allowLarge)
            throw at.Error($"{size} (more than {HugeSupercellAtoms:N0}); check the cutoff (usually 12–14 Å), or set allow_large: true if you mean it");
        if (atoms > LargeSupercellAtoms) at.Warn($"{size}; runs will be slow and memory-hungry");
    }

    /// <summary>Reads `forcefield: {file: FILE.yaml}` or `{raspa: FOLDER}`.</summary>
    public static ForceField ReadForceField(ConfigMap map)
    {
        ConfigNode? file = map.Optional("file"), raspa = map.Optional("raspa");
        if ((file == null) == (raspa == null)) throw map.Node.Error("give either file (MatSim's YAML) or raspa (a RASPA force-field folder)");
        ForceField field;
        if (file != null)
        {
            field = ForceFieldFile.Read(map.Record("file", file.AsExistingFile()));
        }
        else
        {
            string folder = raspa!.AsPath();
            if (!Directory.Exists(folder)) throw raspa.Error($"folder '{raspa.AsString()}' not found (looked for {folder})");
            field = RaspaForceField.Read(map.Record("raspa", folder));
        }
        map.EnsureNoUnknownKeys();
        return field;
    }

    private static ComponentSettings ReadComponent(ConfigMap map, ForceField forceField, MonteCarloMoveRegistry moveRegistry,
        IReadOnlyDictionary<string, double> defaultMoves)
    {
        ConfigNode? file = map.Optional("molecule"), raspa = map.Optional("raspa_molecule");
        if ((file == null) == (raspa == null)) throw map.Node.Error("give either molecule (a MatSim molecule file) or raspa_molecule (a RASPA .def)");
        MoleculeDefinition molecule;
        if (file != null)
        {
            molecule = MoleculeFile.Read(map.Record("molecule", file.AsExistingFile()));
        }
        else
        {
            molecule = RaspaMolecule.Read(map.Record("raspa_molecule", raspa!.AsExistingFile()), forceField);
        }
        // an ion is a deliberate choice (extra-framework cations as a component), never an accident of a molecule file
        double guestCharge = molecule.Species.TotalCharge;
        bool ionAllowed = map.Choice("net_charge", "error", "error", "ignore") == "ignore";
        if (Math.Abs(guestCharge) > FrameworkCharge.Tolerance && !ionAllowed)
            throw (file ?? raspa)!.Error(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"the charges of {molecule.Species.Name} sum to {guestCharge:G6} e, not zero; if this guest is an ion on purpose, give the component net_charge: ignore"));
        double fraction = map.Number("mole_fraction", 1.0);
        if (!(fraction >= 0)) throw map.Optional("mole_fraction")!.Error("the mole fraction must not be negative");
        List<ComponentMove> moves = ReadMoves(map, moveRegistry, defaultMoves);
        double? phi = map.Optional("fugacity_coefficient")?.AsNumber();
        if (phi != null) map.Record("fugacity_coefficient", phi.Value);
        map.EnsureNoUnknownKeys();
        return new ComponentSettings(molecule, fraction, moves, phi);
    }
}
