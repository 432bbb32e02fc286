using System.Collections.Immutable;
using System.Globalization;
using MatSim.Simulation.Chemistry;
using MatSim.Simulation.Errors;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.Neighbors;
using MatSim.Simulation.Structures;

namespace MatSim.Simulation.IO.Cif;

/// <summary>Tolerances of CIF symmetry expansion.</summary>
public sealed record CifReadOptions
{
    /// <summary>Symmetry copies of one site closer than this (Å) are one atom (a site on a special position).</summary>
    public double MergeDistance { get; init; } = 0.1;

    /// <summary>Distinct atoms closer than this (Å) after expansion are an error (overlap, unresolved disorder).</summary>
    public double OverlapDistance { get; init; } = 0.5;

    /// <summary>The data block to read; the first block with atom sites when null.</summary>
    public string? BlockName { get; init; }
}

/// <summary>A framework read from a CIF: the expanded P1 structure and what each atom came from.</summary>
public sealed record CifStructure
{
    public required Structure Structure { get; init; }
    public required string Name { get; init; }
    /// <summary>The _atom_site_label of the site each atom was generated from.</summary>
    public required ImmutableArray<string> Labels { get; init; }
    /// <summary>Occupancy of each atom (1 unless the CIF says otherwise).</summary>
    public required ImmutableArray<double> Occupancies { get; init; }
    /// <summary>True when the CIF gave _atom_site_charge for every site.</summary>
    public required bool HasCharges { get; init; }
    public required int SymmetryOperationCount { get; init; }
    public required string? SpaceGroup { get; init; }
    public required ImmutableArray<string> Warnings { get; init; }
}

/// <summary>
/// Reads crystal structures from CIF: cell, symmetry operations (_symmetry_equiv_pos_as_xyz or
/// _space_group_symop_operation_xyz), atom sites (fractional or Cartesian) with charges and
/// occupancies; expands the asymmetric unit to P1, merging the copies of a site on a special
/// position. Force-field types are the site labels; elements come from _atom_site_type_symbol,
/// or from the label.
/// </summary>
public static class CifReader
{
    private static readonly string[] CellTags =
        ["_cell_length_a", "_cell_length_b", "_cell_length_c", "_cell_angle_alpha", "_cell_angle_beta", "_cell_angle_gamma"];

    private static readonly string[] OperationTags = ["_space_group_symop_operation_xyz", "_symmetry_equiv_pos_as_xyz"];
    private static readonly string[] SpaceGroupTags = ["_space_group_name_H-M_alt", "_symmetry_space_group_name_H-M"];

    public static CifStructure ReadFile(string path, CifReadOptions? options = null)
    {
        if (!File.Exists(path)) throw new InputException(new SourceLocation(path), "file not found");
        return Read(File.ReadAllText(path), path, options);
    }

    public static CifStructure Read(string text, string source, CifReadOptions? options = null)
    {
        options ??= new CifReadOptions();
        IReadOnlyList<CifBlock> blocks = CifParser.Parse(text, source);
        CifBlock block = SelectBlock(blocks, options, source);
        var warnings = new List<string>(block.Warnings);
        Cell cell = ReadCell(block);
        IReadOnlyList<SymmetryOperation> operations = ReadOperations(block, warnings);
        IReadOnlyList<Site> sites = ReadSites(block, warnings);
        return Expand(block, cell, operations, sites, options, warnings);
    }

    private static CifBlock SelectBlock(IReadOnlyList<CifBlock> blocks, CifReadOptions options, string source)
    {
        if (options.BlockName != null)
            return blocks.FirstOrDefault(b => b.Name == options.BlockName) ??
                throw new InputException(new SourceLocation(source),
                    $"no block data_{options.BlockName}; the file has {string.Join(", ", blocks.Select(b => "data_" + b.Name))}");
        return blocks.FirstOrDefault(b => b.Contains("_atom_site_fract_x") || b.Contains("_atom_site_Cartn_x")) ??
            throw new InputException(new SourceLocation(source, blocks[0].Line),
                "no atom sites: expected a loop_ with _atom_site_label and _atom_site_fract_x, _y, _z (or _atom_site_Cartn_x, _y, _z)");
    }

