using System.Diagnostics;
using System.Globalization;
using MatSim.Descriptors.SymmetryFunctions;
using MatSim.Learning.NetworkTraining;
using MatSim.Potentials.Kernels;
using MatSim.Simulation.Chemistry;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.Structures;

namespace MatSim.Learning.KernelTraining;

/// <summary>How the kernel parameter and the noise ratios are chosen on their grid.</summary>
public enum HyperparameterSelection
{
    /// <summary>k-fold cross-validation of energy and force errors (robust; the default).</summary>
    CrossValidation,
    /// <summary>The log marginal likelihood with the signal variance profiled out.</summary>
    Likelihood,
}

/// <summary>Settings of a kernel fit. Noise ratios λ = σ²_noise/σ²_signal are searched on a grid with the kernel parameter.</summary>
public sealed record KernelFitOptions
{
    public string Kernel { get; init; } = "squared-exponential";
    /// <summary>Kernel parameters to try (length scales in scaled-descriptor units, or exponents).</summary>
    public double[] KernelParameters { get; init; } = [4, 8, 16, 32];
    public int SparsePerElement { get; init; } = 300;
    public SparseSelectionMethod Selection { get; init; } = SparseSelectionMethod.FarthestPoint;
    public ScalingMode Scaling { get; init; } = ScalingMode.ScaleSigma;
    public bool UseForces { get; init; } = true;
    /// <summary>Energy noise ratios per atom to try.</summary>
    public double[] EnergyRatios { get; init; } = [1e-6, 1e-5, 1e-4, 1e-3, 1e-2];
    /// <summary>Force noise ratios per component to try.</summary>
    public double[] ForceRatios { get; init; } = [1e-5, 1e-4, 1e-3, 1e-2, 1e-1];
    public HyperparameterSelection Hyperparameters { get; init; } = HyperparameterSelection.CrossValidation;
    public int Folds { get; init; } = 5;
    /// <summary>Seed of the assignment of structures to cross-validation folds.</summary>
    public ulong Seed { get; init; } = 1;
    /// <summary>With noise levels given: signal σ_f² (eV²), used instead of the likelihood estimate.</summary>
    public double? SignalVariance { get; init; }
}

/// <summary>
/// One tried hyperparameter set: its log marginal likelihood (on all training data) and, with
/// cross-validation, the validation error: Σ_folds ‖ΔE‖²/Σ‖E‖² + Σ‖ΔF‖²/Σ‖F‖² (relative mean squares).
/// </summary>
public sealed record HyperparameterTrial(double KernelParameter, double EnergyRatio, double ForceRatio, double SignalVariance, double LogLikelihood, double CrossValidationError);

/// <summary>What a fit did: hyperparameter trials, the sparse set, duplicates removed, time.</summary>
public sealed record KernelFitReport(IReadOnlyList<HyperparameterTrial> Trials, int[] SparseCounts, int Duplicates, double Jitter, double Seconds);

