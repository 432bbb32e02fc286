using System.Numerics;
using MatSim.Simulation.Geometry;

namespace MatSim.Simulation.Random;

/// <summary>
/// The random-number generator of every stochastic path in MatSim: xoshiro256** (Blackman &amp;
/// Vigna, ACM TOMS 47, 36 (2021)) seeded through SplitMix64. Same seed, same stream, on every
/// platform and .NET version (System.Random promises neither). Its whole state is four integers,
/// saved in checkpoints so that a resumed run continues the same stream.
/// </summary>
public sealed class Rng
{
    private ulong s0, s1, s2, s3;

    /// <summary>A generator seeded from <paramref name="seed"/> via SplitMix64.</summary>
    public Rng(ulong seed)
    {
        ulong x = seed;
        s0 = SplitMix64(ref x);
        s1 = SplitMix64(ref x);
        s2 = SplitMix64(ref x);
        s3 = SplitMix64(ref x);
    }

    private Rng(ulong[] state)
    {
        if (state.Length != 4) throw new ArgumentException("a generator state has four words", nameof(state));
        if (state.All(w => w == 0)) throw new ArgumentException("the all-zero state is not a valid xoshiro256** state", nameof(state));
        (s0, s1, s2, s3) = (state[0], state[1], state[2], state[3]);
    }

    /// <summary>Restores a generator from <see cref="State"/>.</summary>
    public static Rng FromState(IReadOnlyList<ulong> state) => new(state.ToArray());

    /// <summary>
    /// An independent stream for a numbered sub-task (thread, replica, job) of a seeded run: the
    /// seed and the keys are mixed by SplitMix64, so streams of different keys do not overlap in
    /// practice.
    /// </summary>
    public static Rng ForStream(ulong seed, params ulong[] keys)
    {
        ulong x = seed;
        ulong mixed = SplitMix64(ref x);
        foreach (ulong key in keys)
        {
            x = mixed ^ key;
            mixed = SplitMix64(ref x);
        }
        return new Rng(mixed);
    }

    /// <summary>The generator's state (four words), for checkpoints.</summary>
    public ulong[] State => [s0, s1, s2, s3];

    /// <summary>One step of SplitMix64 (Steele, Lea &amp; Flood, OOPSLA 2014).</summary>
    public static ulong SplitMix64(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong NextUInt64()
    {
        ulong result = BitOperations.RotateLeft(s1 * 5, 7) * 9;
        ulong t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = BitOperations.RotateLeft(s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in (0, 1]: safe to take the logarithm of.</summary>
    public double NextDoubleNonZero() => ((NextUInt64() >> 11) + 1) * (1.0 / (1UL << 53));

    /// <summary>0 … count−1 in a uniformly random order (Fisher–Yates).</summary>
    public int[] Permutation(int count)
    {
        int[] order = Enumerable.Range(0, count).ToArray();
        for (int i = count - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }

    /// <summary>Uniform integer in [0, n), without modulo bias (Lemire, ACM TOMACS 29, 3 (2019)).</summary>
    public int NextInt(int n)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n), n, "the range must be positive");
        ulong range = (ulong)n;
        UInt128 product = (UInt128)NextUInt64() * range;
        ulong low = (ulong)product;
        if (low < range)
        {
            ulong threshold = (0UL - range) % range;
            while (low < threshold)
            {
                product = (UInt128)NextUInt64() * range;
                low = (ulong)product;
            }
        }
        return (int)(product >> 64);
    }

    /// <summary>Standard normal deviate (Box–Muller; one value per call, no hidden cached state).</summary>
    public double NextGaussian()
    {
        double u = NextDoubleNonZero();
        double v = NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v);
    }

    /// <summary>
    /// Gamma(shape, 1) deviate (Marsaglia &amp; Tsang, ACM TOMS 26, 363 (2000); shape &lt; 1 by
    /// boosting: Gamma(a) = Gamma(a + 1) · U^(1/a)).
    /// </summary>
    public double NextGamma(double shape)
    {
        if (!(shape > 0)) throw new ArgumentOutOfRangeException(nameof(shape), shape, "the shape must be positive");
        if (shape < 1) return NextGamma(shape + 1) * Math.Pow(NextDoubleNonZero(), 1 / shape);
        double d = shape - 1.0 / 3, c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x = NextGaussian();
            double v = 1 + c * x;
            if (v <= 0) continue;
            v = v * v * v;
            double u = NextDoubleNonZero();
            if (Math.Log(u) < 0.5 * x * x + d - d * v + d * Math.Log(v)) return d * v;
        }
    }

    /// <summary>A point uniformly distributed on the unit sphere (Marsaglia, Ann. Math. Stat. 43, 645 (1972)).</summary>
    public Vec3 NextUnitVector()
    {
        while (true)
        {
            double a = 2 * NextDouble() - 1, b = 2 * NextDouble() - 1;
            double s = a * a + b * b;
            if (s >= 1) continue;
            double f = 2 * Math.Sqrt(1 - s);
            return new Vec3(a * f, b * f, 1 - 2 * s);
        }
    }

    /// <summary>A rotation matrix uniformly distributed over SO(3) (from a uniform unit quaternion, Shoemake 1992).</summary>
    public Mat3 NextRotation()
    {
        double u1 = NextDouble(), u2 = 2 * Math.PI * NextDouble(), u3 = 2 * Math.PI * NextDouble();
        double a = Math.Sqrt(1 - u1), b = Math.Sqrt(u1);
        double w = a * Math.Sin(u2), x = a * Math.Cos(u2), y = b * Math.Sin(u3), z = b * Math.Cos(u3);
        return new Mat3(
            1 - 2 * (y * y + z * z), 2 * (x * y - z * w), 2 * (x * z + y * w),
            2 * (x * y + z * w), 1 - 2 * (x * x + z * z), 2 * (y * z - x * w),
            2 * (x * z - y * w), 2 * (y * z + x * w), 1 - 2 * (x * x + y * y));
    }
}
