using MatSim.Simulation.Chemistry;
using MatSim.Simulation.Energy;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.IO;
using MatSim.Simulation.Random;
using MatSim.Simulation.Structures;
using MatSim.Simulation.Systems;
using MatSim.Simulation.Units;

namespace MatSim.Simulation.Config;

/// <summary>A system built from a configuration, with what energy models need to know about its types.</summary>
public sealed record SystemSetup(ParticleSystem System, ModelContext Context, IReadOnlyList<MoleculeDefinition> Molecules);

/// <summary>
/// The `system:` block of a configuration. Either the atoms of a structure file
/// (`structure: FILE`; molecules from its molecule column, other atoms single), or a cell
/// (`cell: {cubic: L}`, `{lengths: [a, b, c], angles: [α, β, γ]}` or `{density: ρ}` for a cube holding
/// the molecules at that number density) filled with molecules on a lattice
/// (`species:` atoms or molecule files, `fill: [{species: NAME, count: N}]`, `lattice: sc|fcc`).
/// </summary>
public static class SystemConfiguration
{
    /// <summary>The keys of a `system:` mapping (names relative to it; <see cref="OptionPaths.Under"/> places them).</summary>
    public static readonly IReadOnlyList<Plugins.OptionInfo> Options =
    [
        new("structure", "", "or cell", "a structure file (CIF, extended XYZ) holding the system"),
        new("frame", "", "0", "the frame of an extended XYZ file"),
        new("cell.cubic", "Å", "or lengths or density", "edge of a cubic cell"),
        new("cell.lengths", "Å", "or cubic or density", "[a, b, c]"),
        new("cell.angles", "deg", "with lengths", "[α, β, γ]"),
        new("cell.density", "1/Å³", "or cubic or lengths", "molecules per volume (a cubic cell)"),
        new("species[].file", "", "or atom", "a molecule file (MatSim YAML)"),
        new("species[].name", "", "from the file or the type", "the species' name"),
        new("species[].atom.element", "", "with atom", "an atom as a species: its element"),
        new("species[].atom.type", "", "the element", "its atom type"),
        new("species[].atom.mass", "u", "the element's", "its mass"),
        new("species[].atom.charge", "e", "0 e", "its charge"),
        new("fill[].species", "", "with fill", "a species to place"),
        new("fill[].count", "", "with fill", "how many molecules"),
        new("lattice", "", "sc", "where the molecules start: sc | fcc"),
    ];

    /// <summary>Builds the system a `system:` block describes.</summary>
    /// <param name="system">the `system:` block</param>
    /// <param name="rng">random stream for placing molecules</param>
    /// <param name="allowCluster">Accept a structure file without a cell (a cluster, e.g. for flow samplers).</param>
    public static SystemSetup Read(ConfigMap system, Rng rng, bool allowCluster = false)
    {
        ConfigNode? structureNode = system.Optional("structure");
        ConfigNode? cellNode = system.Optional("cell");
        if (structureNode != null && cellNode != null)
            throw cellNode.Error("give either a structure file or a cell to fill, not both");
        if (structureNode != null) return FromStructure(system, structureNode, allowCluster);
        if (cellNode == null)
            throw system.Node.Error("missing key 'structure' (a CIF or extended XYZ file) or 'cell' (with species and fill)");
        return FromFill(system, cellNode.AsMap(), rng);
    }

    private static SystemSetup FromStructure(ConfigMap system, ConfigNode node, bool allowCluster)
    {
        string path = node.AsExistingFile();
        system.Record("structure", path);
        int frame = system.Int("frame", 0);
        LoadedStructure loaded = StructureFile.Read(path, frame);
        if (loaded.Structure.Cell == null && !allowCluster) throw node.Error("the structure has no cell; a periodic simulation needs one (Lattice= in extended XYZ)");
        return new SystemSetup(SystemBuilder.FromStructure(loaded.Structure), ModelContext.Empty, []);
    }

