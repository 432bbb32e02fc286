using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using MatSim.Sampling.Estimators;
using MatSim.Sampling.Flows;
using MatSim.Sampling.MonteCarlo;
using MatSim.Sampling.Targets;
using MatSim.Sampling.Training;
using MatSim.Simulation.Config;
using MatSim.Simulation.Energy;
using MatSim.Simulation.IO;
using MatSim.Simulation.Jobs;
using MatSim.Simulation.Plugins;
using MatSim.Simulation.Random;
using MatSim.Simulation.Statistics;
using TorchSharp;
using static TorchSharp.torch;

namespace MatSim.Sampling.Jobs;

/// <summary>
/// `job: sample` (also `matsim sample CONFIG`): a Boltzmann generator for one target. Local
/// Metropolis chains give training data and the ground truth (a held-out part is the test set);
/// the flow is trained by example then by energy (or loaded); then it is judged: test NLL, Kish
/// ESS of importance weights, reweighted ⟨u⟩ against MC, and as configured the free-energy
/// difference between two states, the density on a grid (KL), pair-distance distributions, and a
/// flow-MC chain against local MC (transitions per energy call, populations, acceptance).
/// </summary>
public sealed class SamplingJobFactory(EnergyModelRegistry registry) : IJobFactory
{
    public string Name => "sample";
    public string Description => "Boltzmann generator: train a normalising flow on a target, reweight, use it as an MC move";

    public IReadOnlyList<OptionInfo> Options =>
    [
        new("target.model", "", "or system + energy", "a benchmark: double-well | mueller-brown | dw4 | lj13"),
        new("target.kT", "", "with model", "temperature in the model's energy units"),
        new("target.temperature", "K", "with system", "temperature of a MatSim system"),
        new("target.energy", "", "with system", "energy models, [{type: …}, …]"),
        new("target.system", "", "with energy", "the cluster: a structure without a cell, or species and fill (the keys of mc's system:)"),
        .. SamplingSettings.Options,
    ];

    public IJob Bind(ConfigMap config, ulong seed)
    {
        SamplingTarget target = SamplingTarget.Read(config.RequiredMap("target", "the target: {model: double-well, kT: 1} or {system, energy, temperature}"), registry, seed);
        return new SamplingJob(SamplingSettings.Read(config, target, seed));
    }
}

internal sealed class SamplingJob(SamplingSettings settings) : IJob
{
    private ITargetEnergy Target => settings.Target.Energy;
    private double KT => settings.Target.KT;

    public JsonObject Run(RunContext context)
    {
        MatSim.Torch.TorchRuntime.EnsureAvailable();
        torch.set_num_threads(settings.TorchThreads);
        var clock = Stopwatch.StartNew();
        var map = new CoordinateMap(Target);
        var provenance = new FlowProvenance(Target.Name, Target.Particles, Target.SpatialDimension, KT);
        var results = new JsonObject
        {
            ["target"] = Target.Name,
            ["kT"] = KT,
            ["energy_unit"] = settings.Target.EnergyUnit,
            ["flow_dimension"] = map.FlowDimension,
            ["centre_of_mass_removed"] = map.RemovesCentreOfMass,
        };

        var (training, test) = ReferenceData(context, results);
        NormalizingFlow flow = settings.FlowFile != null
            ? FlowFile.Read(settings.FlowFile, provenance).Flow
            : new NormalizingFlow(map.FlowDimension, settings.Architecture, settings.Seed);
        using (flow)
        {
            results["training"] = Train(flow, map, training, test, context);
            FlowFile.Write(flow, provenance, Path.Combine(context.OutputDirectory, "model.flow.json"));
            results["test_nll"] = FlowTrainer.NegativeLogLikelihood(flow, map, test);
            context.Log.Info(string.Create(CultureInfo.InvariantCulture, $"test NLL {(double)results["test_nll"]!:F3} (per configuration, {test.Length / map.CartesianDimension} held-out MC samples)"));
            Evaluate(flow, map, training, test, results, context);
            if (settings.Mc != null) results["mc"] = ChainComparison.Run(settings, flow, context);
        }
        results["wall_seconds"] = clock.Elapsed.TotalSeconds;
        return results;
    }

