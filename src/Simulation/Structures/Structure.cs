using System.Collections.Immutable;
using MatSim.Simulation.Chemistry;
using MatSim.Simulation.Geometry;

namespace MatSim.Simulation.Structures;

/// <summary>
/// Atoms in a cell: element, force-field type, charge and molecule of each atom (shared,
/// immutable) and their positions (owned, mutable in place by engines). <see cref="Clone"/>
/// copies only the positions, so copies are cheap. A null <see cref="Cell"/> means a
/// non-periodic system (a molecule or cluster).
/// </summary>
public sealed class Structure
{
    /// <summary>Molecule index of an atom that belongs to no molecule (e.g. a framework atom).</summary>
    public const int NoMolecule = -1;

    public Cell? Cell { get; }
    public ImmutableArray<Element> Elements { get; }
    /// <summary>Force-field (pseudo-atom) type of each atom; the element symbol unless given.</summary>
    public ImmutableArray<string> Types { get; }
    /// <summary>Partial charge of each atom in e.</summary>
    public ImmutableArray<double> Charges { get; }
    /// <summary>Molecule index of each atom, or <see cref="NoMolecule"/>.</summary>
    public ImmutableArray<int> Molecules { get; }
    /// <summary>Cartesian positions in Å; engines update them in place.</summary>
    public Vec3[] Positions { get; }

    public int Count => Positions.Length;
    public bool IsPeriodic => Cell != null;

    public Structure(
        Cell? cell,
        IEnumerable<Element> elements,
        IEnumerable<Vec3> positions,
        IEnumerable<string>? types = null,
        IEnumerable<double>? charges = null,
        IEnumerable<int>? molecules = null)
    {
        Cell = cell;
        Elements = elements.ToImmutableArray();
        Positions = positions.ToArray();
        int n = Positions.Length;
        Types = types?.ToImmutableArray() ?? Elements.Select(e => e.Symbol).ToImmutableArray();
        Charges = charges?.ToImmutableArray() ?? ImmutableArray.Create(new double[n]);
        Molecules = molecules?.ToImmutableArray() ?? Enumerable.Repeat(NoMolecule, n).ToImmutableArray();
        if (Elements.Length != n || Types.Length != n || Charges.Length != n || Molecules.Length != n)
            throw new ArgumentException(
                $"per-atom arrays differ in length: {n} positions, {Elements.Length} elements, {Types.Length} types, " +
                $"{Charges.Length} charges, {Molecules.Length} molecule indices");
        foreach (Vec3 r in Positions)
            if (!double.IsFinite(r.X) || !double.IsFinite(r.Y) || !double.IsFinite(r.Z))
                throw new ArgumentException($"position {r} is not finite");
    }

    private Structure(Structure source, Cell? cell, Vec3[] positions)
    {
        Cell = cell;
        Elements = source.Elements;
        Types = source.Types;
        Charges = source.Charges;
        Molecules = source.Molecules;
        Positions = positions;
    }

    /// <summary>A copy with its own positions; everything else is shared (immutable).</summary>
    public Structure Clone() => new(this, Cell, (Vec3[])Positions.Clone());

    /// <summary>The same atoms at other positions (the array is taken, not copied).</summary>
    public Structure WithPositions(Vec3[] positions)
    {
        if (positions.Length != Count)
            throw new ArgumentException($"{positions.Length} positions given for {Count} atoms", nameof(positions));
        return new Structure(this, Cell, positions);
    }

    /// <summary>The same atoms in another cell, positions unchanged.</summary>
    public Structure WithCell(Cell? cell) => new(this, cell, (Vec3[])Positions.Clone());

    /// <summary>The same atoms with other charges.</summary>
    public Structure WithCharges(IEnumerable<double> charges) =>
        new(Cell, Elements, Positions, Types, charges, Molecules);

    /// <summary>The same atoms with other force-field types.</summary>
    public Structure WithTypes(IEnumerable<string> types) =>
        new(Cell, Elements, Positions, types, Charges, Molecules);

    /// <summary>Total mass in u (standard atomic weights).</summary>
    public double TotalMass => Elements.Sum(e => e.Mass);

    /// <summary>Total charge in e.</summary>
    public double TotalCharge => Charges.Sum();

    /// <summary>Chemical formula in Hill order (C, H, then alphabetical), e.g. "C24H12O13Zn4".</summary>
    public string Formula
    {
        get
        {
            var counts = Elements.GroupBy(e => e.Symbol).ToDictionary(g => g.Key, g => g.Count());
            IEnumerable<string> order = counts.ContainsKey("C")
                ? new[] { "C", "H" }.Where(counts.ContainsKey)
                    .Concat(counts.Keys.Where(s => s is not ("C" or "H")).Order(StringComparer.Ordinal))
                : counts.Keys.Order(StringComparer.Ordinal);
            return string.Concat(order.Select(s => counts[s] == 1 ? s : s + counts[s]));
        }
    }

    /// <summary>The positions wrapped into the cell (fractional coordinates in [0, 1)).</summary>
    public Structure Wrapped()
    {
        if (Cell == null) return Clone();
        return new Structure(this, Cell, Positions.Select(Cell.Wrap).ToArray());
    }

    /// <summary>
    /// The structure repeated n_a × n_b × n_c times. Atoms of replica (i, j, k) follow those of
    /// the earlier replicas (k fastest); molecule indices are renumbered per replica.
    /// </summary>
    public Structure Replicate(Replication n)
    {
        Cell cell = Cell ?? throw new InvalidOperationException("a non-periodic structure cannot be replicated");
        if (n.A < 1 || n.B < 1 || n.C < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "replication counts must be at least 1");
        int copies = n.Count;
        var positions = new Vec3[Count * copies];
        var molecules = new int[Count * copies];
        int moleculesPerCopy = Molecules.Length == 0 ? 0 : Molecules.Max() + 1;
        int copy = 0;
        for (int i = 0; i < n.A; i++)
        for (int j = 0; j < n.B; j++)
        for (int k = 0; k < n.C; k++, copy++)
        {
            Vec3 shift = i * cell.A + j * cell.B + k * cell.C;
            for (int atom = 0; atom < Count; atom++)
            {
                positions[copy * Count + atom] = Positions[atom] + shift;
                int molecule = Molecules[atom];
                molecules[copy * Count + atom] = molecule == NoMolecule ? NoMolecule : molecule + copy * moleculesPerCopy;
            }
        }
        return new Structure(
            cell.Supercell(n),
            Repeat(Elements, copies),
            positions,
            Repeat(Types, copies),
            Repeat(Charges, copies),
            molecules);
    }

    private static IEnumerable<T> Repeat<T>(ImmutableArray<T> items, int copies) =>
        Enumerable.Range(0, copies).SelectMany(_ => items);
}
