using MatSim.Descriptors.Frameworks;
using MatSim.Simulation.Geometry;
using Xunit;

namespace MatSim.Descriptors.Tests.Frameworks;

public class SurfaceAreaTests
{
    [Fact]
    public void An_isolated_atom_exposes_its_whole_probe_sphere()
    {
        double sigma = 3.4, probe = AccessibleSurfaceArea.NitrogenProbeDiameter, radius = (sigma + probe) / 2;
        double area = AccessibleSurfaceArea.Compute(Cell.Cubic(30), [new Vec3(1, 2, 3)], [sigma], probe);
        Assert.Equal(4 * Math.PI * radius * radius, area, 1e-9);
    }

    /// <summary>Two equal spheres of radius R at distance d each lose a cap of height R − d/2: area 2(4πR² − 2πR(R − d/2)).</summary>
    [Fact]
    public void Two_overlapping_atoms_lose_their_caps()
    {
        double sigma = 3.0, probe = 2.0, radius = (sigma + probe) / 2, d = 3.0;
        double area = AccessibleSurfaceArea.Compute(Cell.Cubic(40), [Vec3.Zero, new Vec3(d, 0, 0)], [sigma, sigma], probe, pointsPerAtom: 4000);
        double exact = 2 * (4 * Math.PI * radius * radius - 2 * Math.PI * radius * (radius - d / 2));
        Assert.Equal(exact, area, exact * 2e-3);
    }

    [Fact]
    public void Periodic_images_cover_the_surface_like_real_neighbours()
    {
        // a 3 Å cell: the atom overlaps its own images on both sides along each axis
        double sigma = 3.0, probe = 2.0;
        double periodic = AccessibleSurfaceArea.Compute(Cell.Orthorhombic(3, 40, 40), [Vec3.Zero], [sigma], probe, 4000);
        double radius = (sigma + probe) / 2, d = 3.0;
        // a sphere with neighbours at ±d along x keeps the band between the two caps
        double exact = 4 * Math.PI * radius * radius - 2 * 2 * Math.PI * radius * (radius - d / 2);
        Assert.Equal(exact, periodic, exact * 3e-3);
    }
}
