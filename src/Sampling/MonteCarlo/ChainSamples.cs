using MatSim.Sampling.Targets;

namespace MatSim.Sampling.MonteCarlo;

/// <summary>Runs of <see cref="FlowMonteCarlo"/> that keep configurations: ground truth and training data.</summary>
public static class ChainSamples
{
    /// <summary>
    /// one chain of local moves per start, each from its own start, equilibrated for
    /// <paramref name="equilibration"/> steps, then one configuration kept every <paramref name="stride"/>
    /// steps until <paramref name="perChain"/> are kept; rows are Cartesian configurations, chain after chain.
    /// </summary>
    public static double[] Collect(ITargetEnergy target, double kT, IReadOnlyList<double[]> starts, int perChain, int stride, int equilibration,
        double localStep, ulong seed)
    {
        int d = target.Dimension();
        var rows = new double[starts.Count * perChain * d];
        Parallel.For(0, starts.Count, c =>
        {
            using var chain = new FlowMonteCarlo(target, kT, starts[c], null, 0, localStep, seed + (ulong)c * 0x9E37);
            for (int s = 0; s < equilibration; s++) chain.Step();
            for (int k = 0; k < perChain; k++)
            {
                for (int s = 0; s < stride; s++) chain.Step();
                chain.Position.CopyTo(rows.AsSpan((c * perChain + k) * d, d));
            }
        });
        return rows;
    }
}
