using System.Text.Json;
using MatSim.Descriptors.SymmetryFunctions;
using MatSim.Potentials.NeuralNetworks.N2p2;
using MatSim.Simulation.Chemistry;
using MatSim.Simulation.Errors;
using MatSim.Simulation.IO;

namespace MatSim.Potentials.Kernels;

/// <summary>
/// MatSim's kernel model file (`*.kernel.json`): format version, elements, the symmetry functions
/// as n2p2 lines (Å), scaling statistics, kernel and hyperparameters, element offsets (eV), the
/// sparse environments, the weights and the two Cholesky factors the variances need. Large arrays
/// are base64 of little-endian float64 so that a 1000-environment model stays a few MB and loads
/// bit-identically.
/// </summary>
public static class KernelModelFile
{
    public const int FormatVersion = 1;

    private sealed record Document(int Format, string Software, string[] Elements, string[] Descriptors, string ScalingMode,
        double ScaledMin, double ScaledMax, Dictionary<string, double[][]> ScalingStatistics, string Kernel, double KernelParameter,
        Dictionary<string, double> ElementOffsetsEv, double SignalVarianceEv2, double EnergyNoiseRatio, double ForceNoiseRatio,
        double LogLikelihood, double Jitter, Dictionary<string, string> SparseEnvironments, string Weights, string LowerK, string LowerP,
        Dictionary<string, string> Provenance);

    public static void Write(KernelPotential model, string path)
    {
        KernelBasis basis = model.Basis;
        DescriptorSet set = basis.Descriptors;
        string[] symbols = set.Elements.Select(e => e.Symbol).ToArray();
        SparseGprSolution fit = model.Fit;
        var document = new Document(FormatVersion, $"MatSim {typeof(KernelModelFile).Assembly.GetName().Version}", symbols,
            [N2p2ModelWriter.CutoffLine(set), .. N2p2ModelWriter.FunctionLines(set, 1.0)], ScalingModes.Name(basis.Scaling.Mode),
            basis.Scaling.ScaledMin, basis.Scaling.ScaledMax,
            symbols.Select((s, e) => (s, basis.Scaling.Statistics[e].Select(st => new[] { st.Min, st.Max, st.Mean, st.Sigma }).ToArray())).ToDictionary(x => x.s, x => x.Item2),
            basis.Kernel.Name, basis.Kernel.Parameter, symbols.Select((s, e) => (s, model.ElementOffsets[e])).ToDictionary(x => x.s, x => x.Item2),
            fit.SignalVariance, fit.EnergyRatio, fit.ForceRatio, fit.LogLikelihood, fit.Jitter,
            symbols.Select((s, e) => (s, Encode(basis.Sparse.Points[e]))).ToDictionary(x => x.s, x => x.Item2),
            Encode(fit.Weights), Encode(fit.LowerK), Encode(fit.LowerP), new Dictionary<string, string>(model.Provenance));
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true }));
    }

    public static KernelPotential Read(string path)
    {
        var where = new SourceLocation(path);
        Document document;
        try
        {
            document = JsonSerializer.Deserialize<Document>(File.ReadAllText(path)) ?? throw new JsonException("empty document");
        }
        catch (JsonException e)
        {
            throw new InputException(new SourceLocation(path, (int)(e.LineNumber ?? 0) + 1), $"not a MatSim kernel model file: {e.Message}");
        }
        catch (FileNotFoundException)
        {
            throw new InputException(where, "kernel model file not found");
        }
        if (document.Format != FormatVersion)
            throw new InputException(where, $"kernel model format {document.Format}; this MatSim reads format {FormatVersion}");
        try
        {
            Element[] elements = document.Elements.Select(Elements.FromSymbol).ToArray();
            DescriptorSet set = N2p2ModelReader.ReadDescriptors(N2p2Keywords.Parse(document.Descriptors, path), elements, 1.0, neighbourOnly: true);
            var statistics = document.Elements.Select(s => document.ScalingStatistics[s].Select(v => new FunctionStatistics(v[0], v[1], v[2], v[3])).ToArray()).ToArray();
            var scaling = new SymmetryFunctionScaling(ScalingModes.Parse(document.ScalingMode), document.ScaledMin, document.ScaledMax, statistics);
            var sparse = new SparseEnvironments(document.Elements.Select(s => Decode(document.SparseEnvironments[s])).ToArray(),
                Enumerable.Range(0, elements.Length).Select(set.CountOf).ToArray());
            var basis = new KernelBasis(set, scaling, KernelFunction.Create(document.Kernel, document.KernelParameter), sparse);
            var fit = new SparseGprSolution(Decode(document.Weights), document.SignalVarianceEv2, document.EnergyNoiseRatio, document.ForceNoiseRatio,
                document.LogLikelihood, Decode(document.LowerK), Decode(document.LowerP), document.Jitter);
            int m = sparse.Total;
            if (fit.LowerK.Length != m * m || fit.LowerP.Length != m * m)
                throw new InputException(where, $"the Cholesky factors do not match the {m} sparse environments");
            return new KernelPotential(basis, fit, document.Elements.Select(s => document.ElementOffsetsEv[s]).ToArray()) { Provenance = document.Provenance };
        }
        catch (Exception e) when (e is ArgumentException or KeyNotFoundException or FormatException or IndexOutOfRangeException)
        {
            throw new InputException(where, $"inconsistent kernel model file: {e.Message}");
        }
    }

    private static string Encode(double[] values)
    {
        var bytes = new byte[values.Length * sizeof(double)];
        for (int i = 0; i < values.Length; i++) BitConverter.TryWriteBytes(bytes.AsSpan(i * sizeof(double)), values[i]);
        return Convert.ToBase64String(bytes);
    }

    private static double[] Decode(string text)
    {
        byte[] bytes = Convert.FromBase64String(text);
        if (bytes.Length % sizeof(double) != 0) throw new FormatException("an array is not a whole number of float64 values");
        var values = new double[bytes.Length / sizeof(double)];
        for (int i = 0; i < values.Length; i++) values[i] = BitConverter.ToDouble(bytes, i * sizeof(double));
        return values;
    }
}

/// <summary>The configuration names of n2p2's scaling modes.</summary>
public static class ScalingModes
{
    public static readonly string[] Names = ["none", "center", "scale", "scale-center", "scale-sigma"];

    public static string Name(ScalingMode mode) => mode switch
    {
        ScalingMode.None => "none",
        ScalingMode.Center => "center",
        ScalingMode.Scale => "scale",
        ScalingMode.ScaleCenter => "scale-center",
        _ => "scale-sigma",
    };

    public static ScalingMode Parse(string name) => name switch
    {
        "none" => ScalingMode.None,
        "center" => ScalingMode.Center,
        "scale" => ScalingMode.Scale,
        "scale-center" => ScalingMode.ScaleCenter,
        "scale-sigma" => ScalingMode.ScaleSigma,
        _ => throw new ArgumentException($"unknown scaling '{name}' ({string.Join(", ", Names)})"),
    };
}
