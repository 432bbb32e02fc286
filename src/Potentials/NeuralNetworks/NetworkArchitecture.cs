namespace MatSim.Potentials.NeuralNetworks;

/// <summary>
/// Sizes and activations of one element's feed-forward network: <see cref="Layers"/> counts the
/// neurons from the input (number of descriptors) to the output (1); <see cref="Activations"/>
/// has one entry per layer after the input (the output layer is linear, as in n2p2).
/// <see cref="NormalizeNodes"/>: each pre-activation is divided by the number of inputs to the
/// layer (n2p2's `normalize_nodes`).
/// </summary>
public sealed record NetworkArchitecture(int[] Layers, Activation[] Activations, bool NormalizeNodes)
{
    /// <summary>Number of weights and biases, in n2p2's count.</summary>
    public int ParameterCount
    {
        get
        {
            int count = 0;
            for (int l = 1; l < Layers.Length; l++) count += Layers[l - 1] * Layers[l] + Layers[l];
            return count;
        }
    }

    public override string ToString() =>
        $"{string.Join("-", Layers)} ({new string(Activations.Select(NeuralNetworks.Activations.Code).ToArray())})";
}
