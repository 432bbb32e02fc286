using System.Globalization;
using MatSim.Descriptors.SymmetryFunctions;
using MatSim.Simulation.Chemistry;
using MatSim.Simulation.Errors;
using static TorchSharp.torch;

namespace MatSim.Potentials.NeuralNetworks.N2p2;

/// <summary>
/// Reads an n2p2 model folder: `input.nn` (elements, cutoff type, symmetry functions, network
/// shape, scaling and normalisation keywords), `scaling.data` and `weights.ZZZ.data` (ZZZ the
/// atomic number). Only short-range models (nnp_type 1) are supported.
/// </summary>
public static class N2p2ModelReader
{
    /// <summary>
    /// Reads an n2p2 model folder. <paramref name="neighbourOnly"/> admits elements without symmetry functions (MatSim's
    /// own model files, e.g. a host–guest model whose framework atoms are neighbours only; n2p2 itself refuses them).
    /// </summary>
    public static NeuralNetworkPotential Read(string folder, ModelUnits units, Device device, bool neighbourOnly = false)
    {
        if (!Directory.Exists(folder)) throw new InputException(new SourceLocation(folder), "model folder not found");
        N2p2Keywords keys = N2p2Keywords.Read(Path.Combine(folder, "input.nn"));
        if (keys.Optional("nnp_type") is { } nnpType && nnpType.Integer(0) != 1)
            throw nnpType.Error("only short-range models (nnp_type 1) are supported");
        Element[] elements = ReadElements(keys);
        string[] symbols = elements.Select(e => e.Symbol).ToArray();
        DescriptorSet set = ReadDescriptors(keys, elements, units.AngstromPerLength, neighbourOnly);

        NetworkArchitecture[] architectures = ReadArchitectures(keys, set);
        SymmetryFunctionScaling scaling = ReadScaling(keys, Path.Combine(folder, "scaling.data"), set);
        EnergyNormalization normalization = ReadNormalization(keys, symbols);
        AtomicNetwork[] networks = NeuralNetworkPotential.CreateNetworks(set, architectures, device);
        for (int e = 0; e < elements.Length; e++)
            networks[e].ImportN2p2(ReadWeights(Path.Combine(folder, WeightFileName(elements[e])), architectures[e]));
        return new NeuralNetworkPotential(set, scaling, networks, normalization, units, device)
        {
            Provenance = new Dictionary<string, string> { ["source"] = $"n2p2 model folder {Path.GetFullPath(folder)}" },
        };
    }

    /// <summary>
    /// The symmetry functions (`cutoff_type`, `symfunction_short`) of an n2p2 settings file for the
    /// given elements, lengths converted with <paramref name="angstromPerUnit"/>. An element without functions is an
    /// error unless <paramref name="neighbourOnly"/> admits it (see <see cref="DescriptorSet"/>).
    /// </summary>
    public static DescriptorSet ReadDescriptors(N2p2Keywords keys, Element[] elements, double angstromPerUnit, bool neighbourOnly = false)
    {
        string[] symbols = elements.Select(e => e.Symbol).ToArray();
        N2p2Line cutoffLine = keys.Required("cutoff_type", "the cutoff function");
        int cutoffCode = cutoffLine.Integer(0);
        if (!Enum.IsDefined((CutoffKind)cutoffCode)) throw cutoffLine.Error($"unknown cutoff type {cutoffCode}; n2p2 defines 0 to 8");
        double alpha = cutoffLine.Values.Length > 1 ? cutoffLine.Number(1) : 0;
        if (alpha is < 0 or >= 1) throw cutoffLine.Error($"inner cutoff fraction alpha must be in [0, 1), not {alpha}");
        var parser = new SymmetryFunctionParser(symbols, (CutoffKind)cutoffCode, alpha, angstromPerUnit);
        var functions = keys.All("symfunction_short").Select(l => parser.Parse(l.Values, l.Where)).ToList();
        DescriptorSet set;
        try
        {
            set = new DescriptorSet(elements, functions);
        }
        catch (ArgumentException e)
        {
            throw new InputException(new SourceLocation(keys.Path), e.Message);
        }
        for (int e = 0; e < elements.Length && !neighbourOnly; e++)
            if (set.CountOf(e) == 0) throw new InputException(new SourceLocation(keys.Path), $"element {symbols[e]} has no symmetry functions");
        return set;
    }

