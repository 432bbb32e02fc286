using MatSim.Simulation.Geometry;

namespace MatSim.Potentials.Classical;

/// <summary>
/// The reciprocal vectors of an Ewald sum, one of each ±k pair (h &gt; 0, or h = 0 and k &gt; 0, or
/// h = k = 0 and l &gt; 0), with their Cartesian components (1/Å) and the coefficient
/// A_k = (4π k_e / V) exp(−k²/4α²) / k², so that E_Fourier = Σ_k A_k |S(k)|².
/// </summary>
public sealed class KVectors
{
    public static readonly KVectors Empty = new([], [], [], [], [], [], []);

    public int[] H { get; }
    public int[] K { get; }
    public int[] L { get; }
    public double[] X { get; }
    public double[] Y { get; }
    public double[] Z { get; }
    public double[] Coefficient { get; }
    public int Count => H.Length;

    private KVectors(int[] h, int[] k, int[] l, double[] x, double[] y, double[] z, double[] coefficient)
    {
        H = h;
        K = k;
        L = l;
        X = x;
        Y = y;
        Z = z;
        Coefficient = coefficient;
    }

    public static KVectors Create(Cell cell, EwaldParameters parameters, double coulomb)
    {
        var (hMax, kMax, lMax) = parameters.KSpace.MaxIndex;
        double? indexLimit = parameters.KSpace.MaxIndexSquared;
        double? waveLimit = parameters.KSpace.MaxWaveNumber;
        Vec3 a = 2 * Math.PI * cell.Reciprocal(0), b = 2 * Math.PI * cell.Reciprocal(1), c = 2 * Math.PI * cell.Reciprocal(2);
        double alpha2 = parameters.Alpha * parameters.Alpha;
        double prefactor = 4 * Math.PI * coulomb / cell.Volume;
        var hs = new List<int>();
        var ks = new List<int>();
        var ls = new List<int>();
        var xs = new List<double>();
        var ys = new List<double>();
        var zs = new List<double>();
        var coefficients = new List<double>();
        for (int h = 0; h <= hMax; h++)
        for (int k = h == 0 ? 0 : -kMax; k <= kMax; k++)
        for (int l = h == 0 && k == 0 ? 1 : -lMax; l <= lMax; l++)
        {
            if (indexLimit is { } limit && h * h + k * k + l * l >= limit) continue;
            Vec3 kv = h * a + k * b + l * c;
            double k2 = kv.LengthSquared;
            if (waveLimit is { } kLimit && k2 > kLimit * kLimit * (1 + 1e-12)) continue;
            hs.Add(h);
            ks.Add(k);
            ls.Add(l);
            xs.Add(kv.X);
            ys.Add(kv.Y);
            zs.Add(kv.Z);
            coefficients.Add(prefactor * Math.Exp(-k2 / (4 * alpha2)) / k2);
        }
        return new KVectors(hs.ToArray(), ks.ToArray(), ls.ToArray(), xs.ToArray(), ys.ToArray(), zs.ToArray(), coefficients.ToArray());
    }
}

/// <summary>
/// e^{i 2π n s} along each cell axis for one atom (n up to the k-space limits), built by
/// recurrence, so that e^{ik·r} = e_a[h] e_b[k] e_c[l] costs two complex products per k.
/// </summary>
public sealed class Phases(int hMax, int kMax, int lMax)
{
    private readonly double[] ca = new double[hMax + 1], sa = new double[hMax + 1];
    private readonly double[] cb = new double[kMax + 1], sb = new double[kMax + 1];
    private readonly double[] cc = new double[lMax + 1], sc = new double[lMax + 1];

    public void Set(Vec3 fractional)
    {
        Fill(fractional.X, ca, sa);
        Fill(fractional.Y, cb, sb);
        Fill(fractional.Z, cc, sc);
    }

    private static void Fill(double s, double[] cos, double[] sin)
    {
        double angle = 2 * Math.PI * s;
        double c1 = Math.Cos(angle), s1 = Math.Sin(angle);
        cos[0] = 1;
        sin[0] = 0;
        for (int n = 1; n < cos.Length; n++)
        {
            cos[n] = cos[n - 1] * c1 - sin[n - 1] * s1;
            sin[n] = sin[n - 1] * c1 + cos[n - 1] * s1;
        }
    }

    /// <summary>cos and sin of k·r for k = (h, k, l).</summary>
    public void Of(int h, int k, int l, out double cos, out double sin)
    {
        double c1 = ca[Math.Abs(h)], s1 = h >= 0 ? sa[h] : -sa[-h];
        double c2 = cb[Math.Abs(k)], s2 = k >= 0 ? sb[k] : -sb[-k];
        double c3 = cc[Math.Abs(l)], s3 = l >= 0 ? sc[l] : -sc[-l];
        double c12 = c1 * c2 - s1 * s2, s12 = s1 * c2 + c1 * s2;
        cos = c12 * c3 - s12 * s3;
        sin = s12 * c3 + c12 * s3;
    }
}
