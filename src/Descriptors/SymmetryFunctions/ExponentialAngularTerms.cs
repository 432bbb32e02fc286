using System.Runtime.Intrinsics;

namespace MatSim.Descriptors.SymmetryFunctions;

/// <summary>
/// The exponential angular functions (types 3, 9, 13) of one group summed over a triplet buffer
/// with 4-wide SIMD. Functions sharing (η, r_s) form a block: the Gaussian is evaluated once per
/// triplet and block, and for derivatives the functions of a block are first reduced to two
/// per-triplet coefficients (of the Gaussian's radial derivative and of d/dcos θ).
/// Term: T = 2^(1−ζ) P^ζ G F with P = 1 + λ cos θ (0 where P ≤ 0, as n2p2), G = exp(−η Σ (r − r_s)²)
/// over the sides in the function, F the product of cutoff factors (times the pair weight).
/// </summary>
internal sealed class ExponentialAngularTerms
{
    private readonly record struct Member(int Index, double Lambda, double Zeta, int IntegerZeta, double Normalisation);
    private readonly record struct Block(double Eta, double Shift, int First, int End);

    private readonly Member[] members;
    private readonly Block[] blocks;
    private readonly bool narrow;
    private readonly int maxBlockSize;

    public ExponentialAngularTerms(IReadOnlyList<(AngularSymmetryFunction Function, int Index)> functions, bool narrow)
    {
        this.narrow = narrow;
        members = functions.Select(f => new Member(f.Index, f.Function.Lambda, f.Function.Zeta,
            f.Function.Zeta == Math.Round(f.Function.Zeta) && f.Function.Zeta <= 64 ? (int)f.Function.Zeta : -1,
            Math.Pow(2, 1 - f.Function.Zeta))).ToArray();
        var list = new List<Block>();
        for (int m = 0; m < functions.Count; m++)
        {
            var f = functions[m].Function;
            if (list.Count > 0 && list[^1].Eta == f.Eta && list[^1].Shift == f.Shift) list[^1] = list[^1] with { End = m + 1 };
            else list.Add(new Block(f.Eta, f.Shift, m, m + 1));
        }
        blocks = list.ToArray();
        maxBlockSize = blocks.Max(b => b.End - b.First);
    }

    public void Values(TripletBuffer b, Span<double> output)
    {
        Span<Vector256<double>> sums = stackalloc Vector256<double>[maxBlockSize];
        foreach (Block block in blocks)
        {
            int count = block.End - block.First;
            sums[..count].Clear();
            for (int t = 0; t < b.Padded; t += TripletBuffer.Width)
            {
                Vector256<double> gf = Gauss(b, block, t) * Load(b.F, t), cos = Load(b.Cos, t);
                for (int m = 0; m < count; m++)
                {
                    Member member = members[block.First + m];
                    Vector256<double> p = Vector256<double>.One + Vector256.Create(member.Lambda) * cos;
                    sums[m] += Vector256.ConditionalSelect(Vector256.GreaterThan(p, Vector256<double>.Zero), Power(p, member) * gf, Vector256<double>.Zero);
                }
            }
            for (int m = 0; m < count; m++) output[members[block.First + m].Index] += members[block.First + m].Normalisation * Vector256.Sum(sums[m]);
        }
    }

    /// <summary>Adds Σ_s w_s ∂T_s/∂(r_ij, r_ik, r_jk, cos) into the buffer's per-triplet sums.</summary>
    public void Backward(TripletBuffer b, ReadOnlySpan<double> weights)
    {
        Span<double> w = stackalloc double[maxBlockSize];
        foreach (Block block in blocks)
        {
            int count = block.End - block.First;
            bool any = false;
            for (int m = 0; m < count; m++)
            {
                Member member = members[block.First + m];
                w[m] = weights[member.Index] * member.Normalisation;
                any |= w[m] != 0;
            }
            if (!any) continue;
            var twoEta = Vector256.Create(2 * block.Eta);
            var shift = Vector256.Create(block.Shift);
            for (int t = 0; t < b.Padded; t += TripletBuffer.Width)
            {
                Vector256<double> cos = Load(b.Cos, t);
                Vector256<double> a = Vector256<double>.Zero, c = Vector256<double>.Zero;
                for (int m = 0; m < count; m++)
                {
                    Member member = members[block.First + m];
                    Vector256<double> p = Vector256<double>.One + Vector256.Create(member.Lambda) * cos;
                    Vector256<double> powerMinusOne = Vector256.ConditionalSelect(Vector256.GreaterThan(p, Vector256<double>.Zero), PowerMinusOne(p, member), Vector256<double>.Zero);
                    a += Vector256.Create(w[m]) * powerMinusOne * p;
                    c += Vector256.Create(w[m] * member.Zeta * member.Lambda) * powerMinusOne;
                }
                Vector256<double> g = Gauss(b, block, t), f = Load(b.F, t);
                Vector256<double> ga = g * a, slope = twoEta * f;
                Store(Load(b.SumIJ, t) + ga * (Load(b.DFij, t) - slope * (Load(b.Rij, t) - shift)), b.SumIJ, t);
                Store(Load(b.SumIK, t) + ga * (Load(b.DFik, t) - slope * (Load(b.Rik, t) - shift)), b.SumIK, t);
                if (narrow) Store(Load(b.SumJK, t) + ga * (Load(b.DFjk, t) - slope * (Load(b.Rjk, t) - shift)), b.SumJK, t);
                Store(Load(b.SumCos, t) + g * f * c, b.SumCos, t);
            }
        }
    }