    public static string WeightFileName(Element element) => $"weights.{element.Number:000}.data";

    private static Element[] ReadElements(N2p2Keywords keys)
    {
        N2p2Line line = keys.Required("elements", "the element symbols");
        var elements = new List<Element>();
        foreach (string symbol in line.Values)
        {
            if (!Elements.TryFromSymbol(symbol, out Element? element)) throw line.Error($"'{symbol}' is not an element symbol");
            if (elements.Any(e => e.Number == element.Number)) throw line.Error($"element {symbol} listed twice");
            elements.Add(element);
        }
        if (elements.Count == 0) throw line.Error("no elements given");
        if (keys.Optional("number_of_elements") is { } count && count.Integer(0) != elements.Count)
            throw count.Error($"says {count.Integer(0)} but 'elements' lists {elements.Count}");
        return elements.OrderBy(e => e.Number).ToArray();
    }

    private static NetworkArchitecture[] ReadArchitectures(N2p2Keywords keys, DescriptorSet set)
    {
        N2p2Line hiddenLine = keys.Required("global_hidden_layers_short", "number of hidden layers");
        int hidden = hiddenLine.Integer(0);
        if (hidden < 0) throw hiddenLine.Error("must not be negative");
        N2p2Line nodesLine = keys.Required("global_nodes_short", "neurons per hidden layer");
        if (nodesLine.Values.Length != hidden) throw nodesLine.Error($"gives {nodesLine.Values.Length} layer sizes for {hidden} hidden layers");
        N2p2Line activationLine = keys.Required("global_activation_short", "activation per hidden and output layer");
        if (activationLine.Values.Length != hidden + 1)
            throw activationLine.Error($"gives {activationLine.Values.Length} activations; expected {hidden + 1} (each hidden layer and the output)");
        var activations = new Activation[hidden + 1];
        for (int l = 0; l <= hidden; l++)
            if (!Activations.TryParse(activationLine.Values[l], out activations[l]))
                throw activationLine.Error($"unknown activation '{activationLine.Values[l]}'; known: {Activations.KnownCodes}");
        activations[hidden] = Activation.Identity; // n2p2's output layer is always linear
        bool normalizeNodes = keys.Has("normalize_nodes");
        var result = new NetworkArchitecture[set.Elements.Length];
        for (int e = 0; e < result.Length; e++)
        {
            var layers = new int[hidden + 2];
            layers[0] = set.CountOf(e);
            for (int l = 0; l < hidden; l++)
            {
                layers[l + 1] = nodesLine.Integer(l);
                if (layers[l + 1] <= 0) throw nodesLine.Error("layer sizes must be positive");
            }
            layers[^1] = 1;
            result[e] = new NetworkArchitecture(layers, (Activation[])activations.Clone(), normalizeNodes);
        }
        foreach (N2p2Line line in keys.All("element_nodes_short"))
        {
            int e = set.Elements.ToList().FindIndex(x => x.Symbol == (line.Values.FirstOrDefault() ?? ""));
            if (e < 0) throw line.Error($"unknown element '{line.Values.FirstOrDefault()}'");
            int layer = line.Integer(1);
            if (layer < 1 || layer > hidden) throw line.Error($"layer {layer} is not a hidden layer (1..{hidden})");
            result[e].Layers[layer] = line.Integer(2);
        }
        return result;
    }

