using MatSim.Simulation.Geometry;

namespace MatSim.Descriptors.SymmetryFunctions;

/// <summary>
/// Angular functions of one kind sharing an element pair and a radial cutoff: for every neighbour
/// pair (j, k) the geometry (r_ij, r_ik, r_jk, cos θ_ijk) and the cutoff factors are computed once;
/// each function adds its term and its partial derivatives with respect to r_ij, r_ik, r_jk and
/// cos θ, which are turned into vectors once per pair.
/// </summary>
internal sealed class AngularGroup
{
    private readonly int element1;
    private readonly int element2;
    private readonly bool narrow;
    private readonly bool weighted;
    private readonly CutoffFunction? cutoffFunction;
    private readonly CompactFunction? compactRadial;
    private readonly double cutoff;
    private readonly double lower;
    private readonly int[] index;
    private readonly double[] eta;
    private readonly double[] shift;
    private readonly double[] lambda;
    private readonly double[] zeta;
    private readonly int[] integerZeta;
    private readonly double[] normalisation;
    private readonly CompactFunction?[] compactAngle;

    public static (int, int, int, CutoffFunction?, (double, double, string)?) KeyOf(AngularSymmetryFunction f) =>
        (f.Type, f.Element1, f.Element2, f.CutoffFunction, f.CompactRadial is { } c ? (c.Left, c.Right, c.Subtype) : null);

    public AngularGroup(IReadOnlyList<(AngularSymmetryFunction Function, int Index)> members)
    {
        AngularSymmetryFunction first = members[0].Function;
        element1 = first.Element1;
        element2 = first.Element2;
        narrow = first.IsNarrow;
        weighted = first.IsWeighted;
        cutoffFunction = first.CutoffFunction;
        compactRadial = first.CompactRadial;
        cutoff = first.Cutoff;
        lower = compactRadial?.Left ?? double.NegativeInfinity;
        index = members.Select(m => m.Index).ToArray();
        eta = members.Select(m => m.Function.Eta).ToArray();
        shift = members.Select(m => m.Function.Shift).ToArray();
        lambda = members.Select(m => m.Function.Lambda).ToArray();
        zeta = members.Select(m => m.Function.Zeta).ToArray();
        integerZeta = zeta.Select(z => z == Math.Round(z) && z <= 64 ? (int)z : -1).ToArray();
        normalisation = zeta.Select(z => Math.Pow(2, 1 - z)).ToArray();
        compactAngle = members.Select(m => m.Function.IsCompact
            ? new CompactFunction(m.Function.CompactRadial!.Subtype, m.Function.AngleLeft * Math.PI / 180, m.Function.AngleRight * Math.PI / 180)
            : null).ToArray();
    }

    public void Run(NeighborEnvironment env, KernelPass pass, ReadOnlySpan<double> weights, Span<double> output, GroupScratch scratch)
    {
        scratch.Ensure(env.Count);
        int countFirst = Collect(env, element1, scratch.First, scratch.CutoffFirst, scratch.CutoffFirstDerivative);
        bool samePair = element1 == element2;
        int countSecond = samePair ? countFirst : Collect(env, element2, scratch.Second, scratch.CutoffSecond, scratch.CutoffSecondDerivative);
        int[] second = samePair ? scratch.First : scratch.Second;
        double[] fcSecond = samePair ? scratch.CutoffFirst : scratch.CutoffSecond;
        double[] dfcSecond = samePair ? scratch.CutoffFirstDerivative : scratch.CutoffSecondDerivative;
        for (int a = 0; a < countFirst; a++)
        {
            for (int b = samePair ? a + 1 : 0; b < countSecond; b++)
            {
                Pair(env, pass, weights, output, scratch.First[a], second[b],
                    scratch.CutoffFirst[a], scratch.CutoffFirstDerivative[a], fcSecond[b], dfcSecond[b]);
            }
        }
    }

    /// <summary>The slots of an element (any, for weighted functions) inside the radial window, with their cutoff factor.</summary>
    private int Collect(NeighborEnvironment env, int element, int[] slots, double[] fc, double[] dfc)
    {
        int count = 0;
        for (int s = 0; s < env.Count; s++)
        {
            double r = env.Distance[s];
            if (r >= cutoff || r <= lower || (!weighted && env.Element[s] != element)) continue;
            slots[count] = s;
            fc[count] = RadialFactor(r, out dfc[count]);
            count++;
        }
        return count;
    }

    private double RadialFactor(double r, out double derivative)
    {
        if (cutoffFunction != null) return cutoffFunction.Evaluate(r, out derivative);
        return compactRadial!.Evaluate(r, out derivative);
    }