/// <summary>
/// Fits a <see cref="KernelPotential"/> to energies and forces: descriptors, scaling and element
/// offsets from the training set, sparse environments by <see cref="KernelFitOptions.Selection"/>,
/// one pass over the data per kernel parameter (<see cref="NormalEquations"/>, O(M² N), kept per
/// cross-validation fold), then the grid point with the least k-fold validation error (or the
/// highest log marginal likelihood); the final weights use all training data.
/// </summary>
public static class KernelTrainer
{
    public static KernelPotential Train(IReadOnlyList<LabelledStructure> data, DescriptorSet set, KernelFitOptions options, out KernelFitReport report, Action<string>? log = null)
    {
        var clock = Stopwatch.StartNew();
        List<LabelledStructure> unique = RemoveDuplicates(data, out int[] kept);
        int duplicates = data.Count - unique.Count;
        if (duplicates > 0) log?.Invoke($"{duplicates} duplicate structure(s) removed (identical elements and positions)");
        Element[] elements = set.Elements.ToArray();
        StructureDescriptors[] descriptors = unique.Select(s => DescriptorCalculator.Compute(set, s.Structure.Cell, s.Structure.Positions, s.Structure.Elements)).ToArray();
        CheckFinite(descriptors, kept);
        var scaling = new SymmetryFunctionScaling(options.Scaling, 0, 1, SymmetryFunctionScaling.Measure(set, descriptors));
        double[] offsets = ElementEnergyOffsets.Fit(unique, Enumerable.Range(0, unique.Count).ToArray(), elements, set.IsCentre);
        SparseEnvironments sparse = SelectSparse(set, scaling, descriptors, options);
        log?.Invoke($"{unique.Count} structures, sparse environments {string.Join(", ", elements.Select((e, k) => $"{sparse.CountOf(k)} {e.Symbol}"))} ({options.Selection})");

        var trials = new List<HyperparameterTrial>();
        var refused = new List<string>();
        bool search = options.KernelParameters.Length * options.EnergyRatios.Length * (options.UseForces ? options.ForceRatios.Length : 1) > 1;
        bool crossValidate = search && options.Hyperparameters == HyperparameterSelection.CrossValidation && unique.Count >= 2 * options.Folds;
        int[] fold = Folds(unique.Count, crossValidate ? options.Folds : 1, options.Seed);
        (KernelBasis Basis, SparseGprSolution Fit, double Score)? best = null;
        foreach (double parameter in options.KernelParameters)
        {
            var basis = new KernelBasis(set, scaling, KernelFunction.Create(options.Kernel, parameter), sparse);
            NormalEquations[] folds = Accumulate(basis, descriptors, unique, offsets, options.UseForces, kept, fold);
            // a nearly singular K_MM (many similar sparse environments, a long length scale) makes the whitened
            // system lose precision: then K_MM is regularised more, up to 1e-4 of its diagonal
            foreach (double jitter in new[] { 0, 1e-8, 1e-6, 1e-4 })
            {
                SparseKernelMatrix kmm = SparseKernelMatrix.Build(basis, jitter);
                int before = trials.Count;
                var system = WhitenedSystem.Create(Total(folds), kmm);
                WhitenedSystem[] training = crossValidate ? folds.Select(held => WhitenedSystem.Create(system.Sums.Minus(held), kmm)).ToArray() : [];
                foreach (double energyRatio in options.EnergyRatios)
                    foreach (double forceRatio in options.UseForces ? options.ForceRatios : [1.0])
                    {
                        SparseGprSolution fit;
                        double error = double.NaN;
                        try
                        {
                            fit = SparseGprSolution.Solve(system, energyRatio, forceRatio, options.UseForces, options.SignalVariance, strict: search && !crossValidate);
                            if (crossValidate) error = CrossValidationError(training, folds, energyRatio, forceRatio, options.UseForces);
                        }
                        catch (SingularKernelException e)
                        {
                            refused.Add($"{basis.Kernel}: {e.Message}");
                            continue;
                        }
                        trials.Add(new HyperparameterTrial(parameter, energyRatio, forceRatio, fit.SignalVariance, fit.LogLikelihood, error));
                        double score = crossValidate ? -error : fit.LogLikelihood;
                        if (best == null || score > best.Value.Score || !search) best = (basis, fit, score);
                    }
                if (trials.Count > before) break;
            }
        }
        if (refused.Count > 0) log?.Invoke($"{refused.Count} of {refused.Count + trials.Count} hyperparameter trials refused, e.g. {refused[0]}");
        if (best is not var (chosenBasis, chosen, chosenScore)) throw new SingularKernelException($"no hyperparameter set gave a usable fit: {string.Join(" | ", refused.Distinct().Take(3))}");
        report = new KernelFitReport(trials, Enumerable.Range(0, elements.Length).Select(sparse.CountOf).ToArray(), duplicates, chosen.Jitter, clock.Elapsed.TotalSeconds);
        string criterion = crossValidate ? $"{options.Folds}-fold validation error {-chosenScore:G4}" : $"log marginal likelihood {chosen.LogLikelihood:F1}";
        log?.Invoke(string.Create(CultureInfo.InvariantCulture,
            $"chosen {chosenBasis.Kernel}: σ_f {Math.Sqrt(chosen.SignalVariance):G4} eV, σ_E {1e3 * chosen.EnergySigma:G4} meV/atom, σ_F {1e3 * chosen.ForceSigma:G4} meV/Å by {criterion} ({trials.Count} trials, {clock.Elapsed.TotalSeconds:F1} s)"));
        return new KernelPotential(chosenBasis, chosen, offsets);
    }

    /// <summary>Σ over folds of the held-out squared errors of the fit on the other folds, relative to the held-out data's squares.</summary>
    private static double CrossValidationError(WhitenedSystem[] training, NormalEquations[] folds, double energyRatio, double forceRatio, bool useForces)
    {
        double energyError = 0, forceError = 0, energySquares = 0, forceSquares = 0;
        for (int f = 0; f < folds.Length; f++)
        {
            NormalEquations held = folds[f];
            SparseGprSolution fit = SparseGprSolution.Solve(training[f], energyRatio, forceRatio, useForces, strict: false);
            (double e, double forces) = held.SquaredErrors(fit.Weights);
            energyError += e;
            forceError += forces;
            energySquares += held.EnergySquares;
            forceSquares += held.ForceSquares;
        }
        double error = energyError / Math.Max(energySquares, 1e-300);
        return useForces ? error + forceError / Math.Max(forceSquares, 1e-300) : error;
    }

    private static int[] Folds(int count, int folds, ulong seed)
    {
        int[] order = Simulation.Random.Rng.ForStream(seed, 0xF01D).Permutation(count);
        var fold = new int[count];
        for (int k = 0; k < count; k++) fold[order[k]] = k % folds;
        return fold;
    }

    private static NormalEquations Total(NormalEquations[] parts)
    {
        var total = new NormalEquations(parts[0].Size);
        foreach (NormalEquations p in parts) total.Add(p);
        return total;
    }

