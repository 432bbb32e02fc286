using System.Text.Json;
using System.Text.Json.Nodes;
using MatSim.Simulation.Errors;
using MatSim.Simulation.IO;
using static TorchSharp.torch;

namespace MatSim.Sampling.Flows;

/// <summary>What a flow was trained for: the target, its size and the temperature (target energy units).</summary>
public sealed record FlowProvenance(string Target, int Particles, int SpatialDimension, double KT);

/// <summary>
/// `.flow.json`: the architecture, the seed that fixed its coupling splits, the system it was trained
/// for and every parameter as base64 float64 (bit-exact round trip). Loading for a different system
/// (another particle count or dimension) is refused with both sizes named.
/// </summary>
public static class FlowFile
{
    private const string Format = "matsim-flow";

    public static void Write(NormalizingFlow flow, FlowProvenance provenance, string path)
    {
        var parameters = new JsonObject();
        foreach (var (name, parameter) in flow.named_parameters())
        {
            using Tensor cpu = parameter.detach().cpu();
            double[] values = cpu.data<double>().ToArray();
            var bytes = new byte[values.Length * sizeof(double)];
            Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
            parameters[name] = new JsonObject
            {
                ["shape"] = new JsonArray(parameter.shape.Select(s => (JsonNode?)s).ToArray()),
                ["float64"] = Convert.ToBase64String(bytes),
            };
        }
        FlowArchitecture a = flow.Architecture;
        var root = new JsonObject
        {
            ["format"] = Format,
            ["version"] = 1,
            ["target"] = provenance.Target,
            ["particles"] = provenance.Particles,
            ["spatial_dimension"] = provenance.SpatialDimension,
            ["flow_dimension"] = flow.Dimension,
            ["kT"] = provenance.KT,
            ["seed"] = flow.Seed,
            ["architecture"] = new JsonObject
            {
                ["coupling"] = a.CouplingName, ["layers"] = a.Layers, ["hidden"] = a.Hidden, ["depth"] = a.Depth,
                ["bins"] = a.Bins, ["bound"] = a.Bound, ["actnorm"] = a.ActNorm,
            },
            ["parameters"] = parameters,
        };
        AtomicFile.WriteAllText(path, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>Reads a flow; <paramref name="expected"/> (when given) must describe the same system size.</summary>
    public static (NormalizingFlow Flow, FlowProvenance Provenance) Read(string path, FlowProvenance? expected = null)
    {
        var source = new SourceLocation(path);
        JsonNode root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path)) ?? throw new InputException(source, "empty flow file");
        }
        catch (JsonException e)
        {
            throw new InputException(source, $"not a MatSim flow file (invalid JSON: {e.Message})");
        }
        if ((string?)root["format"] != Format) throw new InputException(source, $"not a MatSim flow file (format '{root["format"]}', expected '{Format}')");
        T Get<T>(JsonNode node, string key) => node[key] is { } v ? v.GetValue<T>() : throw new InputException(source, $"flow file lacks '{key}'");
        var provenance = new FlowProvenance(Get<string>(root, "target"), Get<int>(root, "particles"), Get<int>(root, "spatial_dimension"), Get<double>(root, "kT"));
        if (expected != null && (expected.Particles != provenance.Particles || expected.SpatialDimension != provenance.SpatialDimension))
            throw new InputException(source,
                $"this flow was trained for {provenance.Particles} particles in {provenance.SpatialDimension}D ('{provenance.Target}'), " +
                $"but the target '{expected.Target}' has {expected.Particles} particles in {expected.SpatialDimension}D; train a flow for this system");
        JsonNode a = root["architecture"] ?? throw new InputException(source, "flow file lacks 'architecture'");
        CouplingKind coupling;
        try
        {
            coupling = FlowArchitecture.ParseCoupling(Get<string>(a, "coupling"));
        }
        catch (ArgumentException e)
        {
            throw new InputException(source, e.Message);
        }
        var architecture = new FlowArchitecture(coupling, Get<int>(a, "layers"),
            Get<int>(a, "hidden"), Get<int>(a, "depth"), Get<int>(a, "bins"), Get<double>(a, "bound"), Get<bool>(a, "actnorm"));
        var flow = new NormalizingFlow(Get<int>(root, "flow_dimension"), architecture, Get<ulong>(root, "seed"));
        JsonNode stored = root["parameters"] ?? throw new InputException(source, "flow file lacks 'parameters'");
        using (no_grad())
            foreach (var (name, parameter) in flow.named_parameters())
            {
                JsonNode entry = stored[name] ?? throw new InputException(source, $"flow file lacks parameter '{name}'");
                byte[] bytes = Convert.FromBase64String(Get<string>(entry, "float64"));
                if (bytes.Length != parameter.numel() * sizeof(double))
                    throw new InputException(source, $"parameter '{name}' has {bytes.Length / sizeof(double)} values, the architecture needs {parameter.numel()}");
                var values = new double[bytes.Length / sizeof(double)];
                Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
                using Tensor t = tensor(values, parameter.shape, ScalarType.Float64);
                parameter.copy_(t);
            }
        return (flow, provenance);
    }
}