    /// <summary>Adds each function's change along the direction stored in the buffer (DIJ, DIK, DJK, DCos).</summary>
    public void Forward(TripletBuffer b, Span<double> output)
    {
        Span<Vector256<double>> sums = stackalloc Vector256<double>[maxBlockSize];
        foreach (Block block in blocks)
        {
            int count = block.End - block.First;
            sums[..count].Clear();
            var twoEta = Vector256.Create(2 * block.Eta);
            var shift = Vector256.Create(block.Shift);
            for (int t = 0; t < b.Padded; t += TripletBuffer.Width)
            {
                Vector256<double> g = Gauss(b, block, t), f = Load(b.F, t), cos = Load(b.Cos, t);
                Vector256<double> dij = Load(b.DIJ, t), dik = Load(b.DIK, t), djk = narrow ? Load(b.DJK, t) : Vector256<double>.Zero;
                Vector256<double> radial = Load(b.DFij, t) * dij + Load(b.DFik, t) * dik + Load(b.DFjk, t) * djk
                    - twoEta * f * ((Load(b.Rij, t) - shift) * dij + (Load(b.Rik, t) - shift) * dik + (narrow ? (Load(b.Rjk, t) - shift) * djk : Vector256<double>.Zero));
                Vector256<double> q = g * radial, r = g * f * Load(b.DCos, t);
                for (int m = 0; m < count; m++)
                {
                    Member member = members[block.First + m];
                    Vector256<double> p = Vector256<double>.One + Vector256.Create(member.Lambda) * cos;
                    Vector256<double> term = PowerMinusOne(p, member) * (p * q + Vector256.Create(member.Zeta * member.Lambda) * r);
                    sums[m] += Vector256.ConditionalSelect(Vector256.GreaterThan(p, Vector256<double>.Zero), term, Vector256<double>.Zero);
                }
            }
            for (int m = 0; m < count; m++) output[members[block.First + m].Index] += members[block.First + m].Normalisation * Vector256.Sum(sums[m]);
        }
    }

    /// <summary>G = exp(−η Σ (r − r_s)²) of triplets t..t+3 for a block.</summary>
    private Vector256<double> Gauss(TripletBuffer b, Block block, int t)
    {
        var shift = Vector256.Create(block.Shift);
        Vector256<double> sij = Load(b.Rij, t) - shift, sik = Load(b.Rik, t) - shift;
        Vector256<double> sum = sij * sij + sik * sik;
        if (narrow)
        {
            Vector256<double> sjk = Load(b.Rjk, t) - shift;
            sum += sjk * sjk;
        }
        return Vector256.Exp(Vector256.Create(-block.Eta) * sum);
    }

    private static Vector256<double> Power(Vector256<double> p, Member member) =>
        member.IntegerZeta > 0 ? IntegerPower(p, member.IntegerZeta) : RealPower(p, member.Zeta);

    private static Vector256<double> PowerMinusOne(Vector256<double> p, Member member) =>
        member.IntegerZeta > 0 ? IntegerPower(p, member.IntegerZeta - 1) : RealPower(p, member.Zeta - 1);

    private static Vector256<double> IntegerPower(Vector256<double> x, int n)
    {
        Vector256<double> result = Vector256<double>.One;
        while (n > 0)
        {
            if ((n & 1) != 0) result *= x;
            x *= x;
            n >>= 1;
        }
        return result;
    }

    /// <summary>p^z lane by lane; lanes with p ≤ 0 are masked by the caller.</summary>
    private static Vector256<double> RealPower(Vector256<double> p, double z) =>
        Vector256.Create(Math.Pow(Math.Max(p[0], 0), z), Math.Pow(Math.Max(p[1], 0), z), Math.Pow(Math.Max(p[2], 0), z), Math.Pow(Math.Max(p[3], 0), z));

    private static Vector256<double> Load(double[] array, int t) => Vector256.LoadUnsafe(ref array[0], (nuint)t);

    private static void Store(Vector256<double> value, double[] array, int t) => value.StoreUnsafe(ref array[0], (nuint)t);
}