    /// <summary>
    /// The normal-equation sums of each fold (fold[k] of structure k); every fold is summed in
    /// structure order by one thread, so the result does not depend on thread timing.
    /// </summary>
    /// <remarks><paramref name="numbers"/>: the index of each structure in the caller's data, for error messages.</remarks>
    public static NormalEquations[] Accumulate(KernelBasis basis, StructureDescriptors[] descriptors, IReadOnlyList<LabelledStructure> data, double[] offsets,
        bool useForces, int[] numbers, int[] fold)
    {
        int folds = fold.Length == 0 ? 1 : fold.Max() + 1;
        // more parts than folds keep both cores busy; parts of one fold are added in order
        int perFold = Math.Max(1, 2 * Environment.ProcessorCount / folds);
        int[][] members = Enumerable.Range(0, folds).Select(f => Enumerable.Range(0, descriptors.Length).Where(k => fold[k] == f).ToArray()).ToArray();
        var partial = new NormalEquations[folds * perFold];
        try
        {
            Parallel.For(0, partial.Length, p =>
            {
                int[] mine = members[p / perFold];
                int part = p % perFold;
                partial[p] = AccumulateChunk(basis, descriptors, data, offsets, useForces, numbers, mine[(mine.Length * part / perFold)..(mine.Length * (part + 1) / perFold)]);
            });
        }
        catch (AggregateException e) when (e.InnerExceptions[0] is SingularKernelException inner)
        {
            throw inner;
        }
        var result = new NormalEquations[folds];
        for (int f = 0; f < folds; f++)
        {
            result[f] = new NormalEquations(basis.Sparse.Total);
            for (int part = 0; part < perFold; part++) result[f].Add(partial[f * perFold + part]);
            result[f].Finish();
        }
        return result;
    }

    private static NormalEquations AccumulateChunk(KernelBasis basis, StructureDescriptors[] descriptors, IReadOnlyList<LabelledStructure> data,
        double[] offsets, bool useForces, int[] numbers, int[] structures)
    {
        var sums = new NormalEquations(basis.Sparse.Total);
        foreach (int k in structures)
        {
            StructureRows rows = basis.Rows(descriptors[k], useForces);
            if (!rows.Energy.All(double.IsFinite) || (rows.Forces != null && !rows.Forces.All(double.IsFinite)))
                throw new SingularKernelException($"structure {numbers[k] + 1} gives non-finite kernel rows (overlapping atoms?)");
            double residual = data[k].Energy;
            foreach (int e in descriptors[k].ElementOfAtom) residual -= offsets[e];
            sums.Add(rows, residual, useForces ? Flatten(data[k].Forces) : []);
        }
        return sums;
    }

    private static double[] Flatten(Vec3[] forces) => forces.SelectMany(f => new[] { f.X, f.Y, f.Z }).ToArray();

    private static SparseEnvironments SelectSparse(DescriptorSet set, SymmetryFunctionScaling scaling, StructureDescriptors[] descriptors, KernelFitOptions options)
    {
        int elements = set.Elements.Length;
        var points = new double[elements][];
        var dimensions = new int[elements];
        for (int e = 0; e < elements; e++)
        {
            int dimension = set.CountOf(e);
            dimensions[e] = dimension;
            double[] rows = descriptors.SelectMany(d => d.Values[e]).ToArray();
            scaling.Apply(e, rows);
            int[] chosen = SparseSelection.Select(options.Selection, rows, dimension, options.SparsePerElement);
            points[e] = chosen.SelectMany(i => rows.AsSpan(i * dimension, dimension).ToArray()).ToArray();
        }
        return new SparseEnvironments(points, dimensions);
    }

    /// <summary>The structures without repeats (identical elements and positions), and the original index of each kept one.</summary>
    private static List<LabelledStructure> RemoveDuplicates(IReadOnlyList<LabelledStructure> data, out int[] kept)
    {
        var seen = new HashSet<string>();
        var result = new List<LabelledStructure>();
        var indices = new List<int>();
        for (int k = 0; k < data.Count; k++)
        {
            Structure s = data[k].Structure;
            string key = string.Join(";", s.Elements.Select(e => e.Symbol)) + "|" +
                         string.Join(";", s.Positions.ToArray().Select(p => $"{p.X:R},{p.Y:R},{p.Z:R}"));
            if (!seen.Add(key)) continue;
            result.Add(data[k]);
            indices.Add(k);
        }
        kept = indices.ToArray();
        return result;
    }

    private static void CheckFinite(StructureDescriptors[] descriptors, int[] numbers)
    {
        for (int s = 0; s < descriptors.Length; s++)
            foreach (double[] values in descriptors[s].Values)
                if (values.Any(v => !double.IsFinite(v))) throw new SingularKernelException($"structure {numbers[s] + 1} has non-finite descriptors (overlapping atoms?)");
    }
}