    /// <summary>Local MC chains; a seeded random part of their samples is held out as the test set.</summary>
    private (double[] Training, double[] Test) ReferenceData(RunContext context, JsonObject results)
    {
        ReferenceChains r = settings.Reference;
        var clock = Stopwatch.StartNew();
        double[][] starts = Enumerable.Range(0, r.Chains).Select(settings.Target.Start).ToArray();
        double[] all = ChainSamples.Collect(Target, KT, starts, r.SamplesPerChain, r.Stride, r.Equilibration, r.Step, settings.Seed ^ 0xC4A1);
        int d = Target.Dimension(), n = all.Length / d, testCount = (int)Math.Round(r.TestFraction * n);
        int[] order = Rng.ForStream(settings.Seed, 0x7E57).Permutation(n);
        double[] Rows(IEnumerable<int> rows)
        {
            int[] picked = rows.ToArray();
            var copy = new double[picked.Length * d];
            for (int k = 0; k < picked.Length; k++) Array.Copy(all, picked[k] * d, copy, k * d, d);
            return copy;
        }
        double[] test = Rows(order.Take(testCount)), training = Rows(order.Skip(testCount));
        double[] energies = Target.Energies(all, null);
        var mean = new BlockAverage(Math.Min(20, n), n);
        foreach (double u in energies) mean.Add(u);
        results["reference"] = new JsonObject
        {
            ["chains"] = r.Chains, ["samples"] = n, ["training"] = n - testCount, ["test"] = testCount,
            ["mean_energy"] = mean.Result.Mean, ["mean_energy_error"] = mean.Result.StandardError,
            ["seconds"] = clock.Elapsed.TotalSeconds,
        };
        context.Log.Info($"reference MC: {n} samples from {r.Chains} chains ({testCount} held out), ⟨u⟩ = {mean.Result}");
        return (training, test);
    }

