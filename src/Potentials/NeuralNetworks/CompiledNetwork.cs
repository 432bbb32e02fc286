namespace MatSim.Potentials.NeuralNetworks;

/// <summary>
/// A plain C# copy of an <see cref="AtomicNetwork"/>'s weights for CPU inference one atom at a
/// time (a few microseconds per atom, no tensor overhead), so that descriptors, network and forces
/// run in one sweep per atom. The TorchSharp module stays the model (training, CUDA); tests check
/// that both give the same energies and gradients.
/// </summary>
internal sealed class CompiledNetwork
{
    private readonly double[][] weights;   // [layer][output * inputs + input]
    private readonly double[][] biases;
    private readonly NetworkArchitecture architecture;

    public CompiledNetwork(AtomicNetwork network)
    {
        architecture = network.Architecture;
        double[] flat = network.ExportN2p2();
        int[] layers = architecture.Layers;
        weights = new double[layers.Length - 1][];
        biases = new double[layers.Length - 1][];
        int offset = 0;
        for (int l = 0; l < layers.Length - 1; l++)
        {
            int inputs = layers[l], outputs = layers[l + 1];
            weights[l] = new double[inputs * outputs];
            for (int j = 0; j < inputs; j++)
                for (int k = 0; k < outputs; k++) weights[l][k * inputs + j] = flat[offset++];   // n2p2 order: k fastest
            biases[l] = flat.AsSpan(offset, outputs).ToArray();
            offset += outputs;
        }
    }

    /// <summary>Per-thread buffers for <see cref="Evaluate"/>.</summary>
    public sealed class Scratch(NetworkArchitecture architecture)
    {
        public readonly double[][] PreActivation = architecture.Layers.Select(n => new double[n]).ToArray();
        public readonly double[][] Activation = architecture.Layers.Select(n => new double[n]).ToArray();
        public readonly double[] Delta = new double[architecture.Layers.Max()];
        public readonly double[] Next = new double[architecture.Layers.Max()];
    }

    /// <summary>Network output for one input row, and d(output)/d(input) into <paramref name="gradient"/>.</summary>
    public double Evaluate(ReadOnlySpan<double> input, Span<double> gradient, Scratch scratch)
    {
        int[] layers = architecture.Layers;
        int last = layers.Length - 1;
        input.CopyTo(scratch.Activation[0]);
        for (int l = 0; l < last; l++)
        {
            int inputs = layers[l], outputs = layers[l + 1];
            double[] w = weights[l], a = scratch.Activation[l], z = scratch.PreActivation[l + 1], next = scratch.Activation[l + 1];
            double normalise = architecture.NormalizeNodes ? 1.0 / inputs : 1.0;
            for (int k = 0; k < outputs; k++)
            {
                double sum = biases[l][k];
                ReadOnlySpan<double> row = w.AsSpan(k * inputs, inputs);
                for (int j = 0; j < inputs; j++) sum += row[j] * a[j];
                z[k] = normalise * sum;
                next[k] = l == last - 1 ? z[k] : Activate(architecture.Activations[l], z[k]);
            }
        }
        // backward: δ = d(output)/dz layer by layer
        double[] delta = scratch.Delta, previous = scratch.Next;
        delta[0] = 1;
        for (int l = last - 1; l >= 0; l--)
        {
            int inputs = layers[l], outputs = layers[l + 1];
            double[] w = weights[l];
            double normalise = architecture.NormalizeNodes ? 1.0 / inputs : 1.0;
            Array.Clear(previous, 0, inputs);
            for (int k = 0; k < outputs; k++)
            {
                double d = normalise * delta[k];
                ReadOnlySpan<double> row = w.AsSpan(k * inputs, inputs);
                for (int j = 0; j < inputs; j++) previous[j] += d * row[j];
            }
            if (l == 0) break;
            for (int j = 0; j < inputs; j++) previous[j] *= Derivative(architecture.Activations[l - 1], scratch.PreActivation[l][j], scratch.Activation[l][j]);
            (delta, previous) = (previous, delta);
        }
        previous.AsSpan(0, layers[0]).CopyTo(gradient);
        return scratch.Activation[last][0];
    }

    private static double Activate(Activation f, double x) => f switch
    {
        Activation.Identity => x,
        Activation.Tanh => Math.Tanh(x),
        Activation.Logistic => 1 / (1 + Math.Exp(-x)),
        Activation.Softplus => x > 35 ? x : double.LogP1(Math.Exp(x)),
        Activation.Relu => Math.Max(0, x),
        Activation.Gaussian => Math.Exp(-0.5 * x * x),
        Activation.Cosine => Math.Cos(x),
        Activation.ReverseLogistic => 1 - 1 / (1 + Math.Exp(-x)),
        Activation.Exponential => Math.Exp(-x),
        _ => x * x,
    };

    /// <summary>df/dx at x, given the value y = f(x).</summary>
    private static double Derivative(Activation f, double x, double y) => f switch
    {
        Activation.Identity => 1,
        Activation.Tanh => 1 - y * y,
        Activation.Logistic => y * (1 - y),
        Activation.Softplus => 1 / (1 + Math.Exp(-x)),
        Activation.Relu => x > 0 ? 1 : 0,
        Activation.Gaussian => -x * y,
        Activation.Cosine => -Math.Sin(x),
        Activation.ReverseLogistic => -y * (1 - y),
        Activation.Exponential => -y,
        _ => 2 * x,
    };
}
