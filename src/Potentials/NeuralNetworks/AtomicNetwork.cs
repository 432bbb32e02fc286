using MatSim.Torch;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MatSim.Potentials.NeuralNetworks;

/// <summary>
/// One element's network: atomic energy from scaled descriptors, a TorchSharp module in double
/// precision. Parameters can be exchanged with n2p2's flat weight order (per layer: weights
/// a_jk for each input neuron j and output neuron k, k fastest, then the layer's biases).
/// </summary>
public sealed class AtomicNetwork : nn.Module<Tensor, Tensor>
{
    private readonly ParameterList weights = new();
    private readonly ParameterList biases = new();

    public NetworkArchitecture Architecture { get; }

    public AtomicNetwork(string name, NetworkArchitecture architecture, Device device) : base(name)
    {
        Architecture = architecture;
        int[] layers = architecture.Layers;
        for (int l = 1; l < layers.Length; l++)
        {
            weights.Add(new Parameter(zeros(layers[l], layers[l - 1], ScalarType.Float64, device)));
            biases.Add(new Parameter(zeros(layers[l], ScalarType.Float64, device)));
        }
        RegisterComponents();
    }

    /// <summary>Atomic energies (network units) of a batch of descriptor rows [atoms, inputs] → [atoms].</summary>
    public override Tensor forward(Tensor input)
    {
        Tensor h = input;
        for (int l = 0; l < weights.Count; l++)
        {
            Tensor z = nn.functional.linear(h, weights[l], biases[l]);
            if (Architecture.NormalizeNodes)
            {
                using Scalar nodes = ((double)Architecture.Layers[l]).ToScalar();
                z = z.div(nodes);
            }
            h = l == weights.Count - 1 ? z : Activations.Apply(Architecture.Activations[l], z);
        }
        return h.squeeze(-1);
    }

    /// <summary>The parameters in n2p2's order.</summary>
    public double[] ExportN2p2()
    {
        var flat = new List<double>(Architecture.ParameterCount);
        using var scope = NewDisposeScope();
        for (int l = 0; l < weights.Count; l++)
        {
            flat.AddRange(weights[l].detach().t().contiguous().cpu().data<double>());
            flat.AddRange(biases[l].detach().cpu().data<double>());
        }
        return flat.ToArray();
    }

    /// <summary>Sets the parameters from n2p2's order (length checked by the caller).</summary>
    public void ImportN2p2(ReadOnlySpan<double> flat)
    {
        if (flat.Length != Architecture.ParameterCount)
            throw new ArgumentException($"{flat.Length} parameters given, the network {Architecture} has {Architecture.ParameterCount}");
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        int offset = 0;
        int[] layers = Architecture.Layers;
        for (int l = 0; l < weights.Count; l++)
        {
            int inputs = layers[l], outputs = layers[l + 1];
            Tensor w = tensor(flat.Slice(offset, inputs * outputs).ToArray(), [inputs, outputs], ScalarType.Float64).t();
            offset += inputs * outputs;
            Tensor b = tensor(flat.Slice(offset, outputs).ToArray(), ScalarType.Float64);
            offset += outputs;
            weights[l].copy_(w);
            biases[l].copy_(b);
        }
    }

    /// <summary>Initial weights as n2p2's `nguyen_widrow_weights_short` is commonly replaced by: uniform ±sqrt(6/(in+out)) (Glorot), zero biases.</summary>
    public void Initialize(Generator generator)
    {
        using var noGrad = no_grad();
        int[] layers = Architecture.Layers;
        for (int l = 0; l < weights.Count; l++)
        {
            double limit = Math.Sqrt(6.0 / (layers[l] + layers[l + 1]));
            using Scalar span = (2 * limit).ToScalar(), low = (-limit).ToScalar();
            weights[l].copy_(rand(weights[l].shape, ScalarType.Float64, generator: generator).mul(span).Plus(low));
            biases[l].zero_();
        }
    }
}
