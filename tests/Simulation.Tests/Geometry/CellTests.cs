using MatSim.Simulation.Geometry;
using MatSim.Simulation.Random;

namespace MatSim.Simulation.Tests.Geometry;

public class CellTests
{
    /// <summary>Random triclinic cells: lengths 5–15 Å, angles 60–120°, that form a valid cell.</summary>
    public static Cell RandomTriclinic(Rng rng)
    {
        while (true)
        {
            double Angle() => 60 + 60 * rng.NextDouble();
            try
            {
                return Cell.FromParameters(5 + 10 * rng.NextDouble(), 5 + 10 * rng.NextDouble(), 5 + 10 * rng.NextDouble(),
                    Angle(), Angle(), Angle());
            }
            catch (ArgumentException)
            {
                // angle triple that cannot close a cell: draw again
            }
        }
    }

    [Fact]
    public void FromParametersReproducesLengthsAnglesAndTheVolumeFormula()
    {
        var rng = new Rng(11);
        for (int trial = 0; trial < 50; trial++)
        {
            Cell cell = RandomTriclinic(rng);
            var (a, b, c) = cell.Lengths;
            var (alpha, beta, gamma) = cell.Angles;
            Cell again = Cell.FromParameters(a, b, c, alpha, beta, gamma);
            double ca = Math.Cos(alpha * Math.PI / 180), cb = Math.Cos(beta * Math.PI / 180), cg = Math.Cos(gamma * Math.PI / 180);
            double volume = a * b * c * Math.Sqrt(1 - ca * ca - cb * cb - cg * cg + 2 * ca * cb * cg);
            Assert.Equal(volume, cell.Volume, 1e-9 * volume);
            Assert.Equal(cell.A.X, again.A.X, 1e-9);
            Assert.Equal(cell.C.Z, again.C.Z, 1e-9);
            Assert.Equal(0.0, cell.A.Y);
            Assert.Equal(0.0, cell.B.Z);
        }
    }

    [Fact]
    public void RightAnglesGiveAnExactlyOrthorhombicCell()
    {
        Cell cell = Cell.FromParameters(20.09, 19.738, 13.142, 90, 90, 90);
        Assert.True(cell.IsOrthorhombic);
        Assert.Equal(0.0, cell.B.X);
        Assert.Equal(0.0, cell.C.X);
        Assert.Equal(0.0, cell.C.Y);
        Assert.Equal(20.09 * 19.738 * 13.142, cell.Volume, 1e-9);
    }

    [Fact]
    public void FractionalAndCartesianAreInverse()
    {
        var rng = new Rng(12);
        Cell cell = RandomTriclinic(rng);
        for (int i = 0; i < 100; i++)
        {
            var r = new Vec3(30 * rng.NextDouble() - 15, 30 * rng.NextDouble() - 15, 30 * rng.NextDouble() - 15);
            Vec3 back = cell.ToCartesian(cell.ToFractional(r));
            Assert.Equal(0.0, (back - r).Length, 1e-12);
        }
        Assert.Equal(new Vec3(1, 0, 0), Round(cell.ToFractional(cell.A)));
        Assert.Equal(new Vec3(0, 0, 1), Round(cell.ToFractional(cell.C)));
    }

    private static Vec3 Round(Vec3 v) => new(Math.Round(v.X, 12) + 0.0, Math.Round(v.Y, 12) + 0.0, Math.Round(v.Z, 12) + 0.0);

    [Fact]
    public void WrapMovesIntoTheCellByLatticeVectors()
    {
        var rng = new Rng(13);
        Cell cell = RandomTriclinic(rng);
        for (int i = 0; i < 200; i++)
        {
            var r = new Vec3(60 * rng.NextDouble() - 30, 60 * rng.NextDouble() - 30, 60 * rng.NextDouble() - 30);
            Vec3 w = cell.Wrap(r);
            Vec3 s = cell.ToFractional(w);
            foreach (double f in new[] { s.X, s.Y, s.Z }) Assert.InRange(f, -1e-12, 1 - 1e-15);
            Vec3 n = cell.ToFractional(w - r);
            Assert.Equal(Math.Round(n.X), n.X, 1e-9);
            Assert.Equal(Math.Round(n.Y), n.Y, 1e-9);
            Assert.Equal(Math.Round(n.Z), n.Z, 1e-9);
        }
    }

