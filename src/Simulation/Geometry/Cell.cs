using System.Globalization;

namespace MatSim.Simulation.Geometry;

/// <summary>
/// A periodic, possibly triclinic simulation cell given by its lattice vectors a, b, c (the rows
/// of <see cref="Matrix"/>, ASE's convention). Cartesian r = s_a a + s_b b + s_c c for fractional
/// coordinates s. Immutable.
/// </summary>
public sealed class Cell
{
    private readonly Mat3 toCartesian;   // columns a, b, c
    private readonly Mat3 toFractional;  // rows: reciprocal vectors g_a, g_b, g_c (without 2π)

    public Vec3 A { get; }
    public Vec3 B { get; }
    public Vec3 C { get; }

    /// <summary>Rows are the lattice vectors a, b, c (Å).</summary>
    public Mat3 Matrix => Mat3.FromRows(A, B, C);

    /// <summary>Volume in Å³ (always positive).</summary>
    public double Volume { get; }

    public Cell(Vec3 a, Vec3 b, Vec3 c)
    {
        A = a;
        B = b;
        C = c;
        Mat3 rows = Mat3.FromRows(a, b, c);
        double det = rows.Determinant;
        double scale = a.Length * b.Length * c.Length;
        if (!(Math.Abs(det) > 1e-10 * scale) || !double.IsFinite(det))
            throw new ArgumentException($"lattice vectors {a}, {b}, {c} are (nearly) coplanar: the cell has no volume");
        Volume = Math.Abs(det);
        toCartesian = rows.Transpose();
        toFractional = toCartesian.Inverse();
    }

    /// <summary>A cubic cell of edge <paramref name="edge"/> Å.</summary>
    public static Cell Cubic(double edge) => Orthorhombic(edge, edge, edge);

    public static Cell Orthorhombic(double a, double b, double c) =>
        new(new Vec3(a, 0, 0), new Vec3(0, b, 0), new Vec3(0, 0, c));

