using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using MatSim.Learning.NetworkTraining;
using MatSim.Potentials.Kernels;
using MatSim.Potentials.NeuralNetworks;
using MatSim.Simulation.Config;
using MatSim.Simulation.IO;
using MatSim.Simulation.Jobs;
using MatSim.Simulation.Plugins;

namespace MatSim.Learning.KernelTraining;

/// <summary>
/// `job: kernel-train` — fits a sparse-GPR kernel potential to reference energies and forces
/// (configs/kernel-train-water.yaml): the test set is split off by the seed before anything is
/// fitted; scaling, element offsets, sparse environments and hyperparameters (log marginal
/// likelihood) come from the training set only; the test errors and the calibration of the
/// predicted σ are reported with parity plots.
/// </summary>
public sealed class KernelTrainingJobFactory : IJobFactory
{
    public string Name => "kernel-train";
    public string Description => "train a kernel (sparse GPR) potential with uncertainty on energies and forces";

    public IReadOnlyList<OptionInfo> Options =>
    [
        new("data.files", "", null, "extended XYZ or n2p2 .data files with energies and forces"),
        new("data.test_fraction", "", "0.2", "share held out for testing"),
        new("data.nested_folds", "", "0", "nested cross-validation folds (0: off)"),
        .. KernelConfiguration.DescriptorOptions,
        .. KernelConfiguration.FitOptions,
    ];

    public IJob Bind(ConfigMap config, ulong seed)
    {
        ConfigMap data = config.RequiredMap("data", "the reference data: files and test fraction");
        string[] files = data.Required("files", "a list of extended XYZ or n2p2 .data files").AsList().Select(n => n.AsExistingFile()).ToArray();
        data.Record("files", files);
        double test = data.Number("test_fraction", 0.2);
        if (test is < 0 or >= 0.9) throw data.Node.Error("test_fraction must be in [0, 0.9)");
        int nested = data.Int("nested_folds", 0);
        if (nested is 1 or < 0) throw data.Optional("nested_folds")!.Error("nested_folds must be 0 (off) or at least 2");
        data.EnsureNoUnknownKeys();
        DescriptorSource descriptors = KernelConfiguration.ReadDescriptors(config);
        KernelFitOptions options = KernelConfiguration.ReadFit(config, descriptors.Scaling, seed);
        return new KernelTrainingJob(files, test, nested, descriptors, options, seed);
    }
}

internal sealed class KernelTrainingJob(string[] files, double testFraction, int nestedFolds, DescriptorSource descriptors, KernelFitOptions options, ulong seed) : IJob
{
    public JsonObject Run(RunContext context)
    {
        var clock = Stopwatch.StartNew();
        List<LabelledStructure> all = files.SelectMany(f => ReferenceData.Load(f, ModelUnits.AngstromEv)).ToList();
        DataSplit split = DataSplit.Create(all.Count, 0, testFraction, seed);
        List<LabelledStructure> training = split.Training.Select(i => all[i]).ToList(), test = split.Test.Select(i => all[i]).ToList();
        var set = descriptors.Create(all.SelectMany(s => s.Structure.Elements).DistinctBy(e => e.Number).ToArray());
        context.Log.Info($"{all.Count} structures: {training.Count} training, {test.Count} test (held out first, seed {seed})");
        KernelPotential model = KernelTrainer.Train(training, set, options, out KernelFitReport report, context.Log.Info);
        model = new KernelPotential(model.Basis, model.Fit, model.ElementOffsets)
        {
            Provenance = new Dictionary<string, string>
            {
                ["trained_by"] = $"MatSim {JobRunner.Version}",
                ["data"] = string.Join(", ", files.Select(Path.GetFileName)),
                ["structures"] = $"{training.Count} training, {test.Count} test",
                ["seed"] = seed.ToString(CultureInfo.InvariantCulture),
            },
        };
        string folder = context.OutputDirectory;
        KernelModelFile.Write(model, Path.Combine(folder, "model.kernel.json"));
        WriteTrials(Path.Combine(folder, "hyperparameters.csv"), report);
        KernelTestMetrics metrics = KernelTestMetrics.Evaluate(model, test);
        if (test.Count > 0) TrainingReport.WriteParity(folder, metrics.Predictions);
        context.Log.Info(string.Create(CultureInfo.InvariantCulture,
            $"test: energy RMSE {1e3 * metrics.EnergyRmsePerAtom:F3} meV/atom, forces {1e3 * metrics.ForceRmse:F1} meV/Å; within 1/2/3 σ: energies {Fractions(metrics.EnergyWithinSigmas)}, forces {Fractions(metrics.ForceWithinSigmas)}"));
        var result = new JsonObject
        {
            ["training_structures"] = training.Count,
            ["duplicates_removed"] = report.Duplicates,
            ["sparse_environments"] = new JsonObject(set.Elements.Select((e, k) => KeyValuePair.Create(e.Symbol, (JsonNode?)report.SparseCounts[k]))),
            ["kernel"] = model.Basis.Kernel.ToString(),
            ["signal_sigma_eV"] = Math.Sqrt(model.Fit.SignalVariance),
            ["energy_noise_meV_per_atom"] = 1e3 * model.EnergySigma,
            ["force_noise_meV_per_A"] = 1e3 * model.ForceSigma,
            ["log_marginal_likelihood"] = model.Fit.LogLikelihood,
            ["jitter"] = model.Fit.Jitter,
            ["fit_seconds"] = report.Seconds,
            ["test"] = metrics.ToJson(),
            ["model"] = "model.kernel.json",
        };
        if (nestedFolds > 0) result["nested_cv"] = NestedCrossValidation(training, set, context);
        result["wall_seconds"] = clock.Elapsed.TotalSeconds;
        return result;
    }

