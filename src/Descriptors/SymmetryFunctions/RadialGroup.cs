namespace MatSim.Descriptors.SymmetryFunctions;

/// <summary>
/// Radial functions sharing a neighbour filter and a cutoff function: f_c(r) is evaluated once
/// per neighbour for all of them.
/// </summary>
internal sealed class RadialGroup
{
    private readonly int neighborElement;
    private readonly bool weighted;
    private readonly CutoffFunction? cutoffFunction;
    private readonly double cutoff;
    private readonly int[] index;
    private readonly double[] eta;
    private readonly double[] shift;
    private readonly CompactFunction?[] compact;

    public static (int, int, CutoffFunction?) KeyOf(RadialSymmetryFunction f) => (f.Type, f.NeighborElement, f.CutoffFunction);

    public RadialGroup(IReadOnlyList<(RadialSymmetryFunction Function, int Index)> members)
    {
        RadialSymmetryFunction first = members[0].Function;
        neighborElement = first.NeighborElement;
        weighted = first.NeighborElement < 0;
        cutoffFunction = first.CutoffFunction;
        cutoff = members.Max(m => m.Function.Cutoff);
        index = members.Select(m => m.Index).ToArray();
        eta = members.Select(m => m.Function.Eta).ToArray();
        shift = members.Select(m => m.Function.Shift).ToArray();
        compact = members.Select(m => m.Function.Compact).ToArray();
    }

    public void Run(NeighborEnvironment env, KernelPass pass, ReadOnlySpan<double> weights, Span<double> output)
    {
        for (int s = 0; s < env.Count; s++)
        {
            double r = env.Distance[s];
            if (r >= cutoff || (neighborElement >= 0 && env.Element[s] != neighborElement)) continue;
            double fc = 1, dfc = 0;
            if (cutoffFunction != null) fc = cutoffFunction.Evaluate(r, out dfc);
            double weight = weighted ? env.AtomicNumber[s] : 1;
            double radialDirection = pass == KernelPass.Forward ? env.Displacement[s].Dot(env.Direction[s]) / r : 0;
            double gradient = 0;
            for (int m = 0; m < index.Length; m++)
            {
                double value, derivative;
                if (compact[m] is { } c)
                {
                    if (r <= c.Left) continue;
                    value = weight * c.Evaluate(r, out derivative);
                    derivative *= weight;
                }
                else
                {
                    double dr = r - shift[m];
                    double gauss = weight * Math.Exp(-eta[m] * dr * dr);
                    value = gauss * fc;
                    derivative = gauss * (dfc - 2 * eta[m] * dr * fc);
                }
                switch (pass)
                {
                    case KernelPass.Values: output[index[m]] += value; break;
                    case KernelPass.Backward: gradient += weights[index[m]] * derivative; break;
                    default: output[index[m]] += derivative * radialDirection; break;
                }
            }
            if (pass == KernelPass.Backward) env.Gradient[s] += gradient / r * env.Displacement[s];
        }
    }
}
