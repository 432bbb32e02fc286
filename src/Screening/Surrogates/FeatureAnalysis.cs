using MathNet.Numerics.LinearAlgebra;

namespace MatSim.Screening.Surrogates;

/// <summary>One point of the LASSO path: the penalty and the coefficient of every (standardised) feature.</summary>
public sealed record LassoStep(double Penalty, double[] Coefficients);

/// <summary>Which features matter: LASSO path, permutation importance, and a PCA map of the framework space.</summary>
public static class FeatureAnalysis
{
    /// <summary>
    /// LASSO on (standardised) features with the intercept left free by cyclic coordinate descent (Friedman, Hastie &amp; Tibshirani,
    /// J. Stat. Softw. 33 (2010)): minimise (1/2n)|y − Xβ|² + λ|β|₁, from λ_max (all zero) down 1000-fold on a log grid,
    /// warm-started. Features that enter early carry the most linear information.
    /// </summary>
    public static List<LassoStep> LassoPath(double[][] features, double[] y, int steps = 40)
    {
        int n = y.Length, d = features[0].Length;
        // the intercept is the means: centre the columns and the target
        double[] columnMeans = Enumerable.Range(0, d).Select(j => features.Average(r => r[j])).ToArray();
        double[][] x = features.Select(r => r.Select((v, j) => v - columnMeans[j]).ToArray()).ToArray();
        double mean = y.Average();
        double[] r = y.Select(v => v - mean).ToArray();
        double[] squares = new double[d];
        double lambdaMax = 0;
        for (int j = 0; j < d; j++)
        {
            double dot = 0;
            for (int i = 0; i < n; i++) { dot += x[i][j] * r[i]; squares[j] += x[i][j] * x[i][j]; }
            lambdaMax = Math.Max(lambdaMax, Math.Abs(dot) / n);
        }
        var beta = new double[d];
        var path = new List<LassoStep>();
        for (int s = 0; s < steps; s++)
        {
            double lambda = lambdaMax * Math.Pow(1e-3, (double)s / (steps - 1));
            for (int sweep = 0; sweep < 1000; sweep++)
            {
                double change = 0;
                for (int j = 0; j < d; j++)
                {
                    if (squares[j] == 0) continue;
                    double rho = 0;
                    for (int i = 0; i < n; i++) rho += x[i][j] * (r[i] + x[i][j] * beta[j]);
                    double updated = SoftThreshold(rho / n, lambda) / (squares[j] / n);
                    double delta = updated - beta[j];
                    if (delta == 0) continue;
                    for (int i = 0; i < n; i++) r[i] -= x[i][j] * delta;
                    beta[j] = updated;
                    change = Math.Max(change, Math.Abs(delta));
                }
                if (change < 1e-8) break;
            }
            path.Add(new LassoStep(lambda, (double[])beta.Clone()));
        }
        return path;
    }

    private static double SoftThreshold(double z, double gamma) => Math.Sign(z) * Math.Max(0, Math.Abs(z) - gamma);

    /// <summary>
    /// Permutation importance (Breiman 2001): the increase of the test MAE when one feature's column is shuffled,
    /// averaged over <paramref name="repeats"/> seeded shuffles.
    /// </summary>
    public static double[] PermutationImportance(SurrogateModel model, double[][] x, double[] y, ulong seed, int repeats = 5)
    {
        double baseline = Metrics.MeanAbsoluteError(y, x.Select(model.Predict).ToArray());
        int d = x[0].Length;
        var importance = new double[d];
        for (int j = 0; j < d; j++)
        {
            for (int r = 0; r < repeats; r++)
            {
                int[] order = SurrogateData.Shuffle(x.Length, seed, (ulong)(j * 100 + r));
                double[][] shuffled = x.Select((row, i) => { var copy = (double[])row.Clone(); copy[j] = x[order[i]][j]; return copy; }).ToArray();
                importance[j] += Metrics.MeanAbsoluteError(y, shuffled.Select(model.Predict).ToArray()) - baseline;
            }
            importance[j] /= repeats;
        }
        return importance;
    }

    /// <summary>Coordinates on the first two principal components of standardised features (SVD), with their explained variance fractions.</summary>
    public static (double[][] Scores, double[] Explained) Pca(double[][] standardised)
    {
        Matrix<double> m = Matrix<double>.Build.DenseOfRowArrays(standardised);
        var svd = m.Svd(computeVectors: true);
        int components = Math.Min(2, svd.S.Count);
        double total = svd.S.Sum(s => s * s);
        var scores = standardised.Select((_, i) => Enumerable.Range(0, components).Select(c => svd.U[i, c] * svd.S[c]).ToArray()).ToArray();
        return (scores, Enumerable.Range(0, components).Select(c => svd.S[c] * svd.S[c] / total).ToArray());
    }
}
