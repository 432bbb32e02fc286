using MathNet.Numerics.LinearAlgebra;

namespace MatSim.Simulation.Statistics;

/// <summary>
/// Energy–number fluctuations of a grand-canonical run, by blocks: the enthalpy of adsorption of
/// each component from ΔH_i = Σ_j cov(U, N_j) [cov(N, N)]⁻¹_ji − k_B T (Vlugt, García-Pérez,
/// Dubbeldam, Ban &amp; Calero, J. Chem. Theory Comput. 4, 1107 (2008)), evaluated per block for
/// the error bar.
/// </summary>
public sealed class FluctuationAverage
{
    private readonly int species;
    private readonly double[][] sums;   // per block: count, U, N_i, U N_i, N_i N_j
    private long samples;

    public long ExpectedSamples { get; }
    public int Blocks => sums.Length;

    public FluctuationAverage(int blocks, long expectedSamples, int species)
    {
        this.species = species;
        ExpectedSamples = expectedSamples;
        sums = Enumerable.Range(0, blocks).Select(_ => new double[2 + 2 * species + species * species]).ToArray();
    }

    public void Add(double energy, ReadOnlySpan<int> counts)
    {
        double[] s = sums[(int)Math.Min(Blocks - 1, samples * Blocks / ExpectedSamples)];
        s[0]++;
        s[1] += energy;
        for (int i = 0; i < species; i++)
        {
            s[2 + i] += counts[i];
            s[2 + species + i] += energy * counts[i];
            for (int j = 0; j < species; j++) s[2 + 2 * species + i * species + j] += (double)counts[i] * counts[j];
        }
        samples++;
    }

    /// <summary>ΔH of each component in eV (null where a component's number does not fluctuate).</summary>
    public Estimate?[] Enthalpies(double temperature)
    {
        double kT = Units.Units.Boltzmann * temperature;
        var perBlock = sums.Where(s => s[0] > 1).Select(s => Enthalpy(s, kT)).ToArray();
        double[] all = new double[sums[0].Length];
        foreach (double[] s in sums)
            for (int k = 0; k < all.Length; k++) all[k] += s[k];
        double[]? total = all[0] > 1 ? Enthalpy(all, kT) : null;
        var result = new Estimate?[species];
        for (int i = 0; i < species; i++)
        {
            double[] values = perBlock.Where(b => b != null).Select(b => b![i]).Where(double.IsFinite).ToArray();
            if (total == null || !double.IsFinite(total[i])) continue;
            double se = double.NaN;
            if (values.Length > 1)
            {
                double m = values.Average();
                se = Math.Sqrt(values.Sum(v => (v - m) * (v - m)) / (values.Length * (values.Length - 1)));
            }
            result[i] = new Estimate(total[i], se);
        }
        return result;
    }

    private double[]? Enthalpy(double[] s, double kT)
    {
        double n = s[0];
        double meanU = s[1] / n;
        var covNN = Matrix<double>.Build.Dense(species, species);
        var covUN = Vector<double>.Build.Dense(species);
        for (int i = 0; i < species; i++)
        {
            covUN[i] = s[2 + species + i] / n - meanU * s[2 + i] / n;
            for (int j = 0; j < species; j++)
                covNN[i, j] = s[2 + 2 * species + i * species + j] / n - s[2 + i] / n * (s[2 + j] / n);
        }
        if (Enumerable.Range(0, species).Any(i => !(covNN[i, i] > 0))) return null;
        Vector<double> h = covNN.Solve(covUN);
        return h.Select(v => v - kT).ToArray();
    }

    public FluctuationState Save() => new(samples, sums.Select(s => (double[])s.Clone()).ToArray());

    public void Restore(FluctuationState state)
    {
        samples = state.Samples;
        for (int b = 0; b < Blocks; b++) state.Sums[b].CopyTo(sums[b], 0);
    }
}

/// <summary>A fluctuation average's running sums in a checkpoint.</summary>
public sealed record FluctuationState(long Samples, double[][] Sums);
