namespace MatSim.Screening.Surrogates;

/// <summary>One outer fold of nested cross-validation: the hyperparameters the inner CV chose and the errors on the held-out fold.</summary>
public sealed record OuterFold(int Fold, Hyperparameters Chosen, double MeanAbsoluteError, double RSquared, int Rows);

/// <summary>
/// k-fold cross-validation for the surrogate: hyperparameters by grid search on the inner folds (KRR: mean absolute
/// error; GPR: log marginal likelihood on all training rows), and nested CV — an outer k-fold loop whose test folds
/// never take part in choosing hyperparameters — for an honest estimate of the error of the whole procedure
/// (Cawley &amp; Talbot, JMLR 11, 2079 (2010)).
/// </summary>
public static class CrossValidation
{
    public static IReadOnlyList<Hyperparameters> Grid(int dimension)
    {
        double root = Math.Sqrt(Math.Max(1, dimension));
        return (from l in new[] { 0.25, 0.5, 1, 2, 4 }
                from r in new[] { 1e-4, 1e-3, 1e-2, 1e-1, 1 }
                select new Hyperparameters(l * root, r)).ToList();
    }

    /// <summary>k folds of a seeded permutation of 0..n−1.</summary>
    public static int[][] Folds(int n, int k, ulong seed, ulong stream)
    {
        int[] order = SurrogateData.Shuffle(n, seed, stream);
        return Enumerable.Range(0, k).Select(f => order.Where((_, i) => i % k == f).ToArray()).ToArray();
    }

    public static double CvError(double[][] x, double[] y, Hyperparameters h, int[][] folds)
    {
        double sum = 0;
        int count = 0;
        foreach (int[] test in folds)
        {
            var testSet = test.ToHashSet();
            int[] train = Enumerable.Range(0, y.Length).Where(i => !testSet.Contains(i)).ToArray();
            var model = new SurrogateModel(train.Select(i => x[i]).ToArray(), train.Select(i => y[i]).ToArray(), h);
            foreach (int i in test)
            {
                sum += Math.Abs(model.Predict(x[i]) - y[i]);
                count++;
            }
        }
        return sum / count;
    }

    public static Hyperparameters TuneByCv(double[][] x, double[] y, int k, ulong seed, ulong stream)
    {
        int[][] folds = Folds(y.Length, Math.Min(k, y.Length), seed, stream);
        return Grid(x[0].Length).MinBy(h => Safe(() => CvError(x, y, h, folds)))!;
    }

    public static Hyperparameters TuneByLikelihood(double[][] x, double[] y) =>
        Grid(x[0].Length).MinBy(h => Safe(() => -new SurrogateModel(x, y, h).LogMarginalLikelihood))!;

    public static List<OuterFold> Nested(double[][] x, double[] y, int k, ulong seed)
    {
        int[][] outer = Folds(y.Length, k, seed, 1);
        var result = new List<OuterFold>();
        for (int f = 0; f < outer.Length; f++)
        {
            var testSet = outer[f].ToHashSet();
            int[] train = Enumerable.Range(0, y.Length).Where(i => !testSet.Contains(i)).ToArray();
            double[][] xTrain = train.Select(i => x[i]).ToArray();
            double[] yTrain = train.Select(i => y[i]).ToArray();
            Hyperparameters chosen = TuneByCv(xTrain, yTrain, k, seed, 100 + (ulong)f);
            var model = new SurrogateModel(xTrain, yTrain, chosen);
            double[] truth = outer[f].Select(i => y[i]).ToArray(), predicted = outer[f].Select(i => model.Predict(x[i])).ToArray();
            result.Add(new OuterFold(f, chosen, Metrics.MeanAbsoluteError(truth, predicted), Metrics.RSquared(truth, predicted), truth.Length));
        }
        return result;
    }

    /// <summary>A grid point whose kernel matrix cannot be factorised scores as infinitely bad instead of stopping the search.</summary>
    private static double Safe(Func<double> score)
    {
        try { return score(); }
        catch (Potentials.Kernels.SingularKernelException) { return double.PositiveInfinity; }
    }
}
