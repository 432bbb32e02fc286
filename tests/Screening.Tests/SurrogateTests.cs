using MatSim.Screening.Surrogates;

namespace MatSim.Screening.Tests;

public class SurrogateTests
{
    private static (double[][] X, double[] Y) Smooth(int n, ulong seed, int dimensions = 3)
    {
        var rng = MatSim.Simulation.Random.Rng.ForStream(seed, 1, 2);
        double[][] x = Enumerable.Range(0, n).Select(_ => Enumerable.Range(0, dimensions).Select(_ => 4 * rng.NextDouble() - 2).ToArray()).ToArray();
        double[] y = x.Select(r => Math.Sin(r[0]) + 0.5 * r[1] * r[1] - 0.3 * r[2]).ToArray();
        return (x, y);
    }

    [Fact]
    public void Kernel_ridge_with_vanishing_regularisation_interpolates_and_the_gp_is_sure_only_where_it_has_data()
    {
        var (x, y) = Smooth(30, 1);
        var model = new KernelRegression(x, y, lengthScale: 1.0, regularisation: 1e-9);
        for (int i = 0; i < x.Length; i++) Assert.Equal(y[i], model.Predict(x[i], out double sigma), 1e-5);
        model.Predict(x[0], out double near);
        model.Predict([40, 40, 40], out double far);
        Assert.True(near < 1e-3 * far, $"σ at a training point {near}, far away {far}");
        Assert.Equal(Math.Sqrt(model.SignalVariance * (1 + 1e-9)), far, 1e-9);   // prior σ far from the data
    }

    [Fact]
    public void Nested_cross_validation_and_the_tuned_models_learn_a_smooth_function()
    {
        var (x, y) = Smooth(80, 2);
        var folds = CrossValidation.Nested(x, y, 4, 7);
        Assert.Equal(4, folds.Count);
        Assert.Equal(80, folds.Sum(f => f.Rows));       // every row is tested exactly once
        Assert.All(folds, f => Assert.True(f.RSquared > 0.9, $"fold {f.Fold}: R² {f.RSquared}"));
        var (testX, testY) = Smooth(40, 3);
        foreach (Hyperparameters h in new[] { CrossValidation.TuneByCv(x, y, 4, 7, 1), CrossValidation.TuneByLikelihood(x, y) })
        {
            var model = new SurrogateModel(x, y, h);
            Assert.True(Metrics.RSquared(testY, testX.Select(model.Predict).ToArray()) > 0.95, h.ToString());
        }
    }

    [Fact]
    public void The_lasso_path_finds_the_features_of_a_sparse_linear_model()
    {
        var rng = MatSim.Simulation.Random.Rng.ForStream(4, 1, 1);
        double[][] x = Enumerable.Range(0, 60).Select(_ => Enumerable.Range(0, 6).Select(_ => rng.NextGaussian()).ToArray()).ToArray();
        double[] y = x.Select(r => 3 * r[0] - 2 * r[2] + 0.01 * rng.NextGaussian()).ToArray();
        var path = FeatureAnalysis.LassoPath(x, y);
        Assert.All(path[0].Coefficients, c => Assert.Equal(0, c, 1e-12));   // λ_max: nothing has entered
        int[] entry = Enumerable.Range(0, 6).Select(j => path.FindIndex(p => p.Coefficients[j] != 0)).ToArray();
        int[] firstTwo = Enumerable.Range(0, 6).Where(j => entry[j] >= 0).OrderBy(j => entry[j]).Take(2).Order().ToArray();
        Assert.Equal([0, 2], firstTwo);
        Assert.Equal(3, path[^1].Coefficients[0], 0.05);
        Assert.Equal(-2, path[^1].Coefficients[2], 0.05);
    }

    [Fact]
    public void Permutation_importance_and_pca_see_the_structure_of_the_data()
    {
        var (x, y) = Smooth(60, 5);
        var model = new SurrogateModel(x, y, new Hyperparameters(1.5, 1e-3));
        var (testX, testY) = Smooth(40, 6);
        double[] importance = FeatureAnalysis.PermutationImportance(model, testX, testY, 9);
        Assert.True(importance[1] > importance[2] && importance[0] > importance[2], string.Join(", ", importance));
        double[][] line = Enumerable.Range(0, 20).Select(i => new[] { i - 9.5, 2 * (i - 9.5), -(i - 9.5) }).ToArray();
        var (scores, explained) = FeatureAnalysis.Pca(line);
        Assert.Equal(1, explained[0], 1e-9);
        Assert.Equal(Math.Sqrt(6) * 9.5, Math.Abs(scores[0][0]), 1e-9);
    }

    [Fact]
    public void Active_screening_finds_the_top_ten_with_fewer_simulations_than_random_order()
    {
        var (x, y) = Smooth(120, 8);
        var result = ActiveScreening.Replay(x, y, top: 10, seedSet: 10, batch: 5, seed: 3);
        Assert.Equal(10, result.FoundAfter[^1]);
        Assert.True(result.SimulationsActive < 0.6 * result.SimulationsRandomMean, $"{result.SimulationsActive} vs random {result.SimulationsRandomMean}");
    }
}
