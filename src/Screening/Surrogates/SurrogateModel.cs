namespace MatSim.Screening.Surrogates;

/// <summary>Hyperparameters of the kernel model: length scale (in standardised feature units) and regularisation λ.</summary>
public sealed record Hyperparameters(double LengthScale, double Regularisation)
{
    public override string ToString() => FormattableString.Invariant($"length scale {LengthScale:G3}, λ {Regularisation:G3}");
}

/// <summary>A kernel model with its preprocessing, both fitted on the same training rows only.</summary>
public sealed class SurrogateModel
{
    private readonly Standardizer standardizer;
    private readonly KernelRegression regression;

    public SurrogateModel(double[][] x, double[] y, Hyperparameters h)
    {
        standardizer = new Standardizer(x);
        Hyperparameters = h;
        regression = new KernelRegression(standardizer.Transform(x), y, h.LengthScale, h.Regularisation);
    }

    public Hyperparameters Hyperparameters { get; }
    public double LogMarginalLikelihood => regression.LogMarginalLikelihood;

    public double Predict(double[] row) => regression.Predict(standardizer.Transform(row));

    public double Predict(double[] row, out double sigma) => regression.Predict(standardizer.Transform(row), out sigma);
}

/// <summary>Regression metrics.</summary>
public static class Metrics
{
    public static double MeanAbsoluteError(IReadOnlyList<double> truth, IReadOnlyList<double> predicted) =>
        truth.Select((t, i) => Math.Abs(t - predicted[i])).Average();

    /// <summary>R² = 1 − Σ(y − ŷ)²/Σ(y − ȳ)² over the rows given.</summary>
    public static double RSquared(IReadOnlyList<double> truth, IReadOnlyList<double> predicted)
    {
        double mean = truth.Average();
        double residual = truth.Select((t, i) => (t - predicted[i]) * (t - predicted[i])).Sum();
        double total = truth.Sum(t => (t - mean) * (t - mean));
        return 1 - residual / total;
    }
}