    private static Cell ReadCell(CifBlock block)
    {
        double[] p = new double[6];
        for (int i = 0; i < 6; i++)
        {
            CifValue value = block.Item(CellTags[i]) ??
                throw new InputException(new SourceLocation(block.Source, block.Line),
                    $"{CellTags[i]} is missing; a periodic structure needs all of {string.Join(", ", CellTags)}");
            if (!NumberText.TryParseWithUncertainty(value.Text, out p[i]))
                throw new InputException(block.Source, value.Line, $"{CellTags[i]} '{value.Text}' is not a number");
        }
        try
        {
            return Cell.FromParameters(p[0], p[1], p[2], p[3], p[4], p[5]);
        }
        catch (ArgumentException e)
        {
            throw new InputException(block.Source, block.Item(CellTags[0])!.Line, $"bad cell: {e.Message}");
        }
    }

    private static IReadOnlyList<SymmetryOperation> ReadOperations(CifBlock block, List<string> warnings)
    {
        string? tag = OperationTags.FirstOrDefault(block.Contains);
        string? spaceGroup = SpaceGroupName(block);
        if (tag == null)
        {
            if (spaceGroup != null && spaceGroup.Replace(" ", "", StringComparison.Ordinal) != "P1")
                throw new InputException(new SourceLocation(block.Source, block.Line),
                    $"space group '{spaceGroup}' is named but its symmetry operations are not listed; " +
                    "add a loop_ of _space_group_symop_operation_xyz (MatSim does not carry space-group tables)");
            return [SymmetryOperation.Identity];
        }
        var operations = new List<SymmetryOperation>();
        foreach (CifValue value in block.Values(tag))
        {
            if (value.IsMissing) continue;
            if (!SymmetryOperation.TryParse(value.Text, out SymmetryOperation operation, out string error))
                throw new InputException(block.Source, value.Line, error);
            operations.Add(operation);
        }
        if (!operations.Any(o => o.Rotation == Mat3.Identity && o.Translation == Vec3.Zero))
            warnings.Add("the symmetry operations do not include the identity x,y,z");
        return operations;
    }

    private static string? SpaceGroupName(CifBlock block) =>
        SpaceGroupTags.Select(block.Item).FirstOrDefault(v => v is { IsMissing: false })?.Text;

    private sealed record Site(string Label, string? TypeSymbol, Element Element, Vec3 Position, bool Fractional,
        double Occupancy, double? Charge, int Line);

