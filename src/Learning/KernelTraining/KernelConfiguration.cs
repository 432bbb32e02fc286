using MatSim.Descriptors.SymmetryFunctions;
using MatSim.Potentials.Kernels;
using MatSim.Potentials.NeuralNetworks;
using MatSim.Potentials.NeuralNetworks.N2p2;
using MatSim.Simulation.Chemistry;
using MatSim.Simulation.Config;
using MatSim.Simulation.Plugins;

namespace MatSim.Learning.KernelTraining;

/// <summary>Where the symmetry functions of a kernel model come from (an n2p2 settings file) and their scaling.</summary>
public sealed record DescriptorSource(string File, double AngstromPerUnit, ScalingMode Scaling)
{
    public DescriptorSet Create(Element[] elements) =>
        N2p2ModelReader.ReadDescriptors(N2p2Keywords.Read(File), elements.OrderBy(e => e.Number).ToArray(), AngstromPerUnit, neighbourOnly: true);
}

/// <summary>Reads the `descriptors:` and `kernel:` sections shared by `kernel-train` and `learn`.</summary>
public static class KernelConfiguration
{
    /// <summary>The keys of `descriptors:` (named from the job's root).</summary>
    public static readonly IReadOnlyList<OptionInfo> DescriptorOptions =
    [
        new("descriptors.from", "", null, "an n2p2 input.nn whose cutoff_type and symfunction_short lines define the symmetry functions"),
        new("descriptors.length_unit", "", "angstrom", "unit of the lengths in that file: angstrom | bohr | nm"),
        new("descriptors.scaling", "", "scale-sigma", "none | center | scale | scale-center | scale-sigma (n2p2's)"),
    ];

    /// <summary>The keys of `kernel:` (named from the job's root).</summary>
    public static readonly IReadOnlyList<OptionInfo> FitOptions =
    [
        new("kernel.type", "", "squared-exponential", "squared-exponential | polynomial"),
        new("kernel.length_scales", "", "searched", "length scales to search (squared-exponential)"),
        new("kernel.exponents", "", "[2, 4]", "exponents to search (polynomial)"),
        new("kernel.sparse", "", "300", "sparse environments per element"),
        new("kernel.selection", "", "fps", "fps | cur | all"),
        new("kernel.forces", "", "true", "fit forces too"),
        new("kernel.energy_noise_ratios", "", "searched", "σ²_noise/σ²_signal of energies to search"),
        new("kernel.force_noise_ratios", "", "searched", "σ²_noise/σ²_signal of forces to search"),
        new("kernel.hyperparameters", "", "cv", "cv | likelihood"),
        new("kernel.folds", "", "5", "cross-validation folds"),
    ];

    public static DescriptorSource ReadDescriptors(ConfigMap config)
    {
        ConfigMap map = config.RequiredMap("descriptors", "the symmetry functions");
        string from = map.RequiredFile("from", "an n2p2 input.nn whose cutoff_type and symfunction_short lines define the descriptors");
        double length = new ModelUnits(map.Choice("length_unit", "angstrom", "angstrom", "bohr", "nm"), "eV").AngstromPerLength;
        ScalingMode scaling = ScalingModes.Parse(map.Choice("scaling", "scale-sigma", ScalingModes.Names));
        map.EnsureNoUnknownKeys();
        return new DescriptorSource(from, length, scaling);
    }

    /// <summary>
    /// `kernel: {type, length_scales | exponents, sparse, selection, forces, energy_noise_ratios,
    /// force_noise_ratios, hyperparameters: cv | likelihood, folds}`; the kernel parameter and the
    /// noise ratios λ = σ²_noise/σ²_signal are searched on their grid.
    /// </summary>
    public static KernelFitOptions ReadFit(ConfigMap config, ScalingMode scaling, ulong seed)
    {
        var defaults = new KernelFitOptions { Seed = seed };
        ConfigMap? map = config.OptionalMap("kernel");
        if (map == null) return defaults with { Scaling = scaling };
        string type = map.Choice("type", "squared-exponential", "squared-exponential", "polynomial");
        string parameterKey = type == "polynomial" ? "exponents" : "length_scales";
        double[] parameters = map.Optional(parameterKey) is { } node
            ? map.Record(parameterKey, node.AsList().Select(n => n.AsNumber()).ToArray())
            : type == "polynomial" ? [2, 4] : defaults.KernelParameters;
        if (parameters.Length == 0 || parameters.Any(p => !(p > 0))) throw map.Optional(parameterKey)!.Error($"{parameterKey} must be a non-empty list of positive numbers");
        int sparse = map.Int("sparse", defaults.SparsePerElement);
        if (sparse < 1) throw map.Optional("sparse")!.Error("sparse (environments per element) must be at least 1");
        SparseSelectionMethod selection = map.Choice("selection", "fps", "fps", "cur", "all") switch
        {
            "cur" => SparseSelectionMethod.Cur,
            "all" => SparseSelectionMethod.All,
            _ => SparseSelectionMethod.FarthestPoint,
        };
        var options = defaults with
        {
            Kernel = type,
            KernelParameters = parameters,
            SparsePerElement = sparse,
            Selection = selection,
            Scaling = scaling,
            UseForces = map.Bool("forces", true),
            EnergyRatios = Ratios(map, "energy_noise_ratios", defaults.EnergyRatios),
            ForceRatios = Ratios(map, "force_noise_ratios", defaults.ForceRatios),
            Hyperparameters = map.Choice("hyperparameters", "cv", "cv", "likelihood") == "likelihood" ? HyperparameterSelection.Likelihood : HyperparameterSelection.CrossValidation,
            Folds = map.Int("folds", defaults.Folds),
        };
        if (options.Folds < 2) throw map.Optional("folds")!.Error("folds must be at least 2");
        map.EnsureNoUnknownKeys();
        return options;
    }

    private static double[] Ratios(ConfigMap map, string key, double[] fallback)
    {
        if (map.Optional(key) is not { } node) return fallback;
        double[] values = map.Record(key, node.AsList().Select(n => n.AsNumber()).ToArray());
        if (values.Length == 0 || values.Any(v => !(v > 0))) throw node.Error($"{key} must be a non-empty list of positive numbers (σ²_noise/σ²_signal)");
        return values;
    }
}
