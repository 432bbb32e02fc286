using System.Globalization;
using MatSim.Simulation.Chemistry;
using MatSim.Simulation.Errors;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.IO;
using MatSim.Simulation.Systems;

namespace MatSim.Adsorption.ForceFields;

/// <summary>
/// Reads a RASPA molecule definition (<c>NAME.def</c>): critical constants (K, Pa, acentric factor),
/// then one group of atoms, rigid (with positions in Å) or a single flexible atom. Masses, charges
/// and elements of the atom types come from the force field's pseudo atoms; Lennard-Jones
/// parameters stay in the force field.
/// </summary>
public static class RaspaMolecule
{
    public static MoleculeDefinition Read(string path, ForceField forceField)
    {
        if (!File.Exists(path)) throw new InputException(new SourceLocation(path), "molecule definition not found");
        var lines = new List<(int Line, string[] Fields)>();
        int number = 0;
        foreach (string raw in File.ReadLines(path))
        {
            number++;
            string text = raw.Trim();
            if (text.Length == 0 || text.StartsWith('#')) continue;
            lines.Add((number, text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
        }
        int at = 0;
        (int Line, string[] Fields) Next(string what) =>
            at < lines.Count ? lines[at++] : throw new InputException(path, number, $"the file ends where {what} was expected");
        double Value(string what)
        {
            var (line, f) = Next(what);
            return NumberText.TryParse(f[0], out double v) ? v : throw new InputException(path, line, $"{what}: '{f[0]}' is not a number");
        }
        int Count(string what)
        {
            var (line, f) = Next(what);
            return int.TryParse(f[0], NumberStyles.None, CultureInfo.InvariantCulture, out int v) ? v : throw new InputException(path, line, $"{what}: '{f[0]}' is not a whole number");
        }
        double criticalTemperature = Value("the critical temperature (K)");
        double criticalPressure = Simulation.Units.Units.PascalToInternal(Value("the critical pressure (Pa)"));
        var critical = new CriticalConstants(criticalTemperature, criticalPressure, Value("the acentric factor"));
        int atoms = Count("the number of atoms");
        int groups = Count("the number of groups");
        if (groups != 1) throw new InputException(path, lines[at - 1].Line, $"{groups} groups: MatSim reads molecules of one group");
        var (kindLine, kind) = Next("rigid or flexible");
        bool rigid = kind[0].Equals("rigid", StringComparison.OrdinalIgnoreCase);
        if (!rigid && atoms != 1)
            throw new InputException(path, kindLine, "flexible molecules are not supported; MatSim's guests are rigid (or single atoms)");
        int groupAtoms = Count("the number of atoms of the group");
        if (groupAtoms != atoms) throw new InputException(path, lines[at - 1].Line, $"the group has {groupAtoms} atoms, the molecule {atoms}");
        var types = new List<string>();
        var positions = new List<Vec3>();
        var atomLines = new List<int>();
        for (int a = 0; a < atoms; a++)
        {
            var (line, f) = Next("an atom: index type x y z");
            atomLines.Add(line);
            if (f.Length < 2) throw new InputException(path, line, "expected: index type [x y z]");
            types.Add(f[1]);
            if (f.Length >= 5)
            {
                double[] r = f[2..5].Select(t => NumberText.TryParse(t, out double v) ? v : throw new InputException(path, line, $"'{t}' is not a number")).ToArray();
                positions.Add(new Vec3(r[0], r[1], r[2]));
            }
            else if (atoms == 1)
            {
                positions.Add(Vec3.Zero);
            }
            else
            {
                throw new InputException(path, line, "a rigid molecule needs the position of each atom");
            }
        }
        if (Species.FirstOverlap(positions) is var (first, second, distance))
            throw new InputException(path, atomLines[second], $"atom {second + 1} lies {distance:F3} Å from atom {first + 1}; atoms of a molecule must not overlap (less than {Species.OverlapDistance} Å)");
        var atomTypes = new List<AtomType>();
        var charges = new List<double>();
        var masses = new List<double>();
        foreach (string type in types)
        {
            ForceFieldEntry entry = forceField.Types.GetValueOrDefault(type) ??
                throw new InputException(path, 0, $"atom type '{type}' is not among the force field's pseudo atoms (pseudo_atoms.def)");
            Element element = Elements.TryFromLabel(type, out Element e) ? e : Elements.FromSymbol("C");
            double mass = entry.Mass ?? element.Mass;
            charges.Add(entry.Charge ?? 0);
            masses.Add(mass);
            if (atomTypes.All(t => t.Name != type)) atomTypes.Add(new AtomType(type, element, mass));
        }
        string name = Path.GetFileNameWithoutExtension(path);
        var species = new Species(name, types, charges, positions, masses);
        return new MoleculeDefinition(species, atomTypes, new Dictionary<string, IReadOnlyDictionary<string, double>>(), critical, $"RASPA definition {path}");
    }
}
