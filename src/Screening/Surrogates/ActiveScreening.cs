namespace MatSim.Screening.Surrogates;

/// <summary>How many simulations active screening needed to find the true top-k, against exhaustive and random order.</summary>
public sealed record ActiveScreeningResult(int Frameworks, int Top, int SimulationsActive, double SimulationsRandomMean, IReadOnlyList<int> FoundAfter);

/// <summary>
/// Surrogate-guided screening replayed on a finished campaign (its results stand in for the simulations): simulate a
/// random seed set, fit the GP, simulate next the batch with the highest upper confidence bound μ + σ, repeat until
/// the true top-k are all simulated. Random order needs on average k(N+1)/(k+1) simulations to see all top-k.
/// </summary>
public static class ActiveScreening
{
    public static ActiveScreeningResult Replay(double[][] x, double[] y, int top, int seedSet, int batch, ulong seed)
    {
        int n = y.Length;
        top = Math.Min(top, n);
        var truth = Enumerable.Range(0, n).OrderByDescending(i => y[i]).Take(top).ToHashSet();
        var simulated = SurrogateData.Shuffle(n, seed, 77).Take(Math.Min(seedSet, n)).ToList();
        var foundAfter = new List<int>();
        while (!truth.IsSubsetOf(simulated))
        {
            foundAfter.Add(simulated.Count(truth.Contains));
            double[][] xs = simulated.Select(i => x[i]).ToArray();
            double[] ys = simulated.Select(i => y[i]).ToArray();
            var model = new SurrogateModel(xs, ys, CrossValidation.TuneByLikelihood(xs, ys));
            var chosen = simulated.ToHashSet();
            var next = Enumerable.Range(0, n).Where(i => !chosen.Contains(i))
                .Select(i => (Index: i, Score: model.Predict(x[i], out double sigma) + sigma))
                .OrderByDescending(c => c.Score).Take(batch).Select(c => c.Index);
            simulated.AddRange(next);
        }
        foundAfter.Add(top);
        return new ActiveScreeningResult(n, top, simulated.Count, top * (n + 1.0) / (top + 1), foundAfter);
    }
}
