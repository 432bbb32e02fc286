namespace MatSim.Descriptors.SymmetryFunctions;

/// <summary>
/// The compact angular functions (types 21, 22) of one group over a triplet buffer: T = F · A(θ),
/// F the product of the compact radial factors, A a compact function of θ = acos(cos θ) on
/// (θ_left, θ_right). Triplets with |cos θ| = 1 are skipped (n2p2 does the same; A vanishes there
/// unless the function is centred at 0° or 180°).
/// </summary>
internal sealed class CompactAngularTerms(IReadOnlyList<(AngularSymmetryFunction Function, int Index)> functions)
{
    private readonly int[] index = functions.Select(f => f.Index).ToArray();
    private readonly CompactFunction[] angle = functions.Select(f => new CompactFunction(
        f.Function.CompactRadial!.Subtype, f.Function.AngleLeft * Math.PI / 180, f.Function.AngleRight * Math.PI / 180)).ToArray();

    public void Run(TripletBuffer b, KernelPass pass, ReadOnlySpan<double> weights, Span<double> output)
    {
        for (int t = 0; t < b.Count; t++)
        {
            double cos = b.Cos[t];
            if (cos <= -1 || cos >= 1) continue;
            double theta = Math.Acos(cos);
            double dThetaDCos = -1 / Math.Sqrt(1 - cos * cos);
            for (int m = 0; m < index.Length; m++)
            {
                double a = angle[m].Evaluate(theta, out double da);
                if (a == 0 && da == 0) continue;
                double tcos = b.F[t] * da * dThetaDCos;
                switch (pass)
                {
                    case KernelPass.Values:
                        output[index[m]] += b.F[t] * a;
                        break;
                    case KernelPass.Backward:
                        double w = weights[index[m]];
                        b.SumIJ[t] += w * b.DFij[t] * a;
                        b.SumIK[t] += w * b.DFik[t] * a;
                        b.SumJK[t] += w * b.DFjk[t] * a;
                        b.SumCos[t] += w * tcos;
                        break;
                    default:
                        output[index[m]] += a * (b.DFij[t] * b.DIJ[t] + b.DFik[t] * b.DIK[t] + b.DFjk[t] * b.DJK[t]) + tcos * b.DCos[t];
                        break;
                }
            }
        }
    }
}