    /// <summary>
    /// The cell of lengths a, b, c (Å) and angles α (b∧c), β (a∧c), γ (a∧b) in degrees, in the
    /// standard orientation: a along x, b in the xy plane, c with positive z.
    /// </summary>
    public static Cell FromParameters(double a, double b, double c, double alpha, double beta, double gamma)
    {
        foreach ((string name, double length) in new[] { ("a", a), ("b", b), ("c", c) })
            if (!(length > 0) || !double.IsFinite(length))
                throw new ArgumentException($"cell length {name} = {length} must be positive");
        foreach ((string name, double angle) in new[] { ("alpha", alpha), ("beta", beta), ("gamma", gamma) })
            if (!(angle > 0 && angle < 180))
                throw new ArgumentException($"cell angle {name} = {angle} must lie strictly between 0 and 180 degrees");
        double ca = CosDegrees(alpha), cb = CosDegrees(beta), cg = CosDegrees(gamma);
        double sg = SinDegrees(gamma);
        double cy = (ca - cb * cg) / sg;
        double cz2 = 1 - cb * cb - cy * cy;
        if (!(cz2 > 1e-12))
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"cell angles alpha={alpha}, beta={beta}, gamma={gamma} cannot form a cell"));
        return new Cell(
            new Vec3(a, 0, 0),
            new Vec3(b * cg, b * sg, 0),
            new Vec3(c * cb, c * cy, c * Math.Sqrt(cz2)));
    }

    // Exact values at right angles keep orthorhombic cells exactly orthorhombic.
    private static double CosDegrees(double angle) => angle == 90 ? 0 : Math.Cos(angle * Math.PI / 180);
    private static double SinDegrees(double angle) => angle == 90 ? 1 : Math.Sin(angle * Math.PI / 180);

    public (double A, double B, double C) Lengths => (A.Length, B.Length, C.Length);

    /// <summary>α, β, γ in degrees.</summary>
    public (double Alpha, double Beta, double Gamma) Angles => (
        Math.Acos(B.Dot(C) / (B.Length * C.Length)) * 180 / Math.PI,
        Math.Acos(A.Dot(C) / (A.Length * C.Length)) * 180 / Math.PI,
        Math.Acos(A.Dot(B) / (A.Length * B.Length)) * 180 / Math.PI);

    /// <summary>True when all three angles are right angles (to 1e-12 in the cosines).</summary>
    public bool IsOrthorhombic =>
        Math.Abs(A.Dot(B)) <= 1e-12 * A.Length * B.Length &&
        Math.Abs(A.Dot(C)) <= 1e-12 * A.Length * C.Length &&
        Math.Abs(B.Dot(C)) <= 1e-12 * B.Length * C.Length;

    /// <summary>The distances between opposite faces, in Å: w_i = V / |a_j × a_k|.</summary>
    public Vec3 PerpendicularWidths => new(
        1 / toFractional.Row(0).Length, 1 / toFractional.Row(1).Length, 1 / toFractional.Row(2).Length);

    /// <summary>The largest cutoff for which the minimum-image convention holds: half the smallest width.</summary>
    public double MaxMinimumImageCutoff
    {
        get
        {
            Vec3 w = PerpendicularWidths;
            return 0.5 * Math.Min(w.X, Math.Min(w.Y, w.Z));
        }
    }

    public Vec3 ToFractional(Vec3 cartesian) => toFractional * cartesian;
    public Vec3 ToCartesian(Vec3 fractional) => toCartesian * fractional;

    /// <summary>The reciprocal vector g_i (row i of the inverse of the column matrix; g_i · a_j = δ_ij).</summary>
    public Vec3 Reciprocal(int axis) => toFractional.Row(axis);

    /// <summary>The position translated by lattice vectors into the cell (fractional coordinates in [0, 1)).</summary>
    public Vec3 Wrap(Vec3 cartesian)
    {
        Vec3 s = ToFractional(cartesian);
        return ToCartesian(new Vec3(WrapUnit(s.X), WrapUnit(s.Y), WrapUnit(s.Z)));
    }

    /// <summary>Wraps a fractional coordinate into [0, 1).</summary>
    public static double WrapUnit(double s)
    {
        double w = s - Math.Floor(s);
        return w >= 1 ? 0 : w;
    }

    /// <summary>
    /// The shortest periodic image of a displacement. Exact whenever the image is shorter than
    /// half the smallest perpendicular width (the regime in which minimum image is used); the 27
    /// neighbouring images of the rounded fractional displacement are compared.
    /// </summary>
    public Vec3 MinimumImage(Vec3 displacement)
    {
        Vec3 s = ToFractional(displacement);
        Vec3 reduced = ToCartesian(new Vec3(s.X - Math.Round(s.X), s.Y - Math.Round(s.Y), s.Z - Math.Round(s.Z)));
        if (IsOrthorhombic) return reduced;
        Vec3 best = reduced;
        double bestLength = reduced.LengthSquared;
        for (int i = -1; i <= 1; i++)
        for (int j = -1; j <= 1; j++)
        for (int k = -1; k <= 1; k++)
        {
            Vec3 candidate = reduced + i * A + j * B + k * C;
            double length = candidate.LengthSquared;
            if (length < bestLength)
            {
                best = candidate;
                bestLength = length;
            }
        }
        return best;
    }

    /// <summary>
    /// The smallest replication (n_a, n_b, n_c) of this cell whose perpendicular widths are all at
    /// least twice the cutoff, so that the minimum-image convention holds in the supercell.
    /// </summary>
    public Replication ReplicationFor(double cutoff)
    {
        if (!(cutoff > 0)) throw new ArgumentOutOfRangeException(nameof(cutoff), cutoff, "cutoff must be positive");
        Vec3 w = PerpendicularWidths;
        return new Replication(Needed(w.X), Needed(w.Y), Needed(w.Z));
        int Needed(double width) => Math.Max(1, (int)Math.Ceiling(2 * cutoff / width - 1e-12));
    }

    /// <summary>The cell repeated n_a, n_b, n_c times along a, b, c.</summary>
    public Cell Supercell(Replication n) => new(n.A * A, n.B * B, n.C * C);

    /// <summary>The cell with every lattice vector multiplied by <paramref name="factor"/>.</summary>
    public Cell Scaled(double factor) => new(factor * A, factor * B, factor * C);

    public override string ToString()
    {
        var (a, b, c) = Lengths;
        var (alpha, beta, gamma) = Angles;
        return string.Create(CultureInfo.InvariantCulture,
            $"Cell(a={a:G6}, b={b:G6}, c={c:G6} Å; alpha={alpha:G6}, beta={beta:G6}, gamma={gamma:G6} deg)");
    }
}

/// <summary>How many times a cell is repeated along a, b and c.</summary>
public readonly record struct Replication(int A, int B, int C)
{
    public static readonly Replication None = new(1, 1, 1);
    public int Count => A * B * C;
    public override string ToString() => $"{A}x{B}x{C}";
}