    /// <summary>
    /// Nested cross-validation on the training set: each outer fold is predicted by a model whose
    /// hyperparameters were chosen (inner CV or likelihood) without it; mean and spread of the
    /// outer-fold errors estimate the error of the whole procedure.
    /// </summary>
    private JsonObject NestedCrossValidation(List<LabelledStructure> training, Descriptors.SymmetryFunctions.DescriptorSet set, RunContext context)
    {
        int[] order = DataSplit.Create(training.Count, 0, 0, seed ^ 0x0E57).Training;
        var forces = new List<double>();
        var energies = new List<double>();
        for (int f = 0; f < nestedFolds; f++)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            var outer = order.Where((_, k) => k % nestedFolds == f).Select(i => training[i]).ToList();
            var inner = order.Where((_, k) => k % nestedFolds != f).Select(i => training[i]).ToList();
            KernelTestMetrics m = KernelTestMetrics.Evaluate(KernelTrainer.Train(inner, set, options, out _), outer, calibration: false);
            forces.Add(1e3 * m.ForceRmse);
            energies.Add(1e3 * m.EnergyRmsePerAtom);
            context.Log.Info(string.Create(CultureInfo.InvariantCulture, $"nested CV fold {f + 1}/{nestedFolds}: {energies[^1]:F3} meV/atom, {forces[^1]:F1} meV/Å"));
        }
        return new JsonObject
        {
            ["folds"] = nestedFolds,
            ["energy_rmse_meV_per_atom_mean"] = energies.Average(),
            ["energy_rmse_meV_per_atom_std"] = StandardDeviation(energies),
            ["force_rmse_meV_per_A_mean"] = forces.Average(),
            ["force_rmse_meV_per_A_std"] = StandardDeviation(forces),
        };
    }

    private static double StandardDeviation(List<double> x)
    {
        double mean = x.Average();
        return Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / Math.Max(1, x.Count - 1));
    }

    internal static string Fractions(double[] f) => string.Join("/", f.Select(v => (100 * v).ToString("F0", CultureInfo.InvariantCulture) + "%"));

    private static void WriteTrials(string path, KernelFitReport report)
    {
        var csv = new StringBuilder("kernel_parameter,energy_noise_ratio,force_noise_ratio,signal_variance_eV2,log_marginal_likelihood,cross_validation_error\n");
        foreach (HyperparameterTrial t in report.Trials)
            csv.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{t.KernelParameter:G6},{t.EnergyRatio:G6},{t.ForceRatio:G6},{t.SignalVariance:G6},{t.LogLikelihood:G10},{t.CrossValidationError:G6}"));
        AtomicFile.WriteAllText(path, csv.ToString());
    }
}