    private static IReadOnlyList<Site> ReadSites(CifBlock block, List<string> warnings)
    {
        bool fractional = block.Contains("_atom_site_fract_x");
        string prefix = fractional ? "_atom_site_fract_" : "_atom_site_Cartn_";
        CifLoop loop = block.LoopWith(prefix + "x") ??
            throw new InputException(new SourceLocation(block.Source, block.Line), $"{prefix}x must be a loop_ column");
        int[] xyz = new[] { "x", "y", "z" }.Select(a => loop.ColumnOf(prefix + a)).ToArray();
        if (xyz.Any(c => c < 0))
            throw new InputException(block.Source, loop.Line, $"the atom-site loop needs {prefix}x, {prefix}y and {prefix}z");
        int label = loop.ColumnOf("_atom_site_label");
        int symbol = loop.ColumnOf("_atom_site_type_symbol");
        if (label < 0 && symbol < 0)
            throw new InputException(block.Source, loop.Line, "the atom-site loop needs _atom_site_label or _atom_site_type_symbol");
        int occupancy = loop.ColumnOf("_atom_site_occupancy");
        int charge = loop.ColumnOf("_atom_site_charge");

        var sites = new List<Site>();
        foreach (CifValue[] row in loop.Rows)
        {
            int line = row[0].Line;
            string siteLabel = row[label >= 0 ? label : symbol].Text;
            string? typeSymbol = symbol >= 0 && !row[symbol].IsMissing ? row[symbol].Text : null;
            Element element = ResolveElement(siteLabel, typeSymbol) ??
                throw new InputException(block.Source, line,
                    $"site '{siteLabel}': cannot tell its element from " +
                    (typeSymbol != null ? $"_atom_site_type_symbol '{typeSymbol}'" : "its label; add _atom_site_type_symbol"));
            if (xyz.All(c => row[c].IsMissing))
            {
                warnings.Add($"site '{siteLabel}' (line {line}) has no coordinates ('?'); it was left out");
                continue;
            }
            double[] r = new double[3];
            for (int a = 0; a < 3; a++)
            {
                CifValue v = row[xyz[a]];
                if (!NumberText.TryParseWithUncertainty(v.Text, out r[a]))
                    throw new InputException(block.Source, v.Line,
                        $"site '{siteLabel}': {loop.Tags[xyz[a]]} '{v.Text}' is not a number");
            }
            double occ = 1;
            if (occupancy >= 0 && !row[occupancy].IsMissing &&
                (!NumberText.TryParseWithUncertainty(row[occupancy].Text, out occ) || occ <= 0 || occ > 1 + 1e-6))
                throw new InputException(block.Source, row[occupancy].Line,
                    $"site '{siteLabel}': _atom_site_occupancy '{row[occupancy].Text}' should be a number in (0, 1]");
            double? q = null;
            if (charge >= 0 && !row[charge].IsMissing)
            {
                if (!NumberText.TryParseWithUncertainty(row[charge].Text, out double value))
                    throw new InputException(block.Source, row[charge].Line,
                        $"site '{siteLabel}': _atom_site_charge '{row[charge].Text}' is not a number");
                q = value;
            }
            sites.Add(new Site(siteLabel, typeSymbol, element, new Vec3(r[0], r[1], r[2]), fractional, occ, q, line));
        }
        if (sites.Count == 0) throw new InputException(block.Source, loop.Line, "the atom-site loop has no rows");
        return sites;
    }

    private static Element? ResolveElement(string label, string? typeSymbol)
    {
        if (typeSymbol != null)
        {
            // Type symbols may carry an oxidation state ("Zn2+", "O2-").
            string bare = new(typeSymbol.TakeWhile(char.IsAsciiLetter).ToArray());
            if (Elements.TryFromSymbol(bare, out Element exact)) return exact;
            // A type symbol that names no element is an error, not a cue to guess from the label ("Xx" on "H1").
            return Elements.TryFromLabel(typeSymbol, out Element fromSymbol) ? fromSymbol : null;
        }
        return Elements.TryFromLabel(label, out Element fromLabel) ? fromLabel : null;
    }