    private static SymmetryFunctionScaling ReadScaling(N2p2Keywords keys, string path, DescriptorSet set)
    {
        bool scale = keys.Has("scale_symmetry_functions"), center = keys.Has("center_symmetry_functions");
        bool sigma = keys.Has("scale_symmetry_functions_sigma");
        ScalingMode mode = sigma ? ScalingMode.ScaleSigma : scale && center ? ScalingMode.ScaleCenter : scale ? ScalingMode.Scale : center ? ScalingMode.Center : ScalingMode.None;
        double min = keys.Optional("scale_min_short")?.Number(0) ?? 0, max = keys.Optional("scale_max_short")?.Number(0) ?? 1;
        var statistics = new FunctionStatistics[set.Elements.Length][];
        for (int e = 0; e < statistics.Length; e++) statistics[e] = new FunctionStatistics[set.CountOf(e)];
        if (mode == ScalingMode.None && !File.Exists(path))
        {
            for (int e = 0; e < statistics.Length; e++) Array.Fill(statistics[e], new FunctionStatistics(0, 1, 0, 1));
            return new SymmetryFunctionScaling(mode, min, max, statistics);
        }
        if (!File.Exists(path)) throw new InputException(new SourceLocation(path), "file not found; input.nn asks for symmetry-function scaling");
        int element = 0, function = 0, number = 0;
        foreach (string raw in File.ReadLines(path))
        {
            number++;
            if (raw.TrimStart().StartsWith('#') || string.IsNullOrWhiteSpace(raw)) continue;
            var where = new SourceLocation(path, number);
            while (element < statistics.Length && function == statistics[element].Length)
            {
                element++;
                function = 0;
            }
            if (element == statistics.Length) throw new InputException(where, "more lines than the model's symmetry functions");
            double[] v = ParseNumbers(raw, 6, where);
            if ((int)v[0] != element + 1 || (int)v[1] != function + 1)
                throw new InputException(where, $"expected element {element + 1} function {function + 1}, found {(int)v[0]} {(int)v[1]}");
            statistics[element][function++] = new FunctionStatistics(v[2], v[3], v[4], v[5]);
        }
        int have = statistics.Take(element).Sum(s => s.Length) + function;
        int need = statistics.Sum(s => s.Length);
        if (have != need) throw new InputException(new SourceLocation(path, number), $"has {have} lines of statistics; the model has {need} symmetry functions");
        return new SymmetryFunctionScaling(mode, min, max, statistics);
    }

    private static EnergyNormalization ReadNormalization(N2p2Keywords keys, string[] symbols)
    {
        N2p2Line? mean = keys.Optional("mean_energy"), convEnergy = keys.Optional("conv_energy"), convLength = keys.Optional("conv_length");
        bool normalized = mean != null && convEnergy != null && convLength != null;
        var offsets = new double[symbols.Length];
        foreach (N2p2Line line in keys.All("atom_energy"))
        {
            int e = Array.IndexOf(symbols, line.Values.FirstOrDefault() ?? "");
            if (e < 0) throw line.Error($"unknown element '{line.Values.FirstOrDefault()}'");
            offsets[e] = line.Number(1);
        }
        if (!normalized) return new EnergyNormalization(0, 1, 1, false, offsets);
        double conv = convEnergy!.Number(0);
        if (!(conv > 0)) throw convEnergy.Error("must be positive");
        return new EnergyNormalization(mean!.Number(0), conv, convLength!.Number(0), true, offsets);
    }

    private static double[] ReadWeights(string path, NetworkArchitecture architecture)
    {
        if (!File.Exists(path)) throw new InputException(new SourceLocation(path), "weights file not found");
        var values = new List<double>(architecture.ParameterCount);
        int number = 0;
        foreach (string raw in File.ReadLines(path))
        {
            number++;
            string text = raw.Trim();
            if (text.Length == 0 || text.StartsWith('#')) continue;
            string first = text.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries)[0];
            if (!double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out double w) || !double.IsFinite(w))
                throw new InputException(new SourceLocation(path, number), $"'{first}' is not a finite number");
            values.Add(w);
        }
        if (values.Count != architecture.ParameterCount)
            throw new InputException(new SourceLocation(path), $"has {values.Count} weights; the network {architecture} needs {architecture.ParameterCount}");
        return values.ToArray();
    }

    private static double[] ParseNumbers(string line, int count, SourceLocation where)
    {
        string[] fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < count) throw new InputException(where, $"expected {count} columns, found {fields.Length}");
        var result = new double[count];
        for (int k = 0; k < count; k++)
            if (!double.TryParse(fields[k], NumberStyles.Float, CultureInfo.InvariantCulture, out result[k]) || !double.IsFinite(result[k]))
                throw new InputException(where, $"column {k + 1} '{fields[k]}' is not a finite number");
        return result;
    }
}
