using System.Text.Json.Nodes;
using MatSim.Adsorption.ForceFields;
using MatSim.Adsorption.Jobs;
using MatSim.Adsorption.Systems;
using MatSim.Descriptors.Frameworks;
using MatSim.Simulation.Config;
using MatSim.Simulation.IO.Cif;
using MatSim.Simulation.Jobs;
using MatSim.Simulation.Plugins;
using MatSim.Simulation.Units;

namespace MatSim.Screening.Jobs;

/// <summary>
/// `job: framework-descriptors` — the descriptors of one framework CIF: density, N2-accessible surface area,
/// largest cavity and pore-limiting diameters, geometric void fraction, element composition and RACs. Atom sizes
/// are the force field's Lennard-Jones σ of each framework atom (the same force field the adsorption jobs use).
/// </summary>
public sealed class FrameworkDescriptorJobFactory : IJobFactory
{
    public string Name => "framework-descriptors";
    public string Description => "Framework descriptors: density, surface area, pore diameters, void fraction, composition, RACs";

    public IReadOnlyList<OptionInfo> Options =>
    [
        new("framework.file", "", null, "the framework's CIF"),
        new("forcefield.file", "", "or raspa", "a MatSim force-field YAML (atom sizes)"),
        new("forcefield.raspa", "", "or file", "a RASPA force-field folder"),
        new("probe_diameter", "Å", "3.681 angstrom (N2)", "probe of the accessible surface"),
        new("grid_spacing", "Å", "0.25 angstrom", "grid of the pore geometry"),
        new("surface_points_per_atom", "", "500", "sphere points per atom (at least 10)"),
    ];

    public IJob Bind(ConfigMap config, ulong seed)
    {
        ConfigMap framework = config.RequiredMap("framework", "the framework: {file: FILE.cif}");
        string cifPath = framework.RequiredFile("file", "the framework's CIF");
        framework.EnsureNoUnknownKeys();
        ConfigMap field = config.RequiredMap("forcefield", "a force field for the atom sizes: {file: FILE.yaml} or {raspa: FOLDER}");
        ForceField forceField = AdsorptionConfiguration.ReadForceField(field);
        var options = new FrameworkDescriptorOptions
        {
            ProbeDiameter = config.PositiveQuantity("probe_diameter", Dimension.Length, $"{AccessibleSurfaceArea.NitrogenProbeDiameter} angstrom"),
            GridSpacing = config.PositiveQuantity("grid_spacing", Dimension.Length, "0.25 angstrom"),
            SurfacePointsPerAtom = config.Count("surface_points_per_atom", 500),
        };
        if (options.SurfacePointsPerAtom < 10) throw config.Optional("surface_points_per_atom")!.Error("use at least 10 points");
        CifStructure cif = CifReader.ReadFile(cifPath);
        double[] diameters = new double[cif.Structure.Count];
        for (int i = 0; i < diameters.Length; i++)
        {
            string symbol = cif.Structure.Elements[i].Symbol;
            ForceFieldEntry? entry = forceField.Resolve(cif.Labels[i], symbol);
            if (entry?.LennardJones is not { } lj || !(lj.Sigma > 0))
                throw framework.Optional("file")!.Error($"{cif.Name}: the force field gives no Lennard-Jones σ for atom {cif.Labels[i]} ({symbol})");
            diameters[i] = lj.Sigma;
        }
        return new FrameworkDescriptorJob(cif, diameters, options);
    }
}

internal sealed class FrameworkDescriptorJob(CifStructure cif, double[] diameters, FrameworkDescriptorOptions options) : IJob
{
    public JsonObject Run(RunContext context)
    {
        context.Log.Info($"descriptors of {cif.Name} ({cif.Structure.Count} atoms, {cif.Structure.Formula})");
        SortedDictionary<string, double> values;
        try
        {
            values = FrameworkDescriptors.Compute(cif.Structure, diameters, options);
        }
        catch (ArgumentException e)
        {
            throw new Simulation.Errors.InputException(new Simulation.Errors.SourceLocation(cif.Name), e.Message);
        }
        var descriptors = new JsonObject();
        foreach (var (name, value) in values) descriptors[name] = value;
        context.Log.Info($"LCD {values["largest_cavity_diameter_A"]:F2} Å, PLD {values["pore_limiting_diameter_A"]:F2} Å, " +
            $"ASA {values["accessible_surface_area_m2_per_g"]:F0} m²/g, density {values["density_g_per_cm3"]:F3} g/cm³");
        return new JsonObject
        {
            ["framework"] = cif.Name,
            ["settings"] = new JsonObject
            {
                ["probe_diameter_A"] = options.ProbeDiameter,
                ["grid_spacing_A"] = options.GridSpacing,
                ["surface_points_per_atom"] = options.SurfacePointsPerAtom,
                ["atom_sizes"] = "force-field Lennard-Jones sigma (radius sigma/2 for the pore grid)",
            },
            ["descriptors"] = descriptors,
        };
    }
}
