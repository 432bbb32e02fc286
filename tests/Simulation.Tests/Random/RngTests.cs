using MatSim.Simulation.Geometry;
using MatSim.Simulation.Random;

namespace MatSim.Simulation.Tests.Random;

public class RngTests
{
    [Fact]
    public void SplitMix64MatchesTheReferenceSequence()
    {
        // Reference output of Vigna's splitmix64.c for seed 1234567.
        ulong x = 1234567;
        ulong[] expected = [6457827717110365317, 3203168211198807973, 9817491932198370423, 4593380528125082431, 16408922859458223821];
        foreach (ulong value in expected) Assert.Equal(value, Rng.SplitMix64(ref x));
    }

    [Fact]
    public void Xoshiro256StarStarMatchesTheReferenceSequence()
    {
        // Reference output of xoshiro256starstar.c from the state {1, 2, 3, 4}
        // (the first value by hand: rotl(2·5, 7)·9 = 11520).
        var rng = Rng.FromState([1, 2, 3, 4]);
        ulong[] expected = [11520, 0, 1509978240, 1215971899390074240];
        foreach (ulong value in expected) Assert.Equal(value, rng.NextUInt64());
    }

    [Fact]
    public void SameSeedSameStreamAndStateRoundTrips()
    {
        var a = new Rng(42);
        var b = new Rng(42);
        for (int i = 0; i < 100; i++) Assert.Equal(a.NextUInt64(), b.NextUInt64());
        var resumed = Rng.FromState(a.State);
        for (int i = 0; i < 100; i++) Assert.Equal(a.NextDouble(), resumed.NextDouble());
        Assert.NotEqual(new Rng(43).NextUInt64(), new Rng(42).NextUInt64());
        Assert.NotEqual(Rng.ForStream(42, 0).NextUInt64(), Rng.ForStream(42, 1).NextUInt64());
        Assert.Equal(Rng.ForStream(42, 7).NextUInt64(), Rng.ForStream(42, 7).NextUInt64());
    }

    [Fact]
    public void UniformIntegersPassAChiSquareTest()
    {
        var rng = new Rng(2024);
        const int bins = 10, draws = 100_000;
        int[] counts = new int[bins];
        for (int i = 0; i < draws; i++) counts[rng.NextInt(bins)]++;
        double expected = draws / (double)bins;
        double chi2 = counts.Sum(c => (c - expected) * (c - expected) / expected);
        // 9 degrees of freedom: P(chi2 > 27.9) = 0.001
        Assert.True(chi2 < 27.9, $"chi2 = {chi2}");
    }

    [Fact]
    public void DoublesAreInTheUnitIntervalWithTheRightMean()
    {
        var rng = new Rng(5);
        const int n = 100_000;
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            double u = rng.NextDouble();
            Assert.InRange(u, 0.0, 1.0 - 1e-17);
            sum += u;
        }
        // standard error of the mean: sqrt(1/12 / n)
        Assert.Equal(0.5, sum / n, 5 * Math.Sqrt(1.0 / 12 / n));
    }

    [Fact]
    public void GaussianDeviatesHaveZeroMeanAndUnitVariance()
    {
        var rng = new Rng(6);
        const int n = 200_000;
        double sum = 0, sum2 = 0;
        for (int i = 0; i < n; i++)
        {
            double g = rng.NextGaussian();
            sum += g;
            sum2 += g * g;
        }
        double mean = sum / n, variance = sum2 / n - mean * mean;
        Assert.Equal(0.0, mean, 5 / Math.Sqrt(n));
        Assert.Equal(1.0, variance, 5 * Math.Sqrt(2.0 / n));
    }

    [Fact]
    public void RandomRotationsAreProperAndUniform()
    {
        var rng = new Rng(8);
        const int n = 20_000;
        Vec3 meanZ = Vec3.Zero;
        for (int i = 0; i < n; i++)
        {
            Mat3 r = rng.NextRotation();
            Mat3 identity = r * r.Transpose();
            Assert.Equal(1.0, identity.XX, 1e-12);
            Assert.Equal(0.0, identity.XY, 1e-12);
            Assert.Equal(1.0, r.Determinant, 1e-12);
            meanZ += r * new Vec3(0, 0, 1) / n;
        }
        // the image of a fixed axis is uniform on the sphere: each component has variance 1/3
        double se = Math.Sqrt(1.0 / 3 / n);
        Assert.Equal(0.0, meanZ.X, 5 * se);
        Assert.Equal(0.0, meanZ.Y, 5 * se);
        Assert.Equal(0.0, meanZ.Z, 5 * se);
    }

    [Fact]
    public void UnitVectorsLieOnTheSphereUniformly()
    {
        var rng = new Rng(9);
        const int n = 20_000;
        double zSum = 0, z2Sum = 0;
        for (int i = 0; i < n; i++)
        {
            Vec3 u = rng.NextUnitVector();
            Assert.Equal(1.0, u.Length, 1e-12);
            zSum += u.Z;
            z2Sum += u.Z * u.Z;
        }
        Assert.Equal(0.0, zSum / n, 5 * Math.Sqrt(1.0 / 3 / n));
        Assert.Equal(1.0 / 3, z2Sum / n, 5 * Math.Sqrt(4.0 / 45 / n));
    }

    [Fact]
    public void RejectsInvalidArguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Rng(1).NextInt(0));
        Assert.Throws<ArgumentException>(() => Rng.FromState([0, 0, 0, 0]));
        Assert.Throws<ArgumentException>(() => Rng.FromState([1, 2, 3]));
    }
}
