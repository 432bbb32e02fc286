using MatSim.Simulation.Statistics;

namespace MatSim.Sampling.Estimators;

/// <summary>
/// Self-normalised importance weights of flow samples against the target: log wᵢ = −u(xᵢ)/kT − log q(xᵢ).
/// Kish's effective sample size (Σw)²/Σw²; reweighted means with the delta-method error
/// Var ≈ Σ w̃ᵢ² (fᵢ − f̄)² (w̃ normalised; Owen, Monte Carlo theory, methods and examples, §9.2);
/// free-energy differences between regions. Samples with non-finite energies get zero weight and are counted.
/// </summary>
public sealed class ImportanceWeights
{
    private readonly double[] weights;   // scaled so the largest is 1

    public ImportanceWeights(IReadOnlyList<double> reducedEnergies, IReadOnlyList<double> logQ)
    {
        int n = reducedEnergies.Count;
        var logW = new double[n];
        double max = double.NegativeInfinity;
        for (int i = 0; i < n; i++)
        {
            logW[i] = -reducedEnergies[i] - logQ[i];
            if (!double.IsFinite(logW[i])) { logW[i] = double.NegativeInfinity; NonFinite++; }
            max = Math.Max(max, logW[i]);
        }
        if (double.IsNegativeInfinity(max)) throw new InvalidOperationException("no sample has a finite weight");
        LogMaxWeight = max;
        weights = logW.Select(l => Math.Exp(l - max)).ToArray();
        double sum = weights.Sum(), sumSquares = weights.Sum(w => w * w);
        EffectiveSampleSize = sum * sum / sumSquares;
    }

    public int Count => weights.Length;
    public int NonFinite { get; }
    public double LogMaxWeight { get; }
    public double EffectiveSampleSize { get; }
    public double EffectiveFraction => EffectiveSampleSize / Count;

    /// <summary>ln Z_p/Z_q estimate up to the largest-weight shift: ln ⟨w⟩.</summary>
    public double LogMeanWeight => LogMaxWeight + Math.Log(weights.Average());

    /// <summary>The reweighted average of an observable, with its error.</summary>
    public Estimate Mean(IReadOnlyList<double> values)
    {
        double sum = weights.Sum();
        double mean = 0;
        for (int i = 0; i < Count; i++) if (weights[i] > 0) mean += weights[i] * values[i];
        mean /= sum;
        double variance = 0;
        for (int i = 0; i < Count; i++)
            if (weights[i] > 0)
            {
                double d = weights[i] / sum * (values[i] - mean);
                variance += d * d;
            }
        return new Estimate(mean, Math.Sqrt(variance));
    }

    /// <summary>
    /// F_B − F_A = −kT ln(P_B/P_A) for the regions A and B (membership per sample), with the
    /// delta-method error of ln(Σ_B w / Σ_A w): Var = Σᵢ wᵢ² (1_B(i)/S_B − 1_A(i)/S_A)².
    /// </summary>
    public Estimate FreeEnergyDifference(IReadOnlyList<bool> inA, IReadOnlyList<bool> inB, double kT)
    {
        double sa = 0, sb = 0;
        for (int i = 0; i < Count; i++)
        {
            if (inA[i]) sa += weights[i];
            if (inB[i]) sb += weights[i];
        }
        if (sa == 0 || sb == 0) throw new InvalidOperationException("a region holds no weighted sample: the free-energy difference is undefined");
        double variance = 0;
        for (int i = 0; i < Count; i++)
        {
            double d = weights[i] * ((inB[i] ? 1 / sb : 0) - (inA[i] ? 1 / sa : 0));
            variance += d * d;
        }
        return new Estimate(-kT * Math.Log(sb / sa), kT * Math.Sqrt(variance));
    }

    /// <summary>The normalised weight of each sample (sums to 1).</summary>
    public double[] Normalised()
    {
        double sum = weights.Sum();
        return weights.Select(w => w / sum).ToArray();
    }
}
