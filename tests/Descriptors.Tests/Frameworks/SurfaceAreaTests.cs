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

    /// <summary>The area is a property of the crystal: a translated copy gives the same, a supercell twice as much.</summary>
    [Fact]
    public void Translation_and_supercell_leave_the_area_per_cell_content_unchanged()
    {
        var cell = Cell.FromParameters(7, 8, 9, 85, 95, 100);
        Vec3[] positions = [new(0.3, 0.4, 0.5), cell.ToCartesian(new Vec3(0.5, 0.45, 0.55)), cell.ToCartesian(new Vec3(0.1, 0.8, 0.3))];
        double[] sigma = [3.4, 3.0, 2.6];
        double area = AccessibleSurfaceArea.Compute(cell, positions, sigma, AccessibleSurfaceArea.NitrogenProbeDiameter, 2000);
        Assert.True(area > 0);
        double moved = AccessibleSurfaceArea.Compute(cell, positions.Select(p => p + new Vec3(2.2, -1.3, 0.4)).ToArray(), sigma, AccessibleSurfaceArea.NitrogenProbeDiameter, 2000);
        var super = new MatSim.Simulation.Structures.Structure(cell, new[] { "C", "O", "H" }.Select(MatSim.Simulation.Chemistry.Elements.FromSymbol), positions)
            .Replicate(new Replication(2, 1, 1));
        double doubled = AccessibleSurfaceArea.Compute(super.Cell!, super.Positions, [.. sigma, .. sigma], AccessibleSurfaceArea.NitrogenProbeDiameter, 2000);
        Assert.Equal(area, moved, 1e-9 * area);
        Assert.Equal(2 * area, doubled, 1e-9 * area);
    }
}