    private void Pair(NeighborEnvironment env, KernelPass pass, ReadOnlySpan<double> weights, Span<double> output,
        int j, int k, double fij, double dfij, double fik, double dfik)
    {
        Vec3 dij = env.Displacement[j], dik = env.Displacement[k];
        double rij = env.Distance[j], rik = env.Distance[k];
        Vec3 djk = dik - dij;
        double rjk = 0, fjk = 1, dfjk = 0;
        if (narrow)
        {
            double rjk2 = djk.LengthSquared;
            if (rjk2 >= cutoff * cutoff) return;
            rjk = Math.Sqrt(rjk2);
            if (rjk <= lower) return;
            fjk = RadialFactor(rjk, out dfjk);
        }
        double inverse = 1 / (rij * rik);
        double cos = dij.Dot(dik) * inverse;
        double pairWeight = weighted ? env.AtomicNumber[j] * env.AtomicNumber[k] : 1;
        // product of the radial factors and its partial derivatives
        double f = fij * fik * fjk;
        double dfdij = dfij * fik * fjk, dfdik = fij * dfik * fjk, dfdjk = fij * fik * dfjk;

        double theta = 0, dThetaDCos = 0;
        if (compactAngle[0] != null)
        {
            if (cos <= -1 || cos >= 1) return;
            theta = Math.Acos(cos);
            dThetaDCos = -1 / Math.Sqrt(1 - cos * cos);
        }

        double sumIJ = 0, sumIK = 0, sumJK = 0, sumCos = 0;
        double dIJ = 0, dIK = 0, dJK = 0, dCos = 0;
        if (pass == KernelPass.Forward)
        {
            Vec3 vj = env.Direction[j], vk = env.Direction[k];
            dIJ = dij.Dot(vj) / rij;
            dIK = dik.Dot(vk) / rik;
            if (narrow) dJK = djk.Dot(vk - vj) / rjk;
            dCos = (dik.Dot(vj) + dij.Dot(vk)) * inverse - cos * (dij.Dot(vj) / (rij * rij) + dik.Dot(vk) / (rik * rik));
        }

        double lastEta = double.NaN, lastShift = double.NaN, gauss = 0;
        for (int m = 0; m < index.Length; m++)
        {
            double value, tij, tik, tjk, tcos;
            if (compactAngle[m] is { } angle)
            {
                double a = angle.Evaluate(theta, out double da);
                if (a == 0 && da == 0) continue;
                value = f * a;
                tij = dfdij * a;
                tik = dfdik * a;
                tjk = dfdjk * a;
                tcos = f * da * dThetaDCos;
            }
            else
            {
                double p = 1 + lambda[m] * cos;
                if (p <= 0) continue;
                if (eta[m] != lastEta || shift[m] != lastShift)
                {
                    lastEta = eta[m];
                    lastShift = shift[m];
                    double sij = rij - lastShift, sik = rik - lastShift, sjk = narrow ? rjk - lastShift : 0;
                    gauss = Math.Exp(-lastEta * (sij * sij + sik * sik + (narrow ? sjk * sjk : 0)));
                }
                double powerMinusOne = integerZeta[m] > 0 ? IntegerPower(p, integerZeta[m] - 1) : Math.Pow(p, zeta[m] - 1);
                double pre = normalisation[m] * pairWeight * powerMinusOne * p * gauss;
                double twoEta = 2 * eta[m];
                value = pre * f;
                tij = pre * (dfdij - twoEta * (rij - shift[m]) * f);
                tik = pre * (dfdik - twoEta * (rik - shift[m]) * f);
                tjk = narrow ? pre * (dfdjk - twoEta * (rjk - shift[m]) * f) : 0;
                tcos = normalisation[m] * pairWeight * zeta[m] * lambda[m] * powerMinusOne * gauss * f;
            }
            switch (pass)
            {
                case KernelPass.Values:
                    output[index[m]] += value;
                    break;
                case KernelPass.Backward:
                    double w = weights[index[m]];
                    sumIJ += w * tij;
                    sumIK += w * tik;
                    sumJK += w * tjk;
                    sumCos += w * tcos;
                    break;
                default:
                    output[index[m]] += tij * dIJ + tik * dIK + tjk * dJK + tcos * dCos;
                    break;
            }
        }
        if (pass != KernelPass.Backward) return;
        // dE/d(d_ij) and dE/d(d_ik) from the scalar partials (d_jk = d_ik − d_ij)
        Vec3 jkPart = narrow ? sumJK / rjk * djk : Vec3.Zero;
        Vec3 gradientJ = sumIJ / rij * dij + sumCos * (inverse * dik - cos / (rij * rij) * dij) - jkPart;
        Vec3 gradientK = sumIK / rik * dik + sumCos * (inverse * dij - cos / (rik * rik) * dik) + jkPart;
        env.Gradient[j] += gradientJ;
        env.Gradient[k] += gradientK;
    }

    private static double IntegerPower(double x, int n)
    {
        double result = 1;
        while (n > 0)
        {
            if ((n & 1) != 0) result *= x;
            x *= x;
            n >>= 1;
        }
        return result;
    }
}
