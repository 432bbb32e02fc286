using System.Text.Json;
using MatSim.Potentials.NeuralNetworks.N2p2;
using MatSim.Simulation.Errors;
using MatSim.Simulation.IO;
using static TorchSharp.torch;

namespace MatSim.Potentials.NeuralNetworks;

/// <summary>
/// MatSim's own model file (`*.nnp.json`): one self-describing JSON document with the format
/// version, units, elements, the n2p2 settings text (symmetry functions, architecture, scaling
/// keywords), the scaling statistics, the weights per element and the training provenance. It is
/// read back through the same code as an n2p2 folder, so both formats give identical models.
/// </summary>
public static class NativeModelFile
{
    public const int FormatVersion = 1;

    private sealed record Document(int Format, string Software, string Length, string Energy, string[] Elements, string InputNn,
        string ScalingData, Dictionary<string, double[]> Weights, Dictionary<string, string> Provenance);

    public static void Write(NeuralNetworkPotential model, string path)
    {
        var document = new Document(FormatVersion, $"MatSim {typeof(NativeModelFile).Assembly.GetName().Version}", model.Units.Length, model.Units.Energy,
            model.Descriptors.Elements.Select(e => e.Symbol).ToArray(), N2p2ModelWriter.InputNn(model), N2p2ModelWriter.ScalingData(model.Scaling),
            model.Descriptors.Elements.Select((e, k) => (e.Symbol, model.Networks[k].ExportN2p2())).ToDictionary(x => x.Symbol, x => x.Item2),
            new Dictionary<string, string>(model.Provenance));
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true }));
    }

    public static NeuralNetworkPotential Read(string path, Device device)
    {
        Document document;
        try
        {
            document = JsonSerializer.Deserialize<Document>(File.ReadAllText(path)) ?? throw new JsonException("empty document");
        }
        catch (JsonException e)
        {
            throw new InputException(new SourceLocation(path, (int)(e.LineNumber ?? 0) + 1), $"not a MatSim model file: {e.Message}");
        }
        catch (FileNotFoundException)
        {
            throw new InputException(new SourceLocation(path), "model file not found");
        }
        if (document.Format != FormatVersion)
            throw new InputException(new SourceLocation(path), $"model format {document.Format}; this MatSim reads format {FormatVersion}");
        string folder = Path.Combine(Path.GetTempPath(), $"matsim-model-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "input.nn"), document.InputNn);
            File.WriteAllText(Path.Combine(folder, "scaling.data"), document.ScalingData);
            foreach (var (symbol, weights) in document.Weights)
            {
                var element = Simulation.Chemistry.Elements.FromSymbol(symbol);
                File.WriteAllLines(Path.Combine(folder, N2p2ModelReader.WeightFileName(element)), weights.Select(w => w.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
            }
            NeuralNetworkPotential model = N2p2ModelReader.Read(folder, new ModelUnits(document.Length, document.Energy), device, neighbourOnly: true);
            return new NeuralNetworkPotential(model.Descriptors, model.Scaling, model.Networks, model.Normalization, model.Units, device)
            {
                Provenance = document.Provenance,
            };
        }
        catch (InputException e)
        {
            throw new InputException(new SourceLocation(path), $"inconsistent model file: {e.Problem}");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Reads a model from a MatSim `.json` file or an n2p2 folder (whose units must be given).</summary>
    public static NeuralNetworkPotential Load(string path, ModelUnits? n2p2Units, Device device) =>
        Directory.Exists(path)
            ? N2p2ModelReader.Read(path, n2p2Units ?? ModelUnits.AngstromEv, device)
            : Read(path, device);
}
