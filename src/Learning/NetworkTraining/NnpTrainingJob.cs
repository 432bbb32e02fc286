using System.Diagnostics;
using System.Text.Json.Nodes;
using MatSim.Descriptors.SymmetryFunctions;
using MatSim.Potentials.NeuralNetworks;
using MatSim.Potentials.NeuralNetworks.N2p2;
using MatSim.Simulation.Chemistry;
using MatSim.Simulation.Config;
using MatSim.Simulation.Errors;
using MatSim.Simulation.Jobs;
using MatSim.Simulation.Plugins;
using MatSim.Torch;
using static TorchSharp.torch;

namespace MatSim.Learning.NetworkTraining;

/// <summary>
/// `job: nnp-train` — fits a Behler–Parrinello potential to reference energies and forces (see
/// configs/nnp-train-water.yaml). Steps: read data, split by seed, compute descriptors, measure
/// the scaling on the training set only, fit per-element energy offsets by least squares, train
/// with early stopping, then report test errors and write the model (MatSim .nnp.json and n2p2
/// folder), learning curves and parity plots.
/// </summary>
public sealed class NnpTrainingJobFactory : IJobFactory
{
    public string Name => "nnp-train";
    public string Description => "train a neural-network potential (Behler–Parrinello, n2p2-compatible) on energies and forces";

    public IReadOnlyList<OptionInfo> Options =>
    [
        new("data.files", "", null, "extended XYZ or n2p2 .data files with energies and forces"),
        new("data.units.length", "", "angstrom", "length unit of n2p2 .data files"),
        new("data.units.energy", "", "eV", "energy unit of n2p2 .data files"),
        new("data.validation_fraction", "", "0.1", "share early stopping watches"),
        new("data.test_fraction", "", "0.1", "share held out before fitting (without test_files)"),
        new("data.test_files", "", "none", "a fixed test set instead of test_fraction: files whose structures are only evaluated"),
        new("descriptors.from", "", null, "an n2p2 input.nn whose cutoff_type and symfunction_short lines define the symmetry functions"),
        new("descriptors.length_unit", "", "angstrom", "unit of the lengths in that file"),
        new("descriptors.scaling", "", "scale-center", "none | center | scale | scale-center | scale-sigma"),
        new("network.hidden_layers", "", null, "neurons per hidden layer"),
        new("network.activation", "", "t", "n2p2 code or name (tanh, softplus, …)"),
        new("network.device", "", "cpu", "cpu | cuda"),
        new("training.optimizer", "", "adam", "adam | lbfgs"),
        new("training.learning_rate", "", "1e-3", "step size"),
        new("training.learning_rate_decay", "", "1", "factor per epoch"),
        new("training.epochs", "", "100", "epochs at most"),
        new("training.batch_size", "", "8", "structures per Adam step"),
        new("training.energy_weight", "eV⁻²", "1", "weight of the per-atom energy error"),
        new("training.force_weight", "Å²/eV²", "0.01", "weight of the force error"),
        new("training.patience", "", "30", "epochs without validation improvement before stopping"),
        new("training.energy_scale", "", "none", "none | auto: networks learn energies in eV, or in units of the training set's RMS residual energy per atom (n2p2's conv_energy)"),
        new("learning_curve_sizes", "", "none", "also train on these numbers of structures"),
    ];

