using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using MatSim.Descriptors.SymmetryFunctions;
using MatSim.Learning.Calculators;
using MatSim.Learning.KernelTraining;
using MatSim.Learning.NetworkTraining;
using MatSim.Potentials.Kernels;
using MatSim.Simulation.Errors;
using MatSim.Simulation.IO.ExtXyz;
using MatSim.Simulation.Jobs;
using MatSim.Simulation.Random;
using MatSim.Simulation.Structures;

namespace MatSim.Learning.ActiveLearning;

/// <summary>
/// The active-learning loop (Podryabinkin &amp; Shapeev, Comput. Mater. Sci. 140, 171 (2017);
/// Vandermause et al., npj Comput. Mater. 6, 20 (2020)): train → sample with the model → label the
/// structures it is least sure of → retrain, until the reference-call budget is spent, the test
/// error reaches its target, or no candidate is uncertain any more. The pool's first structures
/// (by the seed) are the test set, held out before anything else; random selection from the rest
/// at the same budgets, and optionally one large random set, are the baselines.
/// </summary>
internal sealed class LearningJob(LearningSettings settings) : IJob
{
    public JsonObject Run(RunContext context)
    {
        var clock = Stopwatch.StartNew();
        string folder = context.OutputDirectory;
        var cache = new CachedCalculator(settings.Reference.Calculator, Path.Combine(folder, "reference-cache"), settings.Reference.Attempts);
        List<Structure> pool = settings.PoolFiles.SelectMany(f => ExtXyzReader.ReadFile(f).Select(frame => frame.Structure)).ToList();
        int[] order = Rng.ForStream(settings.Seed, 0xA11CE).Permutation(pool.Count);
        if (pool.Count < settings.TestCount + settings.StartCount + 1)
            throw new InputException(new SourceLocation(settings.PoolFiles[0]), $"the pool has {pool.Count} structures; the test set ({settings.TestCount}) and the start set ({settings.StartCount}) need more");
        DescriptorSet set = settings.Descriptors.Create(pool.SelectMany(s => s.Elements).DistinctBy(e => e.Number).ToArray());

        var (test, _, testFailures) = Labelling.Run(cache, order[..settings.TestCount].Select(i => (pool[i], $"pool {i}")).ToList(), context.Cancellation);
        context.Log.Info($"test set: {test.Count} structures labelled by {cache.Name} ({testFailures.Count} failed)");
        int[] rest = order[settings.TestCount..];

        (LearningState state, List<LabelledStructure> labelled) = LearningState.Load(folder, context.ConfigHash) is { } saved
            ? saved : Start(context, cache, pool, rest);
        if (state.CompletedIterations > 0) context.Log.Info($"resuming after iteration {state.CompletedIterations} ({state.ReferenceCalls} reference calls)");
        KernelPotential? model = null;
        KernelTestMetrics? metrics = null;
        for (int iteration = state.CompletedIterations; state.StopReason == null; iteration++)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            model = KernelTrainer.Train(labelled, set, settings.Fit, out _, m => context.Log.Info("  " + m));
            metrics = KernelTestMetrics.Evaluate(model, test);
            string iterationFolder = Path.Combine(folder, $"iteration-{iteration:D3}");
            Directory.CreateDirectory(iterationFolder);
            KernelModelFile.Write(model, Path.Combine(iterationFolder, "model.kernel.json"));
            context.Log.Info(string.Create(CultureInfo.InvariantCulture,
                $"iteration {iteration}: {state.ReferenceCalls} reference calls, {labelled.Count} training structures; test RMSE {1e3 * metrics.EnergyRmsePerAtom:F2} meV/atom, {1e3 * metrics.ForceRmse:F1} meV/Å; forces within 2σ {100 * metrics.ForceWithinSigmas[1]:F0}%"));
            string? stop = state.ReferenceCalls >= settings.Budget ? "budget of reference calls spent"
                : settings.TargetForceRmse > 0 && metrics.ForceRmse <= settings.TargetForceRmse ? "target force RMSE reached" : null;
            List<Candidate> picked = [];
            double maxSigma = 0;
            if (stop == null)
            {
                List<Candidate> candidates = settings.Mode == SamplingMode.Pool
                    ? PoolCandidates(model, pool, rest, state.Origins)
                    : DynamicsSampler.Sample(model, labelled.Select(s => s.Structure).ToList(), settings.Dynamics!, settings.Threshold, settings.Seed, iteration, context.Cancellation);
                maxSigma = candidates.Count == 0 ? 0 : candidates.Max(c => c.Sigma);
                picked = CandidateSelection.Select(candidates, settings.Threshold, settings.Diversity, Math.Min(settings.PerIteration, settings.Budget - state.ReferenceCalls));
                context.Log.Info(string.Create(CultureInfo.InvariantCulture,
                    $"  {candidates.Count} candidates, largest force σ {1e3 * maxSigma:F1} meV/Å, {candidates.Count(c => c.Sigma > settings.Threshold)} above the threshold; {picked.Count} picked"));
                if (picked.Count == 0) stop = "no candidate above the uncertainty threshold";
            }
            state.Curve.Add(new CurvePoint("active", iteration, state.ReferenceCalls, labelled.Count, 1e3 * metrics.EnergyRmsePerAtom, 1e3 * metrics.ForceRmse,
                metrics.ForceWithinSigmas.Length > 1 ? metrics.ForceWithinSigmas[1] : 0, picked.Count, 1e3 * maxSigma));
            if (picked.Count > 0)
            {
                var (added, origins, failures) = Labelling.Run(cache, picked.Select(c => (c.Structure, c.Origin)).ToList(), context.Cancellation);
                foreach (LabellingFailure f in failures) context.Log.Warning($"reference failed for {f.Origin}: {f.Reason}");
                labelled.AddRange(added);
                state.Origins.AddRange(origins);
                state.Failures.AddRange(failures);
                state.ReferenceCalls += picked.Count;
                ExtXyzWriter.WriteFile(Path.Combine(iterationFolder, "selected.extxyz"), added.Select(s => new ExtXyzFrame { Structure = s.Structure, Energy = s.Energy, Forces = s.Forces }).ToList());
            }
            state.StopReason = stop;
            state.CompletedIterations = iteration + 1;
            state.Save(folder, labelled);
        }
        context.Log.Info($"stopped: {state.StopReason}");
        // a run resumed after it had stopped has trained nothing in this session
        model ??= KernelTrainer.Train(labelled, set, settings.Fit, out _);
        KernelModelFile.Write(model, Path.Combine(folder, "model.kernel.json"));
        KernelTestMetrics final = metrics ?? KernelTestMetrics.Evaluate(model, test);
        TrainingReport.WriteParity(folder, final.Predictions);
        context.Log.Info($"final model: within 1/2/3 σ on the test set: energies {KernelTrainingJob.Fractions(final.EnergyWithinSigmas)}, forces {KernelTrainingJob.Fractions(final.ForceWithinSigmas)}");

