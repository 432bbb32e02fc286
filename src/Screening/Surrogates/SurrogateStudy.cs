using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MatSim.Screening.Campaigns;
using MatSim.Screening.Reports;
using MatSim.Screening.Results;
using MatSim.Simulation.IO;
using ScottPlot;

namespace MatSim.Screening.Surrogates;

/// <summary>
/// The supervised-learning workflow on a campaign, in &lt;campaign&gt;/surrogate: (1) hold out a random test set
/// before anything else; (2) nested k-fold CV on the rest estimates the error of "tune by inner CV, then fit";
/// (3) KRR tuned by k-fold CV and GPR tuned by marginal likelihood are fitted on all training rows and scored once
/// on the test set (parity plot; GPR calibration); (4) learning curve, permutation importance, LASSO path, PCA map;
/// (5) active screening replayed over all rows.
/// </summary>
public static class SurrogateStudy
{
    public const string FolderName = "surrogate";

    public static JsonObject Run(Campaign campaign, IReadOnlyList<ResultRow> rows, SurrogateSettings settings, TextWriter output)
    {
        string folder = Path.Combine(campaign.Definition.OutputDirectory, FolderName);
        Directory.CreateDirectory(folder);
        SurrogateData data = SurrogateData.Build(rows, settings.Target, campaign.Definition.Temperatures);
        int minimum = 4 * settings.Folds;
        if (data.Count < minimum)
            throw campaign.Definition.Error($"the surrogate needs at least {minimum} frameworks with the target '{settings.Target}' and every descriptor; " +
                $"the results hold {data.Count} ({data.Dropped} left out for missing values). Run the descriptor and simulation stages first.");
        int[] order = SurrogateData.Shuffle(data.Count, settings.Seed, 0);
        int testCount = Math.Max(2, (int)Math.Round(settings.TestFraction * data.Count));
        SurrogateData test = data.Subset(order[..testCount]), train = data.Subset(order[testCount..]);
        output.WriteLine($"surrogate for {settings.Target}: {data.Count} frameworks ({data.Dropped} without all values), {data.Features.Length} features; " +
            $"test set of {test.Count} held out first, {train.Count} for training");

        var nested = CrossValidation.Nested(train.X, train.Y, settings.Folds, settings.Seed);
        Hyperparameters krrChoice = CrossValidation.TuneByCv(train.X, train.Y, settings.Folds, settings.Seed, 2);
        var krr = new SurrogateModel(train.X, train.Y, krrChoice);
        Hyperparameters gprChoice = CrossValidation.TuneByLikelihood(train.X, train.Y);
        var gpr = new SurrogateModel(train.X, train.Y, gprChoice);
        double[] krrTest = test.X.Select(krr.Predict).ToArray();
        var sigmas = new double[test.Count];
        double[] gprTest = test.X.Select((row, i) => gpr.Predict(row, out sigmas[i])).ToArray();
        double[] within = new[] { 1, 2, 3 }.Select(k => test.Y.Where((t, i) => Math.Abs(t - gprTest[i]) <= k * sigmas[i]).Count() / (double)test.Count).ToArray();

        var standardizer = new Standardizer(train.X);
        string[] keptNames = standardizer.Kept.Select(j => data.Features[j]).ToArray();
        var lasso = FeatureAnalysis.LassoPath(standardizer.Transform(train.X), train.Y);
        double[] importance = FeatureAnalysis.PermutationImportance(krr, test.X, test.Y, settings.Seed);
        var curve = LearningCurve(train, test, settings);
        var (scores, explained) = FeatureAnalysis.Pca(new Standardizer(data.X).Transform(data.X));
        var active = ActiveScreening.Replay(data.X, data.Y, 10, settings.ActiveSeed, settings.ActiveBatch, settings.Seed);

        Parity(folder, test.Y, krrTest, gprTest, sigmas, settings.Target.Text);
        Curve(folder, curve, settings.Target.Text);
        Importance(folder, data.Features, importance);
        LassoPlot(folder, lasso, keptNames);
        PcaMap(folder, scores, explained, data.Y, settings.Target.Text);
        WriteImportanceCsv(folder, data.Features, importance, lasso, keptNames);

        var metrics = new JsonObject
        {
            ["target"] = settings.Target.Text,
            ["protocol"] = $"random test set ({settings.TestFraction:P0}, seed {settings.Seed}) held out before any choice; nested {settings.Folds}-fold CV on the training rows " +
                $"(inner {settings.Folds}-fold grid search of length scale × λ by MAE); KRR tuned by {settings.Folds}-fold CV and GPR by marginal likelihood on all " +
                "training rows, scored once on the test set; features standardised on training rows after a variance threshold",
            ["frameworks"] = data.Count, ["left_out_missing_values"] = data.Dropped, ["features"] = new JsonArray(data.Features.Select(f => (JsonNode)f).ToArray()),
            ["train"] = train.Count, ["test"] = test.Count,
            ["nested_cv"] = new JsonObject
            {
                ["mae_mean"] = nested.Average(f => f.MeanAbsoluteError), ["mae_std"] = Std(nested.Select(f => f.MeanAbsoluteError)),
                ["r2_mean"] = nested.Average(f => f.RSquared), ["r2_std"] = Std(nested.Select(f => f.RSquared)),
                ["folds"] = new JsonArray(nested.Select(f => (JsonNode)new JsonObject { ["mae"] = f.MeanAbsoluteError, ["r2"] = f.RSquared, ["chosen"] = f.Chosen.ToString() }).ToArray()),
            },
            ["krr"] = new JsonObject { ["hyperparameters"] = krrChoice.ToString(), ["test_mae"] = Metrics.MeanAbsoluteError(test.Y, krrTest), ["test_r2"] = Metrics.RSquared(test.Y, krrTest) },
            ["gpr"] = new JsonObject
            {
                ["hyperparameters"] = gprChoice.ToString(), ["test_mae"] = Metrics.MeanAbsoluteError(test.Y, gprTest), ["test_r2"] = Metrics.RSquared(test.Y, gprTest),
                ["fraction_within_1_2_3_sigma"] = new JsonArray(within.Select(w => (JsonNode)w).ToArray()),
            },
            ["learning_curve"] = new JsonArray(curve.Select(c => (JsonNode)new JsonObject { ["train"] = c.Size, ["test_mae"] = c.Mae }).ToArray()),
            ["pca_explained_variance"] = new JsonArray(explained.Select(e => (JsonNode)e).ToArray()),
            ["active_screening"] = new JsonObject
            {
                ["frameworks"] = active.Frameworks, ["top"] = active.Top, ["simulations_active"] = active.SimulationsActive,
                ["simulations_exhaustive"] = active.Frameworks, ["simulations_random_order_mean"] = active.SimulationsRandomMean,
                ["seed_set"] = settings.ActiveSeed, ["batch"] = settings.ActiveBatch,
            },
        };
        AtomicFile.WriteAllText(Path.Combine(folder, "metrics.json"), metrics.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"nested CV: MAE {nested.Average(f => f.MeanAbsoluteError):G3} ± {Std(nested.Select(f => f.MeanAbsoluteError)):G2}, R² {nested.Average(f => f.RSquared):F3}; " +
            $"test set: KRR R² {Metrics.RSquared(test.Y, krrTest):F3} MAE {Metrics.MeanAbsoluteError(test.Y, krrTest):G3}, GPR R² {Metrics.RSquared(test.Y, gprTest):F3} " +
            $"MAE {Metrics.MeanAbsoluteError(test.Y, gprTest):G3} (within 1σ/2σ/3σ: {within[0]:P0}/{within[1]:P0}/{within[2]:P0})"));
        output.WriteLine($"active screening found the true top {active.Top} after {active.SimulationsActive} of {active.Frameworks} simulations " +
            $"(random order: {active.SimulationsRandomMean:F0} on average); everything in {folder}");
        return metrics;
    }

    private static List<(int Size, double Mae)> LearningCurve(SurrogateData train, SurrogateData test, SurrogateSettings settings)
    {
        var result = new List<(int, double)>();
        foreach (double fraction in new[] { 0.2, 0.4, 0.6, 0.8, 1.0 })
        {
            int size = Math.Max(2 * settings.Folds, (int)Math.Round(fraction * train.Count));
            if (size > train.Count || result.Any(r => r.Item1 == size)) continue;
            SurrogateData part = train.Subset(Enumerable.Range(0, size).ToArray());
            var model = new SurrogateModel(part.X, part.Y, CrossValidation.TuneByCv(part.X, part.Y, settings.Folds, settings.Seed, 3));
            result.Add((size, Metrics.MeanAbsoluteError(test.Y, test.X.Select(model.Predict).ToArray())));
        }
        return result;
    }

    private static double Std(IEnumerable<double> values)
    {
        var v = values.ToArray();
        double mean = v.Average();
        return Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / Math.Max(1, v.Length - 1));
    }

    private static void Parity(string folder, double[] truth, double[] krr, double[] gpr, double[] sigma, string target)
    {
        var plot = new Plot();
        PlotFile.Markers(plot, truth, krr, "KRR");
        PlotFile.Markers(plot, truth, gpr, "GPR");
        plot.Add.ErrorBar(truth, gpr, sigma);
        double lo = truth.Concat(krr).Min(), hi = truth.Concat(krr).Max();
        plot.Add.Line(lo, lo, hi, hi);
        plot.XLabel($"simulated {target}");
        plot.YLabel($"predicted {target}");
        plot.Title("Test set parity");
        plot.ShowLegend();
        PlotFile.Save(plot, Path.Combine(folder, "parity.png"));
    }

    private static void Curve(string folder, List<(int Size, double Mae)> curve, string target)
    {
        var plot = new Plot();
        plot.Add.Scatter(curve.Select(c => (double)c.Size).ToArray(), curve.Select(c => c.Mae).ToArray());
        plot.XLabel("training frameworks");
        plot.YLabel($"test MAE of {target}");
        plot.Title("Learning curve (KRR)");
        PlotFile.Save(plot, Path.Combine(folder, "learning_curve.png"));
    }

    private static void Importance(string folder, string[] names, double[] importance)
    {
        var top = Enumerable.Range(0, names.Length).OrderByDescending(j => importance[j]).Take(15).Reverse().ToArray();
        var plot = new Plot();
        var bars = plot.Add.Bars(top.Select(j => importance[j]).ToArray());
        bars.Horizontal = true;
        plot.Axes.Left.SetTicks(Enumerable.Range(0, top.Length).Select(i => (double)i).ToArray(), top.Select(j => names[j]).ToArray());
        plot.XLabel("increase of test MAE when shuffled");
        plot.Title("Permutation importance (KRR, test set)");
        PlotFile.Save(plot, Path.Combine(folder, "importance.png"), 900, 600);
    }

    private static void LassoPlot(string folder, List<LassoStep> path, string[] names)
    {
        var plot = new Plot();
        double[] x = path.Select(p => Math.Log10(p.Penalty)).ToArray();
        var entering = Enumerable.Range(0, names.Length).OrderBy(j => path.FindIndex(p => p.Coefficients[j] != 0) is var k && k >= 0 ? k : int.MaxValue).Take(8).ToHashSet();
        for (int j = 0; j < names.Length; j++)
        {
            var line = plot.Add.Scatter(x, path.Select(p => p.Coefficients[j]).ToArray());
            line.MarkerSize = 0;
            if (entering.Contains(j)) line.LegendText = names[j];
        }
        plot.XLabel("log10 λ");
        plot.YLabel("coefficient (standardised feature)");
        plot.Title("LASSO path (first 8 features to enter labelled)");
        plot.ShowLegend();
        PlotFile.Save(plot, Path.Combine(folder, "lasso_path.png"), 1000, 650);
    }

    private static void PcaMap(string folder, double[][] scores, double[] explained, double[] y, string target)
    {
        var plot = new Plot();
        var colormap = new ScottPlot.Colormaps.Viridis();
        double lo = y.Min(), hi = y.Max();
        for (int i = 0; i < scores.Length; i++)
        {
            var marker = plot.Add.Marker(scores[i][0], scores[i].Length > 1 ? scores[i][1] : 0);
            marker.Color = colormap.GetColor((y[i] - lo) / Math.Max(1e-300, hi - lo));
        }
        plot.XLabel(FormattableString.Invariant($"PC1 ({explained[0]:P0})"));
        plot.YLabel(explained.Length > 1 ? FormattableString.Invariant($"PC2 ({explained[1]:P0})") : "PC2");
        plot.Title($"Framework space coloured by {target} (dark low, yellow high)");
        PlotFile.Save(plot, Path.Combine(folder, "pca.png"));
    }

    private static void WriteImportanceCsv(string folder, string[] names, double[] importance, List<LassoStep> lasso, string[] keptNames)
    {
        AtomicFile.Write(Path.Combine(folder, "features.csv"), w =>
        {
            w.WriteLine("feature,permutation_importance,lasso_entry_log10_lambda");
            for (int j = 0; j < names.Length; j++)
            {
                int kept = Array.IndexOf(keptNames, names[j]);
                int step = kept >= 0 ? lasso.FindIndex(p => p.Coefficients[kept] != 0) : -1;
                w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{names[j]},{importance[j]:R},{(step >= 0 ? Math.Log10(lasso[step].Penalty).ToString("R", CultureInfo.InvariantCulture) : "")}"));
            }
        });
    }
}