    public IJob Bind(ConfigMap config, ulong seed)
    {
        ConfigMap data = config.RequiredMap("data", "the reference data: files and split");
        string[] files = data.Required("files", "a list of extended XYZ or n2p2 .data files").AsList().Select(n => n.AsExistingFile()).ToArray();
        data.Record("files", files);
        ModelUnits dataUnits = ReadUnits(data.OptionalMap("units"));
        string[] testFiles = [];
        if (data.Optional("test_files") is { } testNode)
        {
            if (data.Has("test_fraction")) throw testNode.Error("give test_files or test_fraction, not both");
            testFiles = data.Record("test_files", testNode.AsList().Select(n => n.AsExistingFile()).ToArray());
        }
        double validation = data.Number("validation_fraction", 0.1), test = testFiles.Length > 0 ? 0 : data.Number("test_fraction", 0.1);
        if (validation < 0 || test < 0 || validation + test >= 0.9) throw data.Node.Error("validation_fraction + test_fraction must be non-negative and below 0.9");
        data.EnsureNoUnknownKeys();

        ConfigMap descriptors = config.RequiredMap("descriptors", "the symmetry functions");
        string from = descriptors.RequiredFile("from", "an n2p2 input.nn whose cutoff_type and symfunction_short lines define the descriptors");
        double length = new ModelUnits(descriptors.Choice("length_unit", "angstrom", "angstrom", "bohr", "nm"), "eV").AngstromPerLength;
        ScalingMode scaling = descriptors.Choice("scaling", "scale-center", "none", "center", "scale", "scale-center", "scale-sigma") switch
        {
            "none" => ScalingMode.None,
            "center" => ScalingMode.Center,
            "scale" => ScalingMode.Scale,
            "scale-sigma" => ScalingMode.ScaleSigma,
            _ => ScalingMode.ScaleCenter,
        };
        descriptors.EnsureNoUnknownKeys();

        ConfigMap network = config.RequiredMap("network", "hidden layers and activation");
        int[] hidden = network.Required("hidden_layers", "neurons per hidden layer, e.g. [25, 25]").AsList().Select(n => n.AsInt()).ToArray();
        network.Record("hidden_layers", hidden);
        if (hidden.Length == 0 || hidden.Any(h => h <= 0)) throw network.Optional("hidden_layers")!.Error("give at least one positive layer size");
        ConfigNode? activationNode = network.Optional("activation");
        string activationText = network.String("activation", "t");
        if (!Activations.TryParse(activationText, out Activation activation) && !TryParseName(activationText, out activation))
            throw activationNode!.Error($"unknown activation '{activationText}'; known: {Activations.KnownCodes}");
        string device = network.Choice("device", "cpu", "cpu", "cuda");
        network.EnsureNoUnknownKeys();

        ConfigMap? t = config.OptionalMap("training");
        var options = new TrainingOptions
        {
            Optimizer = t?.Choice("optimizer", "adam", "adam", "lbfgs") ?? "adam",
            LearningRate = Positive(t, "learning_rate", 1e-3),
            LearningRateDecay = Positive(t, "learning_rate_decay", 1.0),
            Epochs = t?.Count("epochs", 100) ?? 100,
            BatchSize = t?.Count("batch_size", 8) ?? 8,
            EnergyWeight = NonNegative(t, "energy_weight", 1.0),
            ForceWeight = NonNegative(t, "force_weight", 0.01),
            Patience = t?.Count("patience", 30) ?? 30,
            Seed = seed,
        };
        bool autoScale = (t?.Choice("energy_scale", "none", "none", "auto") ?? "none") == "auto";
        t?.EnsureNoUnknownKeys();
        int[] sizes = config.Optional("learning_curve_sizes") is { } sizeNode ? config.Record("learning_curve_sizes", sizeNode.AsList().Select(n => n.AsInt()).ToArray()) : [];
        return new NnpTrainingJob(files, testFiles, dataUnits, validation, test, from, length, scaling, hidden, activation, device, options, autoScale, sizes);
    }

    private static ModelUnits ReadUnits(ConfigMap? map)
    {
        if (map == null) return ModelUnits.AngstromEv;
        var units = new ModelUnits(map.Choice("length", "angstrom", "angstrom", "bohr", "nm"), map.Choice("energy", "eV", "eV", "hartree", "Ha", "kcal/mol", "kJ/mol"));
        map.EnsureNoUnknownKeys();
        return units;
    }

    private static bool TryParseName(string name, out Activation activation) => Enum.TryParse(name, ignoreCase: true, out activation);

    private static double Positive(ConfigMap? map, string key, double fallback)
    {
        double value = map?.Number(key, fallback) ?? fallback;
        return value > 0 ? value : throw map!.Optional(key)!.Error($"{key} must be positive");
    }

    private static double NonNegative(ConfigMap? map, string key, double fallback)
    {
        double value = map?.Number(key, fallback) ?? fallback;
        return value >= 0 ? value : throw map!.Optional(key)!.Error($"{key} must not be negative");
    }
}

