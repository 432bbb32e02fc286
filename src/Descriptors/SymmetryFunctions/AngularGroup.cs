using System.Runtime.Intrinsics;
using MatSim.Simulation.Geometry;

namespace MatSim.Descriptors.SymmetryFunctions;

/// <summary>
/// Angular functions of one kind sharing an element pair and a cutoff function (compact functions:
/// all of a type and element pair, as n2p2 groups them): the valid neighbour pairs (j, k) of the
/// central atom are collected once with their geometry (r_ij, r_ik, r_jk, cos θ_ijk) and cutoff
/// factors (compact functions evaluate their own radial factors); the functions are then summed
/// over them (<see cref="ExponentialAngularTerms"/>, <see cref="CompactAngularTerms"/>), and for
/// forces the per-pair partials are turned into vectors once per pair.
/// </summary>
internal sealed class AngularGroup
{
    private readonly int element1;
    private readonly int element2;
    private readonly bool narrow;
    private readonly bool weighted;
    private readonly CutoffFunction? cutoffFunction;
    private readonly double cutoff;
    private readonly double lower;
    private readonly ExponentialAngularTerms? exponential;
    private readonly CompactAngularTerms? compact;

    public static (int, int, int, CutoffFunction?) KeyOf(AngularSymmetryFunction f) => (f.Type, f.Element1, f.Element2, f.CutoffFunction);

    public AngularGroup(IReadOnlyList<(AngularSymmetryFunction Function, int Index)> members)
    {
        AngularSymmetryFunction first = members[0].Function;
        element1 = first.Element1;
        element2 = first.Element2;
        narrow = first.IsNarrow;
        weighted = first.IsWeighted;
        cutoffFunction = first.CutoffFunction;
        cutoff = members.Max(m => m.Function.Cutoff);
        lower = double.NegativeInfinity;
        if (first.IsCompact)
        {
            compact = new CompactAngularTerms(members, narrow);
            lower = CompactAngularTerms.LowerBound(members.Select(m => m.Function));
        }
        else exponential = new ExponentialAngularTerms(members, narrow);
    }

    public void Run(NeighborEnvironment env, KernelPass pass, ReadOnlySpan<double> weights, Span<double> output, TripletBuffer b, bool reuseTriplets)
    {
        if (!reuseTriplets) CollectTriplets(env, pass, b);
        if (b.Count == 0) return;
        if (pass == KernelPass.Backward)
        {
            Array.Clear(b.SumIJ, 0, b.Padded);
            Array.Clear(b.SumIK, 0, b.Padded);
            Array.Clear(b.SumJK, 0, b.Padded);
            Array.Clear(b.SumCos, 0, b.Padded);
        }
        if (compact != null) compact.Run(b, pass, weights, output);
        else if (pass == KernelPass.Values) exponential!.Values(b, output);
        else if (pass == KernelPass.Backward) exponential!.Backward(b, weights);
        else exponential!.Forward(b, output);
        if (pass == KernelPass.Backward) ScatterGradients(env, b);
    }

    /// <summary>dE/d(d_ij) and dE/d(d_ik) of every pair from its scalar partials (d_jk = d_ik − d_ij).</summary>
    private void ScatterGradients(NeighborEnvironment env, TripletBuffer b)
    {
        for (int t = 0; t < b.Count; t++)
        {
            int j = b.SlotJ[t], k = b.SlotK[t];
            Vec3 dij = env.Displacement[j], dik = env.Displacement[k];
            double rij = b.Rij[t], rik = b.Rik[t], cos = b.Cos[t], inverse = 1 / (rij * rik), sumCos = b.SumCos[t];
            Vec3 jkPart = narrow ? b.SumJK[t] / b.Rjk[t] * (dik - dij) : Vec3.Zero;
            env.Gradient[j] += b.SumIJ[t] / rij * dij + sumCos * (inverse * dik - cos / (rij * rij) * dij) - jkPart;
            env.Gradient[k] += b.SumIK[t] / rik * dik + sumCos * (inverse * dij - cos / (rik * rik) * dik) + jkPart;
        }
    }