    private static SystemSetup FromFill(ConfigMap system, ConfigMap cellMap, Random.Rng rng)
    {
        var definitions = new List<MoleculeDefinition>();
        foreach (ConfigNode item in system.Required("species", "the molecules or atoms of the system").AsList())
            definitions.Add(ReadSpecies(item.AsMap()));
        var duplicate = definitions.GroupBy(d => d.Species.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate != null) throw system.Optional("species")!.Error($"species '{duplicate.Key}' is defined twice");

        var types = new List<AtomType>();
        var parameters = new Dictionary<string, IReadOnlyDictionary<string, double>>(StringComparer.Ordinal);
        foreach (MoleculeDefinition d in definitions)
        {
            foreach (AtomType t in d.AtomTypes)
            {
                AtomType? existing = types.FirstOrDefault(x => x.Name == t.Name);
                if (existing == null) types.Add(t);
                else if (existing != t)
                    throw system.Optional("species")!.Error($"atom type '{t.Name}' is defined differently by two species (element or mass)");
            }
            foreach (var (type, p) in d.TypeParameters) parameters[type] = p;
        }

        var counts = new List<(int Species, int Count)>();
        if (system.Optional("fill") is { } fillNode)
        {
            foreach (ConfigNode item in fillNode.AsList())
            {
                ConfigMap fill = item.AsMap();
                ConfigNode name = fill.Required("species", "the species to place");
                int index = definitions.FindIndex(d => d.Species.Name == name.AsString());
                if (index < 0)
                    throw name.Error($"unknown species '{name.AsString()}'; defined: {string.Join(", ", definitions.Select(d => d.Species.Name))}");
                int count = fill.RequiredInt("count", "how many molecules");
                if (count < 0) throw fill.Optional("count")!.Error("count must not be negative");
                fill.Record("species", name.AsString());
                fill.EnsureNoUnknownKeys();
                counts.Add((index, count));
            }
        }
        LatticeKind lattice = system.Choice("lattice", "sc", "sc", "fcc") == "fcc" ? LatticeKind.FaceCentredCubic : LatticeKind.SimpleCubic;
        Cell cell = ReadCell(cellMap, counts.Sum(c => c.Count));
        CheckPacking(cellMap.Node, definitions, counts, parameters, cell);
        var particles = new ParticleSystem(cell, types, definitions.Select(d => d.Species).ToArray(), Math.Max(16, counts.Sum(c => c.Count * definitions[c.Species].Species.AtomCount)));
        LatticeFill.Fill(particles, counts, lattice, rng);
        return new SystemSetup(particles, new ModelContext(parameters), definitions);
    }

    /// <summary>Packing fraction above which no fluid or solid of Lennard-Jones spheres exists (close packing of σ-spheres: 0.74).</summary>
    public const double ImpossiblePacking = 0.9, DensePacking = 0.6;