    [Fact]
    public void MinimumImageIsTheShortestOfAllImages()
    {
        var rng = new Rng(14);
        for (int trial = 0; trial < 8; trial++)
        {
            Cell cell = RandomTriclinic(rng);
            for (int i = 0; i < 50; i++)
            {
                var d = new Vec3(30 * rng.NextDouble() - 15, 30 * rng.NextDouble() - 15, 30 * rng.NextDouble() - 15);
                Vec3 image = cell.MinimumImage(d);
                Vec3 n = cell.ToFractional(image - d);
                Assert.Equal(0.0, (n - new Vec3(Math.Round(n.X), Math.Round(n.Y), Math.Round(n.Z))).Length, 1e-9);
                double best = double.MaxValue;
                for (int x = -10; x <= 10; x++)
                for (int y = -10; y <= 10; y++)
                for (int z = -10; z <= 10; z++)
                    best = Math.Min(best, (d + x * cell.A + y * cell.B + z * cell.C).Length);
                // Exact whenever the shortest image is within half the smallest width.
                if (best < cell.MaxMinimumImageCutoff) Assert.Equal(best, image.Length, 1e-9);
                Assert.True(image.Length >= best - 1e-9);
            }
        }
    }

    [Fact]
    public void PerpendicularWidthsAreVolumeOverFaceArea()
    {
        var rng = new Rng(15);
        Cell cell = RandomTriclinic(rng);
        Vec3 w = cell.PerpendicularWidths;
        Assert.Equal(cell.Volume / cell.B.Cross(cell.C).Length, w.X, 1e-10);
        Assert.Equal(cell.Volume / cell.A.Cross(cell.C).Length, w.Y, 1e-10);
        Assert.Equal(cell.Volume / cell.A.Cross(cell.B).Length, w.Z, 1e-10);
    }

    [Theory]
    // IRMOF-1 (a = 25.832 Å) and Cu-BTC (26.343 Å) need no replication for a 12.8 Å cutoff; MFI does.
    [InlineData(25.832, 25.832, 25.832, 90, 90, 90, 12.8, 1, 1, 1)]
    [InlineData(26.343, 26.343, 26.343, 90, 90, 90, 12.8, 1, 1, 1)]
    [InlineData(20.022, 19.899, 13.383, 90, 90, 90, 12.8, 2, 2, 2)]
    [InlineData(10, 10, 10, 90, 90, 90, 12.0, 3, 3, 3)]
    // hexagonal: the perpendicular width across a is a·sin(60°) = 8.66 Å for a = 10 Å
    [InlineData(10, 10, 30, 90, 90, 120, 4.4, 2, 2, 1)]
    public void ReplicationMakesEveryWidthAtLeastTwiceTheCutoff(double a, double b, double c, double alpha, double beta,
        double gamma, double cutoff, int na, int nb, int nc)
    {
        Cell cell = Cell.FromParameters(a, b, c, alpha, beta, gamma);
        Replication n = cell.ReplicationFor(cutoff);
        Assert.Equal(new Replication(na, nb, nc), n);
        Vec3 w = cell.Supercell(n).PerpendicularWidths;
        Assert.True(Math.Min(w.X, Math.Min(w.Y, w.Z)) >= 2 * cutoff - 1e-9);
    }

    [Theory]
    [InlineData(-1, 10, 10, 90, 90, 90)]
    [InlineData(10, 10, 10, 0, 90, 90)]
    [InlineData(10, 10, 10, 150, 150, 150)]
    [InlineData(10, 10, 10, 90, 90, 180)]
    public void ImpossibleParametersAreRejected(double a, double b, double c, double alpha, double beta, double gamma)
    {
        Assert.Throws<ArgumentException>(() => Cell.FromParameters(a, b, c, alpha, beta, gamma));
    }

    [Fact]
    public void CoplanarVectorsAreRejected()
    {
        Assert.Throws<ArgumentException>(() => new Cell(new Vec3(1, 0, 0), new Vec3(0, 1, 0), new Vec3(1, 1, 0)));
    }
}