    /// <summary>
    /// The neighbour pairs of the group (each unordered pair once) inside the radial windows: a
    /// scalar sweep keeps the pairs and their r_jk², then the distances, cutoff factors and cosines
    /// are finished four at a time.
    /// </summary>
    private void CollectTriplets(NeighborEnvironment env, KernelPass pass, TripletBuffer b)
    {
        b.EnsureCandidates(env.Count);
        int countFirst = Collect(env, element1, b.First, b.CutoffFirst, b.CutoffFirstDerivative);
        bool samePair = element1 == element2;
        int countSecond = samePair ? countFirst : Collect(env, element2, b.Second, b.CutoffSecond, b.CutoffSecondDerivative);
        int[] second = samePair ? b.First : b.Second;
        double[] fcSecond = samePair ? b.CutoffFirst : b.CutoffSecond;
        double[] dfcSecond = samePair ? b.CutoffFirstDerivative : b.CutoffSecondDerivative;
        double cutoff2 = cutoff * cutoff, lower2 = lower > 0 ? lower * lower : -1;
        b.Count = 0;
        for (int a = 0; a < countFirst; a++)
        {
            int j = b.First[a];
            Vec3 dij = env.Displacement[j];
            double rij = env.Distance[j], fij = b.CutoffFirst[a], dfij = b.CutoffFirstDerivative[a];
            for (int c = samePair ? a + 1 : 0; c < countSecond; c++)
            {
                int k = second[c];
                Vec3 dik = env.Displacement[k];
                double rjk2 = 0;
                if (narrow)
                {
                    rjk2 = (dik - dij).LengthSquared;
                    if (rjk2 >= cutoff2 || rjk2 <= lower2) continue;
                }
                b.Grow();
                int t = b.Count++;
                b.SlotJ[t] = j;
                b.SlotK[t] = k;
                b.Rij[t] = rij;
                b.Rik[t] = env.Distance[k];
                b.Rjk[t] = rjk2;
                b.Cos[t] = dij.Dot(dik);
                double weight = weighted ? env.AtomicNumber[j] * env.AtomicNumber[k] : 1;
                b.F[t] = weight * fij * fcSecond[c];
                b.DFij[t] = weight * dfij * fcSecond[c];
                b.DFik[t] = weight * fij * dfcSecond[c];
            }
        }
        b.Pad();
        FinishTriplets(b);
        if (pass != KernelPass.Forward) return;
        for (int t = 0; t < b.Count; t++)
        {
            int j = b.SlotJ[t], k = b.SlotK[t];
            Vec3 dij = env.Displacement[j], dik = env.Displacement[k], vj = env.Direction[j], vk = env.Direction[k];
            double rij = b.Rij[t], rik = b.Rik[t], cos = b.Cos[t];
            b.DIJ[t] = dij.Dot(vj) / rij;
            b.DIK[t] = dik.Dot(vk) / rik;
            b.DJK[t] = narrow ? (dik - dij).Dot(vk - vj) / b.Rjk[t] : 0;
            b.DCos[t] = (dik.Dot(vj) + dij.Dot(vk)) / (rij * rik) - cos * (dij.Dot(vj) / (rij * rij) + dik.Dot(vk) / (rik * rik));
        }
    }

    /// <summary>r_jk from r_jk², cos θ from the dot product, and the jk cutoff factor (not for compact functions), in SIMD.</summary>
    private void FinishTriplets(TripletBuffer b)
    {
        for (int t = 0; t < b.Padded; t += TripletBuffer.Width)
        {
            Vector256<double> rij = Load(b.Rij, t), rik = Load(b.Rik, t);
            Store(Load(b.Cos, t) / (rij * rik), b.Cos, t);
            if (!narrow)
            {
                Store(Vector256<double>.Zero, b.DFjk, t);
                continue;
            }
            Vector256<double> rjk = Vector256.Sqrt(Vector256.Max(Load(b.Rjk, t), Vector256.Create(1e-300)));
            Store(rjk, b.Rjk, t);
            if (cutoffFunction == null)
            {
                Store(Vector256<double>.Zero, b.DFjk, t);
                continue;
            }
            Vector256<double> fjk = cutoffFunction.Evaluate(Vector256.Min(rjk, Vector256.Create(cutoff * (1 - 1e-15))), out Vector256<double> dfjk);
            Vector256<double> f = Load(b.F, t);
            Store(f * dfjk, b.DFjk, t);
            Store(f * fjk, b.F, t);
            Store(Load(b.DFij, t) * fjk, b.DFij, t);
            Store(Load(b.DFik, t) * fjk, b.DFik, t);
        }
    }

    private static Vector256<double> Load(double[] array, int t) => Vector256.LoadUnsafe(ref array[0], (nuint)t);

    private static void Store(Vector256<double> value, double[] array, int t) => value.StoreUnsafe(ref array[0], (nuint)t);

    /// <summary>The slots of an element (any, for weighted functions) inside the radial window, with their cutoff factor (1 for compact functions).</summary>
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
        derivative = 0;
        return cutoffFunction?.Evaluate(r, out derivative) ?? 1;
    }
}
