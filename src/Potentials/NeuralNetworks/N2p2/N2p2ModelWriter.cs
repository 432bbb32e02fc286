using System.Globalization;
using System.Text;
using MatSim.Descriptors.SymmetryFunctions;
using MatSim.Simulation.IO;

namespace MatSim.Potentials.NeuralNetworks.N2p2;

/// <summary>Writes a model as an n2p2 folder (input.nn, scaling.data, weights.ZZZ.data) in the model's units.</summary>
public static class N2p2ModelWriter
{
    public static void Write(NeuralNetworkPotential model, string folder)
    {
        Directory.CreateDirectory(folder);
        AtomicFile.WriteAllText(Path.Combine(folder, "input.nn"), InputNn(model));
        AtomicFile.WriteAllText(Path.Combine(folder, "scaling.data"), ScalingData(model.Scaling));
        for (int e = 0; e < model.Networks.Length; e++)
            AtomicFile.WriteAllText(Path.Combine(folder, N2p2ModelReader.WeightFileName(model.Descriptors.Elements[e])), Weights(model.Networks[e]));
    }

    /// <summary>The input.nn text; <see cref="NativeModelFile"/> embeds the same text.</summary>
    public static string InputNn(NeuralNetworkPotential model)
    {
        DescriptorSet set = model.Descriptors;
        string[] symbols = set.Elements.Select(e => e.Symbol).ToArray();
        var s = new StringBuilder();
        s.AppendLine($"# n2p2 settings written by MatSim; units: {model.Units}");
        foreach (var (key, value) in model.Provenance) s.AppendLine($"# {key}: {value.ReplaceLineEndings(" ")}");
        EnergyNormalization n = model.Normalization;
        if (n.Normalized)
        {
            s.AppendLine($"mean_energy {F(n.MeanEnergy)}");
            s.AppendLine($"conv_energy {F(n.ConvEnergy)}");
            s.AppendLine($"conv_length {F(n.ConvLength)}");
        }
        s.AppendLine($"number_of_elements {symbols.Length}");
        s.AppendLine($"elements {string.Join(" ", symbols)}");
        for (int e = 0; e < symbols.Length; e++)
            if (n.ElementOffsets[e] != 0) s.AppendLine($"atom_energy {symbols[e]} {F(n.ElementOffsets[e])}");
        s.AppendLine(CutoffLine(set));
        SymmetryFunctionScaling scaling = model.Scaling;
        if (scaling.Mode is ScalingMode.Scale or ScalingMode.ScaleCenter) s.AppendLine("scale_symmetry_functions");
        if (scaling.Mode is ScalingMode.Center or ScalingMode.ScaleCenter) s.AppendLine("center_symmetry_functions");
        if (scaling.Mode == ScalingMode.ScaleSigma) s.AppendLine("scale_symmetry_functions_sigma");
        s.AppendLine($"scale_min_short {F(scaling.ScaledMin)}");
        s.AppendLine($"scale_max_short {F(scaling.ScaledMax)}");
        NetworkArchitecture first = model.Networks[0].Architecture;
        int hidden = first.Layers.Length - 2;
        s.AppendLine($"global_hidden_layers_short {hidden}");
        s.AppendLine($"global_nodes_short {string.Join(" ", first.Layers[1..^1])}");
        s.AppendLine($"global_activation_short {string.Join(" ", first.Activations.Select(Activations.Code))}");
        if (first.NormalizeNodes) s.AppendLine("normalize_nodes");
        for (int e = 0; e < symbols.Length; e++)
            for (int l = 1; l <= hidden; l++)
                if (model.Networks[e].Architecture.Layers[l] != first.Layers[l])
                    s.AppendLine($"element_nodes_short {symbols[e]} {l} {model.Networks[e].Architecture.Layers[l]}");
        foreach (string line in FunctionLines(set, model.Units.AngstromPerLength)) s.AppendLine(line);
        return s.ToString();
    }

    /// <summary>The `cutoff_type` line of a descriptor set.</summary>
    public static string CutoffLine(DescriptorSet set)
    {
        CutoffFunction? cutoff = Enumerable.Range(0, set.Elements.Length).SelectMany(e => set.FunctionsOf(e))
            .Select(f => f switch { RadialSymmetryFunction r => r.CutoffFunction, AngularSymmetryFunction a => a.CutoffFunction, _ => null })
            .FirstOrDefault(c => c != null);
        return $"cutoff_type {(int)(cutoff?.Kind ?? CutoffKind.Cosine)} {F(cutoff?.Alpha ?? 0)}";
    }

    /// <summary>The `symfunction_short` lines of a descriptor set, lengths in units of <paramref name="angstromPerUnit"/> Å.</summary>
    public static IEnumerable<string> FunctionLines(DescriptorSet set, double angstromPerUnit)
    {
        string[] symbols = set.Elements.Select(e => e.Symbol).ToArray();
        for (int e = 0; e < symbols.Length; e++)
            foreach (SymmetryFunction f in set.FunctionsOf(e))
                yield return f.ToN2p2(symbols, angstromPerUnit);
    }

    public static string ScalingData(SymmetryFunctionScaling scaling)
    {
        var s = new StringBuilder("# Symmetry function scaling data (MatSim): e_index sf_index min max mean sigma\n");
        for (int e = 0; e < scaling.Statistics.Length; e++)
            for (int k = 0; k < scaling.Statistics[e].Length; k++)
            {
                FunctionStatistics st = scaling.Statistics[e][k];
                s.AppendLine($"{e + 1} {k + 1} {F(st.Min)} {F(st.Max)} {F(st.Mean)} {F(st.Sigma)}");
            }
        return s.ToString();
    }

    public static string Weights(AtomicNetwork network)
    {
        var s = new StringBuilder($"# Network weights and biases in n2p2 order (MatSim), architecture {network.Architecture}\n");
        foreach (double w in network.ExportN2p2()) s.AppendLine(F(w));
        return s.ToString();
    }

    private static string F(double x) => x.ToString("E16", CultureInfo.InvariantCulture);
}