    private JsonObject Train(NormalizingFlow flow, CoordinateMap map, double[] training, double[] test, RunContext context)
    {
        FlowTrainingOptions options = settings.Training;
        bool byExample = options.ExampleSteps > 0 || options.ExampleWeight > 0;
        using var trainer = new FlowTrainer(flow, Target, options, byExample && settings.FlowFile == null ? training : null);
        FlowTrainingCheckpoint.Progress? resumed = FlowTrainingCheckpoint.Load(context.OutputDirectory, context.ConfigHash, trainer);
        // before any step a fresh flow is its ActNorm: the best diagonal Gaussian of the data, the baseline of the test NLL
        double initialNll = resumed?.InitialNll ?? FlowTrainer.NegativeLogLikelihood(flow, map, test);
        long liveBefore = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        var csv = new StringBuilder(resumed?.Curve ?? "step,nll,reverse_kl,rejected,capped,skipped,live_tensors,resident_MB\n");
        double? firstResident = resumed?.FirstResident;
        if (resumed != null) context.Log.Info($"resumed from the training checkpoint at step {trainer.StepsDone} of {trainer.TotalSteps}");
        using var process = Process.GetCurrentProcess();
        var clock = Stopwatch.StartNew();
        int every = Math.Max(1, trainer.TotalSteps / 100);
        FlowTrainingStep? last = null;
        while (trainer.StepsDone < trainer.TotalSteps)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            last = trainer.Step();
            if (last.Step % every == 0 || last.Step == trainer.TotalSteps) Record(last);
            if (last.Step % settings.TrainingCheckpointEvery == 0 || last.Step == trainer.TotalSteps)
                FlowTrainingCheckpoint.Save(context.OutputDirectory, context.ConfigHash,
                    new(csv.ToString(), initialNll, firstResident, last.NegativeLogLikelihood, last.ReverseKl), trainer);
        }
        void Record(FlowTrainingStep step)
        {
            long live = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
            process.Refresh();
            double resident = process.WorkingSet64 / 1048576.0;
            firstResident ??= resident;
            csv.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{step.Step},{step.NegativeLogLikelihood:G6},{step.ReverseKl:G6},{step.Rejected},{step.Capped},{(step.Skipped ? 1 : 0)},{live},{resident:F1}"));
            if (step.Step % (every * 10) == 0)
                context.Log.Info(string.Create(CultureInfo.InvariantCulture, $"step {step.Step}/{trainer.TotalSteps}: NLL {step.NegativeLogLikelihood:F3}, reverse KL {step.ReverseKl:F3}"));
        }
        double seconds = clock.Elapsed.TotalSeconds;
        AtomicFile.WriteAllText(Path.Combine(context.OutputDirectory, "training.csv"), csv.ToString());
        SamplingReport.TrainingCurve(context.OutputDirectory, csv.ToString());
        if (trainer.RejectedSamples > 0)
            context.Log.Warning($"{trainer.RejectedSamples} flow samples had non-finite energies or forces and were left out of the energy loss");
        return new JsonObject
        {
            ["steps"] = trainer.StepsDone,
            ["initial_test_nll"] = Finite(initialNll),
            ["seconds"] = seconds,
            ["samples_per_second"] = seconds > 0 ? trainer.SamplesProcessed / seconds : 0,
            ["rejected_samples"] = trainer.RejectedSamples,
            ["capped_samples"] = trainer.CappedSamples,
            ["skipped_steps"] = trainer.SkippedSteps,
            ["final_nll"] = Finite(last?.NegativeLogLikelihood ?? resumed?.FinalNll),
            ["final_reverse_kl"] = Finite(last?.ReverseKl ?? resumed?.FinalReverseKl),
            ["live_tensors_before"] = liveBefore,
            ["live_tensors_after"] = DisposeScopeManager.Statistics.ThreadTotalLiveCount,
            ["resident_MB_first_record"] = Finite(firstResident),
            ["resident_MB_last_record"] = Finite(process.WorkingSet64 / 1048576.0),
        };
    }

    private void Evaluate(NormalizingFlow flow, CoordinateMap map, double[] training, double[] test, JsonObject results, RunContext context)
    {
        var clock = Stopwatch.StartNew();
        double[] ys, logQ;
        using (var scope = NewDisposeScope())
        using (no_grad())
        using (var generator = new Generator(settings.Seed ^ 0x5A3E, flow.Device))
        {
            FlowSample sample = flow.Sample(settings.Samples, generator);
            ys = sample.X.cpu().data<double>().ToArray();
            logQ = sample.LogQ.cpu().data<double>().ToArray();
        }
        double[] xs = map.ToCartesian(ys);
        double sampleSeconds = clock.Elapsed.TotalSeconds;
        double[] energies = Target.Energies(xs, null);
        double[] reduced = energies.Select(u => u / KT).ToArray();
        var weights = new ImportanceWeights(reduced, logQ);
        Estimate meanEnergy = weights.Mean(energies.Select(u => double.IsFinite(u) ? u : 0).ToArray());
        var sampling = new JsonObject
        {
            ["samples"] = settings.Samples,
            ["seconds"] = sampleSeconds,
            ["samples_per_second"] = settings.Samples / sampleSeconds,
            ["ess"] = weights.EffectiveSampleSize,
            ["ess_fraction"] = weights.EffectiveFraction,
            ["non_finite_energies"] = weights.NonFinite,
            ["mean_energy_unweighted"] = energies.Where(double.IsFinite).Average(),
            ["mean_energy_reweighted"] = meanEnergy.Mean,
            ["mean_energy_reweighted_error"] = meanEnergy.StandardError,
        };
        results["sampling"] = sampling;
        context.Log.Info(string.Create(CultureInfo.InvariantCulture,
            $"{settings.Samples} flow samples: ESS {weights.EffectiveSampleSize:F0} ({100 * weights.EffectiveFraction:F1} %), reweighted ⟨u⟩ = {meanEnergy}"));
        double[] normalised = weights.Normalised();
        if (settings.Order is { } order)
        {
            bool[] first = Enumerable.Range(0, energies.Length).Select(i => xs[i * map.CartesianDimension + order.Coordinate] < order.Boundary).ToArray();
            Estimate df = weights.FreeEnergyDifference(first, first.Select(b => !b).ToArray(), KT);
            sampling["free_energy_difference"] = df.Mean;
            sampling["free_energy_difference_error"] = df.StandardError;
            context.Log.Info($"F(coordinate {order.Coordinate} ≥ {order.Boundary}) − F(< {order.Boundary}) = {df}{(settings.Target.EnergyUnit == "1" ? " (kT units of the model)" : " " + settings.Target.EnergyUnit)}");
            if (Target is DoubleWell)
            {
                double exact = DoubleWellIntegral.FreeEnergyDifference(KT, order.Boundary);
                sampling["free_energy_difference_exact"] = exact;
                sampling["free_energy_difference_deviation_kT"] = (df.Mean - exact) / KT;
            }
        }
        if (settings.Grid is { } g)
        {
            var grid = new GridDensity(g.XMin, g.XMax, g.YMin, g.YMax, g.Cells);
            double[] exact = grid.Exact(Target, KT);
            double[] density;
            using (var scope = NewDisposeScope())
            using (no_grad())
                density = grid.FromLogDensity(points => flow.LogProbability(tensor(points, [points.Length / 2, 2], ScalarType.Float64)).data<double>().ToArray());
            double[] raw = grid.Histogram(xs), reweighted = grid.Histogram(xs, normalised), mc = grid.Histogram(training);
            sampling["kl_exact_flow_density"] = GridDensity.KullbackLeibler(exact, density);
            sampling["kl_exact_flow_samples"] = GridDensity.KullbackLeibler(exact, raw);
            sampling["kl_exact_reweighted_samples"] = GridDensity.KullbackLeibler(exact, reweighted);
            sampling["kl_exact_mc_samples"] = GridDensity.KullbackLeibler(exact, mc);
            SamplingReport.Densities(context.OutputDirectory, grid, exact, density, reweighted);
            context.Log.Info(string.Create(CultureInfo.InvariantCulture,
                $"KL(exact ‖ ·) on a {g.Cells}² grid: flow density {(double)sampling["kl_exact_flow_density"]!:F4}, reweighted samples {(double)sampling["kl_exact_reweighted_samples"]!:F4}, raw samples {(double)sampling["kl_exact_flow_samples"]!:F4}, MC samples {(double)sampling["kl_exact_mc_samples"]!:F4}"));
        }
        if (settings.PairDistances is var (range, bins))
        {
            double[] ground = [.. training, .. test];
            var mc = new PairDistanceHistogram(ground, Target.Particles, Target.SpatialDimension, range, bins);
            var raw = new PairDistanceHistogram(xs, Target.Particles, Target.SpatialDimension, range, bins);
            var reweighted = new PairDistanceHistogram(xs, Target.Particles, Target.SpatialDimension, range, bins, normalised);
            sampling["pair_distance_tv_raw"] = mc.TotalVariation(raw);
            sampling["pair_distance_tv_reweighted"] = mc.TotalVariation(reweighted);
            SamplingReport.PairDistances(context.OutputDirectory, mc, raw, reweighted);
            context.Log.Info(string.Create(CultureInfo.InvariantCulture,
                $"pair distances vs MC: total variation {mc.TotalVariation(raw):F4} (flow samples), {mc.TotalVariation(reweighted):F4} (reweighted)"));
        }
    }

    /// <summary>A number for results.json, or null when it is missing or not finite (JSON has no NaN).</summary>
    private static JsonNode? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}
