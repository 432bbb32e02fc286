namespace MatSim.Simulation.Geometry;

/// <summary>A 3×3 matrix of doubles, stored by rows (rotations, cell matrices, virials).</summary>
public readonly record struct Mat3(
    double XX, double XY, double XZ,
    double YX, double YY, double YZ,
    double ZX, double ZY, double ZZ)
{
    public static readonly Mat3 Identity = new(1, 0, 0, 0, 1, 0, 0, 0, 1);
    public static readonly Mat3 Zero = default;

    /// <summary>The matrix whose rows are the three vectors.</summary>
    public static Mat3 FromRows(Vec3 r0, Vec3 r1, Vec3 r2) =>
        new(r0.X, r0.Y, r0.Z, r1.X, r1.Y, r1.Z, r2.X, r2.Y, r2.Z);

    /// <summary>The outer product a bᵀ.</summary>
    public static Mat3 Outer(Vec3 a, Vec3 b) =>
        new(a.X * b.X, a.X * b.Y, a.X * b.Z, a.Y * b.X, a.Y * b.Y, a.Y * b.Z, a.Z * b.X, a.Z * b.Y, a.Z * b.Z);

    public Vec3 Row(int i) => i switch
    {
        0 => new(XX, XY, XZ),
        1 => new(YX, YY, YZ),
        2 => new(ZX, ZY, ZZ),
        _ => throw new ArgumentOutOfRangeException(nameof(i)),
    };

    public double this[int row, int column] => Row(row)[column];

    public Mat3 Transpose() => new(XX, YX, ZX, XY, YY, ZY, XZ, YZ, ZZ);
    public double Trace => XX + YY + ZZ;

    public double Determinant =>
        XX * (YY * ZZ - YZ * ZY) - XY * (YX * ZZ - YZ * ZX) + XZ * (YX * ZY - YY * ZX);

    public Mat3 Inverse()
    {
        double det = Determinant;
        if (det == 0 || !double.IsFinite(det)) throw new InvalidOperationException("matrix is singular");
        double s = 1 / det;
        return new(
            (YY * ZZ - YZ * ZY) * s, (XZ * ZY - XY * ZZ) * s, (XY * YZ - XZ * YY) * s,
            (YZ * ZX - YX * ZZ) * s, (XX * ZZ - XZ * ZX) * s, (XZ * YX - XX * YZ) * s,
            (YX * ZY - YY * ZX) * s, (XY * ZX - XX * ZY) * s, (XX * YY - XY * YX) * s);
    }

    /// <summary>Matrix times column vector.</summary>
    public static Vec3 operator *(Mat3 m, Vec3 v) => new(
        m.XX * v.X + m.XY * v.Y + m.XZ * v.Z,
        m.YX * v.X + m.YY * v.Y + m.YZ * v.Z,
        m.ZX * v.X + m.ZY * v.Y + m.ZZ * v.Z);

    public static Mat3 operator *(Mat3 a, Mat3 b) => FromRows(
        new(a.XX * b.XX + a.XY * b.YX + a.XZ * b.ZX, a.XX * b.XY + a.XY * b.YY + a.XZ * b.ZY, a.XX * b.XZ + a.XY * b.YZ + a.XZ * b.ZZ),
        new(a.YX * b.XX + a.YY * b.YX + a.YZ * b.ZX, a.YX * b.XY + a.YY * b.YY + a.YZ * b.ZY, a.YX * b.XZ + a.YY * b.YZ + a.YZ * b.ZZ),
        new(a.ZX * b.XX + a.ZY * b.YX + a.ZZ * b.ZX, a.ZX * b.XY + a.ZY * b.YY + a.ZZ * b.ZY, a.ZX * b.XZ + a.ZY * b.YZ + a.ZZ * b.ZZ));

    public static Mat3 operator +(Mat3 a, Mat3 b) => new(
        a.XX + b.XX, a.XY + b.XY, a.XZ + b.XZ, a.YX + b.YX, a.YY + b.YY, a.YZ + b.YZ, a.ZX + b.ZX, a.ZY + b.ZY, a.ZZ + b.ZZ);

    public static Mat3 operator *(double s, Mat3 a) => new(
        s * a.XX, s * a.XY, s * a.XZ, s * a.YX, s * a.YY, s * a.YZ, s * a.ZX, s * a.ZY, s * a.ZZ);

    /// <summary>The rotation by <paramref name="angle"/> (radians) about a unit axis (Rodrigues).</summary>
    public static Mat3 Rotation(Vec3 unitAxis, double angle)
    {
        double c = Math.Cos(angle), s = Math.Sin(angle), t = 1 - c;
        double x = unitAxis.X, y = unitAxis.Y, z = unitAxis.Z;
        return new(
            t * x * x + c, t * x * y - s * z, t * x * z + s * y,
            t * x * y + s * z, t * y * y + c, t * y * z - s * x,
            t * x * z - s * y, t * y * z + s * x, t * z * z + c);
    }
}