internal sealed class NnpTrainingJob(
    string[] files, string[] testFiles, ModelUnits dataUnits, double validationFraction, double testFraction, string descriptorFile, double descriptorLength,
    ScalingMode scalingMode, int[] hidden, Activation activation, string deviceName, TrainingOptions options, bool autoScale, int[] sizes) : IJob
{
    public JsonObject Run(RunContext context)
    {
        Device device = TorchRuntime.ResolveDevice(deviceName);
        var clock = Stopwatch.StartNew();
        List<LabelledStructure> all = files.SelectMany(f => ReferenceData.Load(f, dataUnits)).ToList();
        int own = all.Count;
        DataSplit split = DataSplit.Create(own, validationFraction, testFraction, options.Seed);
        if (testFiles.Length > 0)
        {
            all.AddRange(testFiles.SelectMany(f => ReferenceData.Load(f, dataUnits)));
            split = split with { Test = Enumerable.Range(own, all.Count - own).ToArray() };
        }
        Element[] elements = all.SelectMany(s => s.Structure.Elements).DistinctBy(e => e.Number).OrderBy(e => e.Number).ToArray();
        DescriptorSet set = N2p2ModelReader.ReadDescriptors(N2p2Keywords.Read(descriptorFile), elements, descriptorLength, neighbourOnly: true);
        context.Log.Info($"{all.Count} structures ({split.Training.Length} training, {split.Validation.Length} validation, {split.Test.Length} test), elements {string.Join(" ", elements.Select(e => e.Symbol))}, {string.Join(" + ", elements.Select((e, k) => $"{set.CountOf(k)} {e.Symbol}"))} symmetry functions");

        StructureDescriptors[] descriptors = all.Select(s => DescriptorCalculator.Compute(set, s.Structure.Cell, s.Structure.Positions, s.Structure.Elements)).ToArray();
        var scaling = new SymmetryFunctionScaling(scalingMode, 0, 1, SymmetryFunctionScaling.Measure(set, split.Training.Select(i => descriptors[i])));
        double[] offsets = ElementEnergyOffsets.Fit(all, split.Training, elements, set.IsCentre);
        context.Log.Info($"descriptors in {clock.Elapsed.TotalSeconds:F1} s; element energy offsets (eV): {string.Join(", ", elements.Select((e, k) => $"{e.Symbol} {offsets[k]:G10}"))}");
        TrainingItem Item(int i)
        {
            double offset = all[i].Structure.Elements.Sum(e => offsets[Array.FindIndex(elements, x => x.Number == e.Number)]);
            var item = new TrainingItem(all[i], descriptors[i], all[i].Energy - offset);
            item.ScaledRows = descriptors[i].Values.Select((rows, e) =>
            {
                var copy = (double[])rows.Clone();
                scaling.Apply(e, copy);
                return copy;
            }).ToArray();
            return item;
        }
        List<TrainingItem> training = split.Training.Select(Item).ToList(), validation = split.Validation.Select(Item).ToList(), test = split.Test.Select(Item).ToList();
        if (autoScale)
        {
            // n2p2's conv_energy (nnp-norm): networks see energies per atom in units of their spread over the training set
            double rms = Math.Sqrt(training.Average(i => Math.Pow(i.ResidualEnergy / i.EnergyAtomCount, 2)));
            options = options with { EnergyScale = rms > 0 ? rms : 1 };
            context.Log.Info($"energy scale {1e3 * options.EnergyScale:G6} meV/atom per network output unit (RMS residual energy per atom of the training set)");
        }

        var architectures = elements.Select((_, e) => new NetworkArchitecture([set.CountOf(e), .. hidden, 1], [.. Enumerable.Repeat(activation, hidden.Length), Activation.Identity], false)).ToArray();
        var result = new JsonObject();
        if (sizes.Length > 0)
        {
            var points = new List<(int, ErrorMetrics)>();
            foreach (int size in sizes.Where(s => s < training.Count))
            {
                var model = Train(set, scaling, architectures, device, training.Take(size).ToList(), validation, null, context, $"size-{size}", out _);
                points.Add((size, model.Trainer.Evaluate(test).Metrics));
                context.Log.Info($"training set of {size}: test RMSE {1e3 * points[^1].Item2.EnergyRmsePerAtom:F3} meV/atom, {1e3 * points[^1].Item2.ForceRmse:F1} meV/Å");
            }
            var full = Train(set, scaling, architectures, device, training, validation, FixedTest(test), context, "full", out var history);
            var (metrics, predictions) = full.Trainer.Evaluate(test);
            points.Add((training.Count, metrics));
            TrainingReport.WriteSizeCurve(context.OutputDirectory, points);
            return Finish(full, set, scaling, offsets, elements, history, metrics, predictions, context, all.Count, split, clock);
        }
        var run = Train(set, scaling, architectures, device, training, validation, FixedTest(test), context, "full", out var fullHistory);
        var (testMetrics, testPredictions) = run.Trainer.Evaluate(test);
        return Finish(run, set, scaling, offsets, elements, fullHistory, testMetrics, testPredictions, context, all.Count, split, clock);
    }

    private JsonObject Finish(TrainedNetworks run, DescriptorSet set, SymmetryFunctionScaling scaling, double[] offsets, Element[] elements,
        List<EpochRecord> history, ErrorMetrics test, Predictions predictions, RunContext context, int total, DataSplit split, Stopwatch clock)
    {
        string folder = context.OutputDirectory;
        var normalization = new EnergyNormalization(0, 1 / options.EnergyScale, 1, options.EnergyScale != 1, offsets);
        var model = new NeuralNetworkPotential(set, scaling, run.Networks, normalization, ModelUnits.AngstromEv, run.Device)
        {
            Provenance = new Dictionary<string, string>
            {
                ["trained_by"] = $"MatSim {JobRunner.Version}",
                ["data"] = string.Join(", ", files.Select(Path.GetFileName)),
                ["structures"] = $"{total} ({split.Training.Length} training, {split.Validation.Length} validation, {split.Test.Length} test)",
                ["seed"] = options.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["test_rmse"] = $"{1e3 * test.EnergyRmsePerAtom:F3} meV/atom, {1e3 * test.ForceRmse:F2} meV/Å",
                ["date"] = DateTime.UtcNow.ToString("u", System.Globalization.CultureInfo.InvariantCulture),
            },
        };
        NativeModelFile.Write(model, Path.Combine(folder, "model.nnp.json"));
        // n2p2 needs functions for every element: a model with neighbour-only elements has no n2p2 form
        bool n2p2 = !set.HasNeighbourOnly;
        if (n2p2) N2p2ModelWriter.Write(model, Path.Combine(folder, "n2p2"));
        TrainingReport.WriteLearningCurve(folder, history);
        TrainingReport.WriteParity(folder, predictions);
        context.Log.Info($"test RMSE: energy {1e3 * test.EnergyRmsePerAtom:F3} meV/atom, forces {1e3 * test.ForceRmse:F2} meV/Å ({test.Structures} structures); model written to {folder}/model.nnp.json" +
            (n2p2 ? " and n2p2/" : " (no n2p2/ folder: neighbour-only elements have no n2p2 form)"));
        return new JsonObject
        {
            ["structures"] = total,
            ["training_structures"] = split.Training.Length,
            ["validation_structures"] = split.Validation.Length,
            ["test_structures"] = split.Test.Length,
            ["epochs"] = history.Count,
            ["test_energy_rmse_meV_per_atom"] = 1e3 * test.EnergyRmsePerAtom,
            ["test_force_rmse_meV_per_A"] = 1e3 * test.ForceRmse,
            ["wall_seconds"] = clock.Elapsed.TotalSeconds,
            ["model"] = "model.nnp.json",
        };
    }

    /// <summary>The test set to report every epoch: only a fixed one (test_files), as n2p2's learning curve does.</summary>
    private List<TrainingItem>? FixedTest(List<TrainingItem> test) => testFiles.Length > 0 ? test : null;

    /// <summary>
    /// Trains one set of networks (resuming from a checkpoint of the same stage and configuration); <paramref name="test"/>,
    /// if given, is evaluated after every epoch for the learning curve only.
    /// </summary>
    private TrainedNetworks Train(DescriptorSet set, SymmetryFunctionScaling scaling, NetworkArchitecture[] architectures, Device device,
        List<TrainingItem> training, List<TrainingItem> validation, List<TrainingItem>? test, RunContext context, string stage, out List<EpochRecord> history)
    {
        AtomicNetwork[] networks = NeuralNetworkPotential.CreateNetworks(set, architectures, device);
        var generator = new Generator((ulong)options.Seed, CPU);
        foreach (AtomicNetwork n in networks) n.Initialize(generator);
        var trainer = new NetworkTrainer(networks, scaling, options, device);
        string folder = context.OutputDirectory;
        TrainingCheckpoint? checkpoint = TrainingCheckpoint.Load(folder, context.ConfigHash, stage);
        history = checkpoint?.History ?? [];
        int start = 0, bestEpoch = -1;
        double bestLoss = double.PositiveInfinity;
        double[][] best = trainer.ExportWeights();
        if (checkpoint != null)
        {
            trainer.ImportWeights(checkpoint.Weights);
            trainer.LoadOptimizerState(Path.Combine(folder, TrainingCheckpoint.OptimizerFileOf(stage, checkpoint.CompletedEpochs)));
            (start, bestLoss, bestEpoch, best) = (checkpoint.CompletedEpochs, checkpoint.BestLoss, checkpoint.BestEpoch, checkpoint.BestWeights);
            context.Log.Info($"{stage}: resuming after epoch {start} from {TrainingCheckpoint.FileName}");
        }
        // CPU seconds of the whole job, continued across resumes (a resumed process starts its own count at zero)
        double cpuBefore = history.Count > 0 ? history[^1].CpuSeconds - ProcessCpuSeconds() : 0;
        for (int epoch = start; epoch < options.Epochs && epoch - bestEpoch <= options.Patience; epoch++)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            var clock = Stopwatch.StartNew();
            ErrorMetrics train = trainer.Epoch(training, epoch) ?? trainer.Evaluate(training).Metrics;
            ErrorMetrics check = validation.Count > 0 ? trainer.Evaluate(validation).Metrics : train;
            ErrorMetrics? tested = test?.Count > 0 ? trainer.Evaluate(test).Metrics : null;
            var record = new EpochRecord(epoch + 1, train, check, options.LearningRate * Math.Pow(options.LearningRateDecay, epoch), clock.Elapsed.TotalSeconds,
                tested, cpuBefore + ProcessCpuSeconds());
            history.Add(record);
            double loss = check.Loss(options);
            if (loss < bestLoss)
            {
                (bestLoss, bestEpoch, best) = (loss, epoch, trainer.ExportWeights());
            }
            context.Log.Info($"{stage} epoch {epoch + 1}: train {1e3 * train.EnergyRmsePerAtom:F3} meV/atom {1e3 * train.ForceRmse:F1} meV/Å, validation {1e3 * check.EnergyRmsePerAtom:F3} meV/atom {1e3 * check.ForceRmse:F1} meV/Å ({record.Seconds:F1} s)");
            trainer.SaveOptimizerState(Path.Combine(folder, TrainingCheckpoint.OptimizerFileOf(stage, epoch + 1)));
            new TrainingCheckpoint
            {
                ConfigHash = context.ConfigHash, Stage = stage, CompletedEpochs = epoch + 1, BestLoss = bestLoss, BestEpoch = bestEpoch,
                Weights = trainer.ExportWeights(), BestWeights = best, History = history,
            }.Save(folder);
            File.Delete(Path.Combine(folder, TrainingCheckpoint.OptimizerFileOf(stage, epoch)));   // the pair it replaced (absent at the first epoch: no error)
            if (stage == "full") TrainingReport.WriteLearningCurve(folder, history);
        }
        trainer.ImportWeights(best);
        return new TrainedNetworks(networks, trainer, device);
    }

    private static double ProcessCpuSeconds()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalSeconds;
    }

    private sealed record TrainedNetworks(AtomicNetwork[] Networks, NetworkTrainer Trainer, Device Device);
}
