using MatSim.Simulation.Geometry;

namespace MatSim.Descriptors.Frameworks;

/// <summary>
/// Distance from a point to the nearest sphere surface, min_i (|x − x_i| − R_i) over all periodic
/// images, for spheres of given radii in a triclinic cell. Atoms are binned in fractional
/// coordinates and searched shell by shell until no farther shell can hold a closer surface.
/// </summary>
public sealed class SphereSurfaceQuery
{
    private readonly Cell cell;
    private readonly double[] radii;
    private readonly double maxRadius;
    private readonly int[] bins = new int[3];
    private readonly double minBinWidth;
    private readonly Vec3[] fractional;
    private readonly int[] binStart;
    private readonly int[] sorted;

    public SphereSurfaceQuery(Cell cell, IReadOnlyList<Vec3> positions, IReadOnlyList<double> radii, double binSize = 3.0)
    {
        if (positions.Count != radii.Count) throw new ArgumentException("one radius per atom");
        if (positions.Count == 0) throw new ArgumentException("no atoms");
        this.cell = cell;
        this.radii = radii.ToArray();
        maxRadius = this.radii.Max();
        Vec3 widths = cell.PerpendicularWidths;
        minBinWidth = double.PositiveInfinity;
        for (int axis = 0; axis < 3; axis++)
        {
            bins[axis] = Math.Max(1, (int)(widths[axis] / binSize));
            minBinWidth = Math.Min(minBinWidth, widths[axis] / bins[axis]);
        }
        fractional = positions.Select(p =>
        {
            Vec3 f = cell.ToFractional(p);
            return new Vec3(Cell.WrapUnit(f.X), Cell.WrapUnit(f.Y), Cell.WrapUnit(f.Z));
        }).ToArray();
        int count = bins[0] * bins[1] * bins[2];
        int[] binOf = fractional.Select(BinOf).ToArray();
        binStart = new int[count + 1];
        foreach (int b in binOf) binStart[b + 1]++;
        for (int b = 0; b < count; b++) binStart[b + 1] += binStart[b];
        sorted = new int[fractional.Length];
        int[] fill = binStart[..count].ToArray();
        for (int i = 0; i < binOf.Length; i++) sorted[fill[binOf[i]]++] = i;
    }

    public Cell Cell => cell;

    /// <summary>min over spheres of distance to the centre minus the radius, in Å (negative inside a sphere).</summary>
    public double NearestSurface(Vec3 point)
    {
        Vec3 f = cell.ToFractional(point);
        f = new Vec3(Cell.WrapUnit(f.X), Cell.WrapUnit(f.Y), Cell.WrapUnit(f.Z));
        Span<int> home = [Index(f.X, 0), Index(f.Y, 1), Index(f.Z, 2)];
        double best = double.PositiveInfinity;
        for (int shell = 0; ; shell++)
        {
            // every atom of this shell or beyond lies at least (shell − 1) bin widths away
            if ((shell - 1) * minBinWidth - maxRadius > best) return best;
            for (int dx = -shell; dx <= shell; dx++)
            for (int dy = -shell; dy <= shell; dy++)
            for (int dz = -shell; dz <= shell; dz++)
            {
                if (Math.Max(Math.Abs(dx), Math.Max(Math.Abs(dy), Math.Abs(dz))) != shell) continue;
                int bx = home[0] + dx, by = home[1] + dy, bz = home[2] + dz;
                int wx = Mod(bx, 0), wy = Mod(by, 1), wz = Mod(bz, 2);
                var image = new Vec3(Math.Floor((double)bx / bins[0]), Math.Floor((double)by / bins[1]), Math.Floor((double)bz / bins[2]));
                int bin = (wx * bins[1] + wy) * bins[2] + wz;
                for (int s = binStart[bin]; s < binStart[bin + 1]; s++)
                {
                    int atom = sorted[s];
                    Vec3 d = cell.ToCartesian(fractional[atom] + image - f);
                    double surface = d.Length - radii[atom];
                    if (surface < best) best = surface;
                }
            }
        }
    }

    private int BinOf(Vec3 f) => (Index(f.X, 0) * bins[1] + Index(f.Y, 1)) * bins[2] + Index(f.Z, 2);

    private int Index(double f, int axis) => Math.Min(bins[axis] - 1, (int)(f * bins[axis]));

    private int Mod(int i, int axis) => ((i % bins[axis]) + bins[axis]) % bins[axis];
}