        List<CurvePoint> random = settings.RandomBaseline
            ? state.Curve.Select(p => p.ReferenceCalls).Distinct().Where(b => b > settings.StartCount)
                .Select(b => RandomModel(context, cache, pool, rest, set, test, b, "random").Point).ToList()
            : [];
        (CurvePoint Point, KernelTestMetrics Metrics)? large = settings.LargeRandom > 0 ? RandomModel(context, cache, pool, rest, set, test, settings.LargeRandom, "large-random") : null;
        List<CurvePoint> all = [.. state.Curve, .. random, .. large is { } l ? new[] { l.Point } : []];
        LearningReport.Write(folder, all);
        JsonObject results = Results(state, random, large?.Point, test.Count, testFailures.Count, cache, clock);
        results["active_test"] = final.ToJson();
        if (large is { } big) results["large_random_test"] = big.Metrics.ToJson();
        return results;
    }

    private (LearningState, List<LabelledStructure>) Start(RunContext context, CachedCalculator cache, List<Structure> pool, int[] rest)
    {
        var (labelled, origins, failures) = Labelling.Run(cache, rest[..settings.StartCount].Select(i => (pool[i], $"pool {i}")).ToList(), context.Cancellation);
        if (labelled.Count == 0) throw new CalculatorException($"none of the {settings.StartCount} start structures could be labelled: {string.Join(" | ", failures.Select(f => f.Reason))}");
        var state = new LearningState { ConfigHash = context.ConfigHash, ReferenceCalls = settings.StartCount, Origins = origins, Failures = failures };
        context.Log.Info($"start: {labelled.Count} structures labelled");
        return (state, labelled);
    }

    /// <summary>Pool structures not yet labelled (nor in the test or start sets), scored by the model.</summary>
    private static List<Candidate> PoolCandidates(KernelPotential model, List<Structure> pool, int[] rest, List<string> labelledOrigins)
    {
        var used = labelledOrigins.ToHashSet();
        int[] open = rest.Where(i => !used.Contains($"pool {i}")).ToArray();
        var result = new Candidate[open.Length];
        Parallel.For(0, open.Length, k => result[k] = Candidate.Score(model, pool[open[k]], $"pool {open[k]}"));
        return [.. result];
    }

    /// <summary>A model on the first <paramref name="calls"/> structures of the seeded pool order after the test set (which begins with the start structures).</summary>
    private (CurvePoint Point, KernelTestMetrics Metrics) RandomModel(RunContext context, CachedCalculator cache, List<Structure> pool, int[] rest, DescriptorSet set,
        List<LabelledStructure> test, int calls, string selection)
    {
        int count = Math.Min(calls, rest.Length);
        var (labelled, _, _) = Labelling.Run(cache, rest[..count].Select(i => (pool[i], $"pool {i}")).ToList(), context.Cancellation);
        KernelPotential model = KernelTrainer.Train(labelled, set, settings.Fit, out _, m => context.Log.Info("  " + m));
        KernelTestMetrics m = KernelTestMetrics.Evaluate(model, test);
        context.Log.Info(string.Create(CultureInfo.InvariantCulture,
            $"{selection}: {count} reference calls; test RMSE {1e3 * m.EnergyRmsePerAtom:F2} meV/atom, {1e3 * m.ForceRmse:F1} meV/Å"));
        return (new CurvePoint(selection, 0, count, labelled.Count, 1e3 * m.EnergyRmsePerAtom, 1e3 * m.ForceRmse, m.ForceWithinSigmas.Length > 1 ? m.ForceWithinSigmas[1] : 0, 0, 0), m);
    }

    private JsonObject Results(LearningState state, List<CurvePoint> random, CurvePoint? large, int testCount, int testFailures, CachedCalculator cache, Stopwatch clock)
    {
        CurvePoint last = state.Curve[^1];
        var result = new JsonObject
        {
            ["iterations"] = state.CompletedIterations,
            ["stop_reason"] = state.StopReason,
            ["reference_calls"] = state.ReferenceCalls,
            ["reference_failures"] = state.Failures.Count,
            ["test_structures"] = testCount,
            ["test_labelling_failures"] = testFailures,
            ["active_energy_rmse_meV_per_atom"] = last.EnergyRmseMeVPerAtom,
            ["active_force_rmse_meV_per_A"] = last.ForceRmseMeVPerA,
            ["active_force_within_2_sigma"] = last.ForceWithin2Sigma,
            ["reference_program_runs_this_session"] = cache.Calculations,
            ["reference_cache_hits_this_session"] = cache.Hits,
            ["wall_seconds"] = clock.Elapsed.TotalSeconds,
            ["model"] = "model.kernel.json",
        };
        if (random.LastOrDefault(p => p.ReferenceCalls == last.ReferenceCalls) is { } same)
            result["random_force_rmse_meV_per_A_at_same_calls"] = same.ForceRmseMeVPerA;
        if (large != null)
        {
            result["large_random_reference_calls"] = large.ReferenceCalls;
            result["large_random_energy_rmse_meV_per_atom"] = large.EnergyRmseMeVPerAtom;
            result["large_random_force_rmse_meV_per_A"] = large.ForceRmseMeVPerA;
            result["active_calls_over_large_random_calls"] = (double)state.ReferenceCalls / large.ReferenceCalls;
        }
        return result;
    }
}
