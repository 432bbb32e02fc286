using MatSim.Simulation.Chemistry;
using MatSim.Simulation.Config;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.Systems;
using MatSim.Simulation.Units;

namespace MatSim.Simulation.IO;

/// <summary>Critical constants of a gas for the Peng–Robinson equation of state: T_c in K, p_c in internal units (eV/Å³).</summary>
public sealed record CriticalConstants(double Temperature, double Pressure, double AcentricFactor);

/// <summary>A rigid molecule as defined in a MatSim molecule file, with its atom types and their parameters.</summary>
public sealed record MoleculeDefinition(
    Species Species,
    IReadOnlyList<AtomType> AtomTypes,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> TypeParameters,
    CriticalConstants? Critical,
    string Source);

/// <summary>
/// Reads MatSim's molecule files (YAML): atoms with type, element, position (in the unit named by
/// `length_unit`), charge (e) and optional mass (u; an element's standard mass otherwise, 0 for a
/// massless site); Lennard-Jones parameters of the types; critical constants; the source.
/// <code>
/// name: CO2
/// source: Potoff &amp; Siepmann, AIChE J. 47, 1676 (2001)
/// length_unit: angstrom
/// atoms:
///   - {type: O_co2, element: O, position: [-1.16, 0, 0], charge: -0.35}
/// lennard_jones:
///   O_co2: {epsilon: 79.0 K, sigma: 3.05 angstrom}
/// critical: {temperature: 304.1282 K, pressure: 73.773 bar, acentric_factor: 0.22394}
/// </code>
/// </summary>
public static class MoleculeFile
{
    public static MoleculeDefinition Read(string path)
    {
        ConfigMap root = ConfigDocument.Load(path);
        string name = root.RequiredString("name", "the molecule's name");
        string source = root.String("source", "");
        string lengthUnit = root.RequiredString("length_unit", "the unit of the atom positions, e.g. angstrom");
        if (!Quantity.TryParse($"1 {lengthUnit}", Dimension.Length, out double scale, out string error))
            throw root.Required("length_unit", "").Error(error);
        var types = new List<AtomType>();
        var atomTypes = new List<string>();
        var charges = new List<double>();
        var positions = new List<Vec3>();
        var masses = new List<double>();
        IReadOnlyList<ConfigNode> atomNodes = root.Required("atoms", "the list of atoms").AsList();
        foreach (ConfigNode item in atomNodes)
        {
            ConfigMap atom = item.AsMap();
            string type = atom.RequiredString("type", "the atom's force-field type");
            ConfigNode elementNode = atom.Required("element", "the chemical element, e.g. O");
            if (!Elements.TryFromSymbol(elementNode.AsString(), out Element element))
                throw elementNode.Error($"'{elementNode.AsString()}' is not an element symbol");
            IReadOnlyList<ConfigNode> xyz = atom.Required("position", "[x, y, z]").AsList();
            if (xyz.Count != 3) throw atom.Node.Error("position needs three numbers");
            double mass = atom.Optional("mass")?.AsQuantity(Dimension.Mass) ?? element.Mass;
            double charge = atom.Optional("charge")?.AsNumber() ?? 0;
            atom.EnsureNoUnknownKeys();
            atomTypes.Add(type);
            charges.Add(charge);
            positions.Add(scale * new Vec3(xyz[0].AsNumber(), xyz[1].AsNumber(), xyz[2].AsNumber()));
            masses.Add(mass);
            if (types.All(t => t.Name != type)) types.Add(new AtomType(type, element, mass));
        }
        if (Species.FirstOverlap(positions) is var (first, second, distance))
            throw atomNodes[second].Error($"atom {second + 1} lies {distance:F3} Å from atom {first + 1}; atoms of a molecule must not overlap (less than {Species.OverlapDistance} Å)");
        var parameters = new Dictionary<string, IReadOnlyDictionary<string, double>>(StringComparer.Ordinal);
        if (root.OptionalMap("lennard_jones") is { } lj)
        {
            foreach (string type in lj.Keys.ToArray())
            {
                ConfigMap p = lj.RequiredMap(type, "epsilon and sigma");
                parameters[type] = new Dictionary<string, double>
                {
                    ["epsilon"] = p.RequiredQuantity("epsilon", Dimension.Energy, "the well depth"),
                    ["sigma"] = p.RequiredQuantity("sigma", Dimension.Length, "the size parameter"),
                };
                p.EnsureNoUnknownKeys();
            }
            lj.EnsureNoUnknownKeys();
        }
        CriticalConstants? critical = null;
        if (root.OptionalMap("critical") is { } c)
        {
            critical = new CriticalConstants(
                c.RequiredQuantity("temperature", Dimension.Temperature, "the critical temperature"),
                c.RequiredQuantity("pressure", Dimension.Pressure, "the critical pressure"),
                c.RequiredNumber("acentric_factor", "the acentric factor"));
            c.EnsureNoUnknownKeys();
        }
        root.EnsureNoUnknownKeys();
        return new MoleculeDefinition(new Species(name, atomTypes, charges, positions, masses), types, parameters, critical, source);
    }
}
