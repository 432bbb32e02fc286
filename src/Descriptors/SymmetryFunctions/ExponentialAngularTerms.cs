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
    }

    public void Values(TripletBuffer b, Span<double> output)
    {
        foreach (Block block in blocks)
        {
            GaussTimes(b, block, b.F, b.Gauss);
            for (int m = block.First; m < block.End; m++)
            {
                Member member = members[m];
                var lambda = Vector256.Create(member.Lambda);
                Vector256<double> sum = Vector256<double>.Zero;
                for (int t = 0; t < b.Padded; t += TripletBuffer.Width)
                {
                    Vector256<double> p = Vector256<double>.One + lambda * Load(b.Cos, t);
                    Vector256<double> term = Power(p, member) * Load(b.Gauss, t);
                    sum += Vector256.ConditionalSelect(Vector256.GreaterThan(p, Vector256<double>.Zero), term, Vector256<double>.Zero);
                }
                output[member.Index] += member.Normalisation * Vector256.Sum(sum);
            }
        }
    }

    /// <summary>Adds Σ_s w_s ∂T_s/∂(r_ij, r_ik, r_jk, cos) into the buffer's per-triplet sums.</summary>
    public void Backward(TripletBuffer b, ReadOnlySpan<double> weights)
    {
        foreach (Block block in blocks)
        {
            GaussTimes(b, block, null, b.Gauss);
            Array.Clear(b.BlockA, 0, b.Padded);
            Array.Clear(b.BlockB, 0, b.Padded);
            bool any = false;
            for (int m = block.First; m < block.End; m++)
            {
                Member member = members[m];
                double w = weights[member.Index] * member.Normalisation;
                if (w == 0) continue;
                any = true;
                var lambda = Vector256.Create(member.Lambda);
                var cosFactor = Vector256.Create(w * member.Zeta * member.Lambda);
                var weight = Vector256.Create(w);
                for (int t = 0; t < b.Padded; t += TripletBuffer.Width)
                {
                    Vector256<double> p = Vector256<double>.One + lambda * Load(b.Cos, t);
                    Vector256<double> mask = Vector256.GreaterThan(p, Vector256<double>.Zero);
                    Vector256<double> powerMinusOne = Vector256.ConditionalSelect(mask, PowerMinusOne(p, member), Vector256<double>.Zero);
                    Store(Load(b.BlockA, t) + weight * powerMinusOne * p, b.BlockA, t);
                    Store(Load(b.BlockB, t) + cosFactor * powerMinusOne, b.BlockB, t);
                }
            }
            if (!any) continue;
            var twoEta = Vector256.Create(2 * block.Eta);
            var shift = Vector256.Create(block.Shift);
            for (int t = 0; t < b.Padded; t += TripletBuffer.Width)
            {
                Vector256<double> g = Load(b.Gauss, t), f = Load(b.F, t);
                Vector256<double> a = g * Load(b.BlockA, t);
                Vector256<double> gaussSlope = twoEta * f;
                Store(Load(b.SumIJ, t) + a * (Load(b.DFij, t) - gaussSlope * (Load(b.Rij, t) - shift)), b.SumIJ, t);
                Store(Load(b.SumIK, t) + a * (Load(b.DFik, t) - gaussSlope * (Load(b.Rik, t) - shift)), b.SumIK, t);
                if (narrow) Store(Load(b.SumJK, t) + a * (Load(b.DFjk, t) - gaussSlope * (Load(b.Rjk, t) - shift)), b.SumJK, t);
                Store(Load(b.SumCos, t) + g * f * Load(b.BlockB, t), b.SumCos, t);
            }
        }
    }

    /// <summary>Adds each function's change along the direction stored in the buffer (DIJ, DIK, DJK, DCos).</summary>
    public void Forward(TripletBuffer b, Span<double> output)
    {
        foreach (Block block in blocks)
        {
            GaussTimes(b, block, null, b.Gauss);
            var twoEta = Vector256.Create(2 * block.Eta);
            var shift = Vector256.Create(block.Shift);
            for (int t = 0; t < b.Padded; t += TripletBuffer.Width)
            {
                Vector256<double> g = Load(b.Gauss, t), f = Load(b.F, t);
                Vector256<double> dij = Load(b.DIJ, t), dik = Load(b.DIK, t), djk = narrow ? Load(b.DJK, t) : Vector256<double>.Zero;
                Vector256<double> radial = Load(b.DFij, t) * dij + Load(b.DFik, t) * dik + Load(b.DFjk, t) * djk
                    - twoEta * f * ((Load(b.Rij, t) - shift) * dij + (Load(b.Rik, t) - shift) * dik + (narrow ? (Load(b.Rjk, t) - shift) * djk : Vector256<double>.Zero));
                Store(g * radial, b.BlockA, t);
                Store(g * f * Load(b.DCos, t), b.BlockB, t);
            }
            for (int m = block.First; m < block.End; m++)
            {
                Member member = members[m];
                var lambda = Vector256.Create(member.Lambda);
                var cosFactor = Vector256.Create(member.Zeta * member.Lambda);
                Vector256<double> sum = Vector256<double>.Zero;
                for (int t = 0; t < b.Padded; t += TripletBuffer.Width)
                {
                    Vector256<double> p = Vector256<double>.One + lambda * Load(b.Cos, t);
                    Vector256<double> powerMinusOne = PowerMinusOne(p, member);
                    Vector256<double> term = powerMinusOne * (p * Load(b.BlockA, t) + cosFactor * Load(b.BlockB, t));
                    sum += Vector256.ConditionalSelect(Vector256.GreaterThan(p, Vector256<double>.Zero), term, Vector256<double>.Zero);
                }
                output[member.Index] += member.Normalisation * Vector256.Sum(sum);
            }
        }
    }

    /// <summary>G per triplet for a block, times <paramref name="factor"/> if given.</summary>
    private void GaussTimes(TripletBuffer b, Block block, double[]? factor, double[] result)
    {
        var minusEta = Vector256.Create(-block.Eta);
        var shift = Vector256.Create(block.Shift);
        for (int t = 0; t < b.Padded; t += TripletBuffer.Width)
        {
            Vector256<double> sij = Load(b.Rij, t) - shift, sik = Load(b.Rik, t) - shift;
            Vector256<double> sum = sij * sij + sik * sik;
            if (narrow)
            {
                Vector256<double> sjk = Load(b.Rjk, t) - shift;
                sum += sjk * sjk;
            }
            Vector256<double> g = Vector256.Exp(minusEta * sum);
            Store(factor == null ? g : g * Load(factor, t), result, t);
        }
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
