using System.Diagnostics;
using System.Globalization;
using MatSim.Descriptors.SymmetryFunctions;
using MatSim.Potentials.NeuralNetworks.Training;
using MatSim.Simulation.Chemistry;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.Structures;

namespace MatSim.Potentials.Kernels;

/// <summary>Settings of a kernel fit. Noise ratios λ = σ²_noise/σ²_signal are searched on a grid unless <see cref="SignalVariance"/> fixes them.</summary>
public sealed record KernelFitOptions
{
    public string Kernel { get; init; } = "squared-exponential";
    /// <summary>Kernel parameters to try (length scales in scaled-descriptor units, or exponents).</summary>
    public double[] KernelParameters { get; init; } = [2, 4, 8];
    public int SparsePerElement { get; init; } = 300;
    public SparseSelectionMethod Selection { get; init; } = SparseSelectionMethod.FarthestPoint;
    public ScalingMode Scaling { get; init; } = ScalingMode.ScaleSigma;
    public bool UseForces { get; init; } = true;
    /// <summary>Energy noise ratios per atom to try.</summary>
    public double[] EnergyRatios { get; init; } = [1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1];
    /// <summary>Force noise ratios per component to try.</summary>
    public double[] ForceRatios { get; init; } = [1e-4, 1e-3, 1e-2, 1e-1, 1];
    /// <summary>With noise levels given: signal σ_f² (eV²), used instead of the likelihood estimate.</summary>
    public double? SignalVariance { get; init; }
}

/// <summary>One tried hyperparameter set and its log marginal likelihood.</summary>
public sealed record HyperparameterTrial(double KernelParameter, double EnergyRatio, double ForceRatio, double SignalVariance, double LogLikelihood);

/// <summary>What a fit did: hyperparameter trials, the sparse set, duplicates removed, time.</summary>
public sealed record KernelFitReport(IReadOnlyList<HyperparameterTrial> Trials, int[] SparseCounts, int Duplicates, double Jitter, double Seconds);

/// <summary>
/// Fits a <see cref="KernelPotential"/> to energies and forces: descriptors, scaling and element
/// offsets from the training set, sparse environments by <see cref="KernelFitOptions.Selection"/>,
/// one pass over the data per kernel parameter (<see cref="NormalEquations"/>, O(M² N)), then the
/// noise ratios with the highest log marginal likelihood (signal variance profiled).
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
        double[] offsets = ElementEnergyOffsets.Fit(unique, Enumerable.Range(0, unique.Count).ToArray(), elements);
        SparseEnvironments sparse = SelectSparse(set, scaling, descriptors, options);
        log?.Invoke($"{unique.Count} structures, sparse environments {string.Join(", ", elements.Select((e, k) => $"{sparse.CountOf(k)} {e.Symbol}"))} ({options.Selection})");

        var trials = new List<HyperparameterTrial>();
        KernelBasis? bestBasis = null;
        SparseGprSolution? best = null;
        foreach (double parameter in options.KernelParameters)
        {
            var basis = new KernelBasis(set, scaling, KernelFunction.Create(options.Kernel, parameter), sparse);
            SparseKernelMatrix kmm = SparseKernelMatrix.Build(basis);
            NormalEquations sums = Accumulate(basis, descriptors, unique, offsets, options.UseForces, kept);
            foreach (double energyRatio in options.EnergyRatios)
                foreach (double forceRatio in options.UseForces ? options.ForceRatios : [1.0])
                {
                    SparseGprSolution fit;
                    try
                    {
                        fit = SparseGprSolution.Solve(sums, kmm, energyRatio, forceRatio, options.UseForces, options.SignalVariance);
                    }
                    catch (SingularKernelException e)
                    {
                        log?.Invoke($"{basis.Kernel}, λ_E {energyRatio:G3}, λ_F {forceRatio:G3}: {e.Message}");
                        continue;
                    }
                    trials.Add(new HyperparameterTrial(parameter, energyRatio, forceRatio, fit.SignalVariance, fit.LogLikelihood));
                    if (best == null || fit.LogLikelihood > best.LogLikelihood) (best, bestBasis) = (fit, basis);
                }
        }
        if (best == null || bestBasis == null) throw new SingularKernelException("no hyperparameter set gave a positive-definite system; see the log");
        report = new KernelFitReport(trials, Enumerable.Range(0, elements.Length).Select(sparse.CountOf).ToArray(), duplicates, best.Jitter, clock.Elapsed.TotalSeconds);
        log?.Invoke(string.Create(CultureInfo.InvariantCulture,
            $"chosen {bestBasis.Kernel}: σ_f {Math.Sqrt(best.SignalVariance):G4} eV, σ_E {1e3 * best.EnergySigma:G4} meV/atom, σ_F {1e3 * best.ForceSigma:G4} meV/Å, log marginal likelihood {best.LogLikelihood:F1} ({trials.Count} trials, {clock.Elapsed.TotalSeconds:F1} s)"));
        return new KernelPotential(bestBasis, best, offsets);
    }

    /// <summary>The normal-equation sums over all structures; structures are cut into fixed chunks reduced in order, so the result does not depend on thread timing.</summary>
    /// <remarks><paramref name="numbers"/>: the index of each structure in the caller's data, for error messages.</remarks>
    public static NormalEquations Accumulate(KernelBasis basis, StructureDescriptors[] descriptors, IReadOnlyList<LabelledStructure> data, double[] offsets, bool useForces, int[] numbers)
    {
        int size = basis.Sparse.Total;
        int chunks = Math.Min(descriptors.Length, Math.Max(1, Environment.ProcessorCount * 2));
        var partial = new NormalEquations[chunks];
        try
        {
            Parallel.For(0, chunks, c => partial[c] = AccumulateChunk(basis, descriptors, data, offsets, useForces, numbers,
                descriptors.Length * c / chunks, descriptors.Length * (c + 1) / chunks));
        }
        catch (AggregateException e) when (e.InnerExceptions[0] is SingularKernelException inner)
        {
            throw inner;
        }
        var total = new NormalEquations(size);
        foreach (NormalEquations p in partial) total.Add(p);
        total.Finish();
        return total;
    }

    private static NormalEquations AccumulateChunk(KernelBasis basis, StructureDescriptors[] descriptors, IReadOnlyList<LabelledStructure> data,
        double[] offsets, bool useForces, int[] numbers, int from, int to)
    {
        var sums = new NormalEquations(basis.Sparse.Total);
        for (int k = from; k < to; k++)
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