    private static CifStructure Expand(CifBlock block, Cell cell, IReadOnlyList<SymmetryOperation> operations,
        IReadOnlyList<Site> sites, CifReadOptions options, List<string> warnings)
    {
        var candidates = new List<Vec3>();
        var candidateSites = new List<Site>();
        foreach (Site site in sites)
        {
            Vec3 s0 = site.Fractional ? site.Position : cell.ToFractional(site.Position);
            foreach (SymmetryOperation operation in operations)
            {
                Vec3 s = operation.Apply(s0);
                candidates.Add(cell.ToCartesian(new Vec3(Cell.WrapUnit(s.X), Cell.WrapUnit(s.Y), Cell.WrapUnit(s.Z))));
                candidateSites.Add(site);
            }
        }
        bool[] duplicate = FindDuplicates(cell, candidates, candidateSites, options, warnings);
        var positions = new List<Vec3>();
        var atomSites = new List<Site>();
        for (int i = 0; i < candidates.Count; i++)
        {
            if (duplicate[i]) continue;
            positions.Add(candidates[i]);
            atomSites.Add(candidateSites[i]);
        }
        CheckOverlaps(block, cell, positions, atomSites, options);

        bool hasCharges = sites.All(s => s.Charge.HasValue);
        if (!hasCharges && sites.Any(s => s.Charge.HasValue))
            warnings.Add("_atom_site_charge is missing for some sites; all charges were set to zero");
        if (atomSites.Any(s => s.Occupancy < 1))
            warnings.Add($"{atomSites.Count(s => s.Occupancy < 1)} atoms have partial occupancy; they are all kept");
        var structure = new Structure(
            cell,
            atomSites.Select(s => s.Element),
            positions,
            atomSites.Select(s => s.Label),
            atomSites.Select(s => hasCharges ? s.Charge!.Value : 0.0));
        double total = structure.TotalCharge;
        if (hasCharges && Math.Abs(total) > 1e-3)
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"the framework carries a net charge of {total:G6} e"));
        return new CifStructure
        {
            Structure = structure,
            Name = block.Name,
            Labels = atomSites.Select(s => s.Label).ToImmutableArray(),
            Occupancies = atomSites.Select(s => s.Occupancy).ToImmutableArray(),
            HasCharges = hasCharges,
            SymmetryOperationCount = operations.Count,
            SpaceGroup = SpaceGroupName(block),
            Warnings = warnings.ToImmutableArray(),
        };
    }

    /// <summary>
    /// Marks the symmetry copies that coincide (within the merge distance) with an earlier atom of
    /// the same element: sites on special positions, and sites a file lists more than once.
    /// </summary>
    private static bool[] FindDuplicates(Cell cell, List<Vec3> candidates, List<Site> sites, CifReadOptions options,
        List<string> warnings)
    {
        bool[] duplicate = new bool[candidates.Count];
        var list = NeighborList.Build(cell, candidates.ToArray(), options.MergeDistance, NeighborListKind.Half);
        var merged = new HashSet<(string, string)>();
        for (int i = 0; i < candidates.Count; i++)
        {
            if (duplicate[i]) continue;
            foreach (int j in list.NeighborsOf(i))
            {
                if (j == i || sites[j].Element != sites[i].Element) continue;
                duplicate[j] = true;
                if (sites[j].Label != sites[i].Label && sites[j].Charge != sites[i].Charge && merged.Add((sites[i].Label, sites[j].Label)))
                    warnings.Add($"sites '{sites[i].Label}' and '{sites[j].Label}' coincide and have different charges; '{sites[i].Label}' was kept");
            }
        }
        return duplicate;
    }

    private static void CheckOverlaps(CifBlock block, Cell cell, List<Vec3> positions, List<Site> sites, CifReadOptions options)
    {
        var list = NeighborList.Build(cell, positions.ToArray(), options.OverlapDistance, NeighborListKind.Half);
        int first = Enumerable.Range(0, positions.Count).FirstOrDefault(i => list.NeighborsOf(i).Length > 0, -1);
        if (first < 0) return;
        Site a = sites[first], b = sites[list.NeighborsOf(first)[0]];
        double distance = list.DisplacementsOf(first)[0].Length;
        string what = ReferenceEquals(a, b)
            ? $"two symmetry copies of site '{a.Label}' (line {a.Line})"
            : $"sites '{a.Label}' (line {a.Line}) and '{b.Label}' (line {b.Line})";
        throw new InputException(new SourceLocation(block.Source, a.Line),
            string.Create(CultureInfo.InvariantCulture,
                $"{what} overlap after symmetry expansion: {distance:F3} Å apart (less than {options.OverlapDistance} Å). ") +
            "Check the coordinates and symmetry operations, or remove alternative positions of a disordered group.");
    }
}