    /// <summary>
    /// The volume the molecules' atoms take as spheres of diameter σ (where every type has a Lennard-Jones σ) over
    /// the cell's: a density typed in the wrong unit fills the box many times over and every move is rejected.
    /// </summary>
    private static void CheckPacking(ConfigNode cellNode, List<MoleculeDefinition> definitions, List<(int Species, int Count)> counts,
        Dictionary<string, IReadOnlyDictionary<string, double>> parameters, Cell cell)
    {
        double occupied = 0;
        foreach (var (species, count) in counts)
            foreach (string type in definitions[species].Species.AtomTypes)
            {
                if (!parameters.TryGetValue(type, out var p) || !p.TryGetValue("sigma", out double sigma)) return;
                occupied += count * Math.PI / 6 * sigma * sigma * sigma;
            }
        double packing = occupied / cell.Volume;
        string what = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"the molecules fill {packing:G3} of the cell's volume as spheres of diameter σ");
        if (packing > ImpossiblePacking)
            throw cellNode.Error($"{what}; close-packed spheres fill 0.74, so this is no physical state: check the density or cell and its unit");
        if (packing > DensePacking) cellNode.Warn($"{what}: denser than a liquid at its triple point (about 0.45); moves will rarely be accepted");
    }

    private static Cell ReadCell(ConfigMap cell, int molecules)
    {
        ConfigNode? cubic = cell.Optional("cubic"), lengths = cell.Optional("lengths"), density = cell.Optional("density");
        int given = (cubic != null ? 1 : 0) + (lengths != null ? 1 : 0) + (density != null ? 1 : 0);
        if (given != 1) throw cell.Node.Error("give exactly one of: cubic (edge), lengths with angles, density (of the filled molecules)");
        Cell result;
        if (cubic != null)
        {
            double edge = cell.RequiredQuantity("cubic", Dimension.Length, "the cube's edge");
            if (!(edge > 0)) throw cubic.Error("the edge must be positive");
            result = Cell.Cubic(edge);
        }
        else if (density != null)
        {
            double rho = cell.RequiredQuantity("density", Dimension.NumberDensity, "molecules per volume");
            if (!(rho > 0)) throw density.Error("the density must be positive");
            if (molecules == 0) throw density.Error("a density needs molecules to fill the cell with");
            result = Cell.Cubic(Math.Cbrt(molecules / rho));
        }
        else
        {
            IReadOnlyList<ConfigNode> l = lengths!.AsList();
            ConfigNode anglesNode = cell.Required("angles", "α, β, γ, e.g. [90 deg, 90 deg, 90 deg]");
            IReadOnlyList<ConfigNode> a = anglesNode.AsList();
            if (l.Count != 3) throw lengths.Error("three lengths, e.g. [25 angstrom, 25 angstrom, 30 angstrom]");
            if (a.Count != 3) throw anglesNode.Error("three angles, e.g. [90 deg, 90 deg, 120 deg]");
            double Deg(ConfigNode n) => n.AsQuantity(Dimension.Angle) * 180 / Math.PI;
            try
            {
                result = Cell.FromParameters(l[0].AsQuantity(Dimension.Length), l[1].AsQuantity(Dimension.Length), l[2].AsQuantity(Dimension.Length),
                    Deg(a[0]), Deg(a[1]), Deg(a[2]));
            }
            catch (ArgumentException e)
            {
                throw cell.Node.Error(e.Message);
            }
            cell.Record("lengths", l.Select(n => n.AsString()).ToArray());
            cell.Record("angles", a.Select(n => n.AsString()).ToArray());
        }
        cell.EnsureNoUnknownKeys();
        return result;
    }

    private static MoleculeDefinition ReadSpecies(ConfigMap map)
    {
        ConfigNode? file = map.Optional("file"), atom = map.Optional("atom");
        if ((file == null) == (atom == null)) throw map.Node.Error("give a species either 'file' (a molecule file) or 'atom' (a single atom)");
        MoleculeDefinition definition;
        if (file != null)
        {
            string path = file.AsExistingFile();
            map.Record("file", path);
            definition = MoleculeFile.Read(path);
            if (map.Optional("name") is { } renamed)
            {
                Species s = definition.Species;
                definition = definition with { Species = new Species(map.Record("name", renamed.AsString()), s.AtomTypes, s.Charges, s.Positions, s.Masses) };
            }
        }
        else
        {
            ConfigMap a = atom!.AsMap();
            ConfigNode elementNode = a.Required("element", "the chemical element, e.g. Ar");
            if (!Elements.TryFromSymbol(elementNode.AsString(), out Element element))
                throw elementNode.Error($"'{elementNode.AsString()}' is not an element symbol");
            a.Record("element", element.Symbol);
            string type = a.String("type", element.Symbol);
            double mass = a.Quantity("mass", Dimension.Mass, $"{element.Mass} u");
            double charge = a.Quantity("charge", Dimension.Charge, "0 e");
            a.EnsureNoUnknownKeys();
            map.Record("atom", a);
            var atomType = new AtomType(type, element, mass);
            var species = new Species(map.String("name", type), [type], [charge], [Vec3.Zero], [mass]);
            var parameters = new Dictionary<string, IReadOnlyDictionary<string, double>>();
            definition = new MoleculeDefinition(species, [atomType], parameters, null, "");
        }
        map.EnsureNoUnknownKeys();
        return definition;
    }
}
