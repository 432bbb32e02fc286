using MatSim.Descriptors.Frameworks;
using MatSim.Simulation.Chemistry;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.Structures;
using Xunit;

namespace MatSim.Descriptors.Tests.Frameworks;

public class PoreGeometryTests
{
    /// <summary>One atom per cubic cell of edge a: the cavity centre is a√3/2 from 8 atoms, the window centre a/√2 from 4.</summary>
    [Fact]
    public void Simple_cubic_lattice_has_the_cavity_and_window_of_its_geometry()
    {
        double a = 10, r = 1.5;
        var cell = Cell.Cubic(a);
        PoreDiameters pores = PoreGeometry.Compute(cell, [Vec3.Zero], [r], a / 50);
        Assert.Equal(2 * (a * Math.Sqrt(3) / 2 - r), pores.LargestCavity, 1e-9);
        Assert.Equal(2 * (a / Math.Sqrt(2) - r), pores.PoreLimiting, 1e-9);
        double sphere = 4.0 / 3 * Math.PI * r * r * r / (a * a * a);
        Assert.Equal(1 - sphere, pores.GeometricVoidFraction, 3e-3);
    }

    /// <summary>Closed walls (atoms 1.2 Å apart, radius 1 Å, on the three cell faces) enclose a 12 Å cage: a large cavity, no channel.</summary>
    [Fact]
    public void A_closed_cage_has_a_large_cavity_and_no_pore_limiting_diameter()
    {
        double a = 12, step = 1.2;
        int m = (int)Math.Round(a / step);
        var positions = new HashSet<Vec3>();
        for (int i = 0; i < m; i++)
        for (int j = 0; j < m; j++)
        {
            positions.Add(new Vec3(0, i * step, j * step));
            positions.Add(new Vec3(i * step, 0, j * step));
            positions.Add(new Vec3(i * step, j * step, 0));
        }
        PoreDiameters pores = PoreGeometry.Compute(Cell.Cubic(a), positions.ToList(), positions.Select(_ => 1.0).ToList(), 0.2);
        Assert.Equal(2 * (a / 2 - 1.0), pores.LargestCavity, 1e-9);
        Assert.Equal(0, pores.PoreLimiting);
    }

    /// <summary>A channel along c only (atoms on a square lattice in the ab plane, repeated densely along c): percolates with the window of the square.</summary>
    [Fact]
    public void A_one_dimensional_channel_percolates_through_its_window()
    {
        double a = 8, c = 1.0, r = 1.0;
        var cell = Cell.Orthorhombic(a, a, c);
        PoreDiameters pores = PoreGeometry.Compute(cell, [Vec3.Zero], [r], 0.1);
        // the channel along c: centre of the square, a/√2 from the four columns
        Assert.Equal(2 * (a / Math.Sqrt(2) - r), pores.PoreLimiting, 1e-9);
        // the widest point is halfway between two atoms of a column
        Assert.Equal(2 * (Math.Sqrt(a * a / 2 + c * c / 4) - r), pores.LargestCavity, 1e-9);
    }

    [Fact]
    public void Supercells_and_translations_give_the_same_pores()
    {
        var cell = Cell.FromParameters(9, 10, 11, 80, 95, 100);
        Vec3[] positions = [new(0.5, 0.3, 0.2), cell.ToCartesian(new Vec3(0.5, 0.5, 0.5))];
        double[] radii = [1.4, 1.7];
        PoreDiameters one = PoreGeometry.Compute(cell, positions, radii, 0.1);
        var shifted = positions.Select(p => p + new Vec3(3.3, -1.2, 0.7)).ToArray();
        PoreDiameters moved = PoreGeometry.Compute(cell, shifted, radii, 0.1);
        var super = new Structure(cell, [Elements.FromSymbol("C"), Elements.FromSymbol("O")], positions).Replicate(new Replication(2, 1, 1));
        PoreDiameters doubled = PoreGeometry.Compute(super.Cell!, super.Positions, [1.4, 1.7, 1.4, 1.7], 0.1);
        // grid points move with respect to the atoms: agreement to the grid's resolution
        Assert.Equal(one.LargestCavity, moved.LargestCavity, 0.1);
        Assert.Equal(one.PoreLimiting, moved.PoreLimiting, 0.1);
        Assert.Equal(one.LargestCavity, doubled.LargestCavity, 0.1);
        Assert.Equal(one.PoreLimiting, doubled.PoreLimiting, 0.1);
        Assert.Equal(one.GeometricVoidFraction, doubled.GeometricVoidFraction, 0.01);
    }
}
