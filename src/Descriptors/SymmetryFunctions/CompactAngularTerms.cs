namespace MatSim.Descriptors.SymmetryFunctions;

/// <summary>
/// The compact angular functions (types 21, 22, 24, 25) of one central element, type and element
/// pair, computed as n2p2 2.3 computes such a group (SymGrpCompAngn and kin), so that models
/// trained with n2p2 give n2p2's values. Term of member m over a triplet:
/// T = w · c_m(r_ij) c_m(r_ik) [c(r_jk)] · A_m(θ), w = Z_j Z_k for 24/25 (else 1), c_m the member's
/// compact radial function on (r_l, r_c), A_m its angular function on (θ_left, θ_right), never
/// asymmetric (<see cref="CompactFunction.ForAngle"/>). The members are visited in n2p2's order;
/// a member outside its windows for the triplet is skipped. For narrow functions n2p2 evaluates
/// the r_jk factor only at a member whose (r_l, r_c) differ from the previous member's or after a
/// skipped member, and reuses it otherwise: a member that follows one of another subtype with the
/// same (r_l, r_c) takes that member's c(r_jk). Triplets with |cos θ| = 1 are skipped.
/// </summary>
internal sealed class CompactAngularTerms
{
    private readonly record struct Member(int Index, CompactFunction Radial, CompactFunction Angle, bool EvaluatesJk);

    private readonly Member[] members;
    private readonly bool narrow;

    public CompactAngularTerms(IReadOnlyList<(AngularSymmetryFunction Function, int Index)> functions, bool narrow)
    {
        this.narrow = narrow;
        members = new Member[functions.Count];
        for (int m = 0; m < functions.Count; m++)
        {
            AngularSymmetryFunction f = functions[m].Function;
            CompactFunction radial = f.CompactRadial!;
            bool newWindow = m == 0 || radial.Left != members[m - 1].Radial.Left || radial.Right != members[m - 1].Radial.Right;
            members[m] = new Member(functions[m].Index, radial,
                CompactFunction.ForAngle(radial.Subtype, f.AngleLeft * Math.PI / 180, f.AngleRight * Math.PI / 180), narrow && newWindow);
        }
    }

    /// <summary>The group's lower radial bound: the lowest r_l, or 0 if any is ≤ 0 (n2p2's rmin).</summary>
    public static double LowerBound(IEnumerable<AngularSymmetryFunction> functions)
    {
        double lower = double.PositiveInfinity;
        foreach (var f in functions) lower = f.CompactRadial!.Left <= 0 ? 0 : Math.Min(lower, f.CompactRadial.Left);
        return lower;
    }

    public void Run(TripletBuffer b, KernelPass pass, ReadOnlySpan<double> weights, Span<double> output)
    {
        for (int t = 0; t < b.Count; t++)
        {
            double cos = b.Cos[t];
            if (cos <= -1 || cos >= 1) continue;
            double theta = Math.Acos(cos), dThetaDCos = -1 / Math.Sqrt(1 - cos * cos);
            double rij = b.Rij[t], rik = b.Rik[t], rjk = b.Rjk[t], w = b.F[t];
            double fjk = 1, dfjk = 0;
            bool skipped = false;
            foreach (Member m in members)
            {
                CompactFunction c = m.Radial, angle = m.Angle;
                if (rij <= c.Left || rij >= c.Right || rik <= c.Left || rik >= c.Right
                    || (narrow && (rjk <= c.Left || rjk >= c.Right)) || theta <= angle.Left || theta >= angle.Right)
                {
                    skipped = true;
                    continue;
                }
                if (m.EvaluatesJk || (narrow && skipped))
                {
                    fjk = c.Evaluate(rjk, out dfjk);
                    skipped = false;
                }
                double fij = c.Evaluate(rij, out double dfij), fik = c.Evaluate(rik, out double dfik);
                double a = angle.Evaluate(theta, out double da);
                double radial = w * fij * fik * fjk;
                double dij = w * dfij * fik * fjk * a, dik = w * fij * dfik * fjk * a, djk = w * fij * fik * dfjk * a;
                double dcos = radial * da * dThetaDCos;
                switch (pass)
                {
                    case KernelPass.Values:
                        output[m.Index] += radial * a;
                        break;
                    case KernelPass.Backward:
                        double weight = weights[m.Index];
                        b.SumIJ[t] += weight * dij;
                        b.SumIK[t] += weight * dik;
                        b.SumJK[t] += weight * djk;
                        b.SumCos[t] += weight * dcos;
                        break;
                    default:
                        output[m.Index] += dij * b.DIJ[t] + dik * b.DIK[t] + djk * b.DJK[t] + dcos * b.DCos[t];
                        break;
                }
            }
        }
    }
}
