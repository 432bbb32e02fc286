using MatSim.Simulation.Geometry;

namespace MatSim.Descriptors.Frameworks;

/// <summary>
/// Probe-accessible surface area (Düren et al., J. Phys. Chem. C 111, 15350 (2007); as RASPA): the
/// probe centre rolls over spheres of radius R_i = (σ_i + σ_probe)/2 around the atoms; points of a
/// Fibonacci lattice on each sphere count when they lie inside no other sphere. Area in Å² per cell.
/// </summary>
public static class AccessibleSurfaceArea
{
    /// <summary>σ of the N2 probe used for accessible surface areas (Düren 2007), Å.</summary>
    public const double NitrogenProbeDiameter = 3.681;

    public static double Compute(Cell cell, IReadOnlyList<Vec3> positions, IReadOnlyList<double> atomDiameters, double probeDiameter, int pointsPerAtom = 500)
    {
        double[] radii = atomDiameters.Select(s => 0.5 * (s + probeDiameter)).ToArray();
        var query = new SphereSurfaceQuery(cell, positions, radii);
        Vec3[] directions = FibonacciSphere(pointsPerAtom);
        double area = 0;
        for (int i = 0; i < positions.Count; i++)
        {
            int open = 0;
            foreach (Vec3 u in directions)
                // the atom's own sphere passes through the point (distance 0); another sphere covers it when negative
                if (query.NearestSurface(positions[i] + radii[i] * u) > -1e-7 * radii[i]) open++;
            area += 4 * Math.PI * radii[i] * radii[i] * open / directions.Length;
        }
        return area;
    }

    /// <summary>Nearly uniform unit vectors: the golden-angle spiral (González, Math. Geosci. 42, 49 (2010)).</summary>
    public static Vec3[] FibonacciSphere(int count)
    {
        double golden = Math.PI * (3 - Math.Sqrt(5));
        var points = new Vec3[count];
        for (int k = 0; k < count; k++)
        {
            double z = 1 - (2 * k + 1.0) / count, r = Math.Sqrt(1 - z * z);
            points[k] = new Vec3(r * Math.Cos(golden * k), r * Math.Sin(golden * k), z);
        }
        return points;
    }
}
