using TorchSharp;
using static TorchSharp.torch;

namespace MatSim.Potentials.NeuralNetworks;

/// <summary>The activation functions of n2p2, by their one-letter code in `global_activation_short`.</summary>
public enum Activation
{
    Identity,
    Tanh,
    Logistic,
    Softplus,
    Relu,
    Gaussian,
    Cosine,
    ReverseLogistic,
    Exponential,
    Harmonic,
}

public static class Activations
{
    private static readonly (char Code, Activation Activation)[] Codes =
    [
        ('l', Activation.Identity), ('t', Activation.Tanh), ('s', Activation.Logistic), ('p', Activation.Softplus),
        ('r', Activation.Relu), ('g', Activation.Gaussian), ('c', Activation.Cosine), ('S', Activation.ReverseLogistic),
        ('e', Activation.Exponential), ('h', Activation.Harmonic),
    ];

    public static string KnownCodes => string.Join(", ", Codes.Select(c => $"{c.Code} ({c.Activation.ToString().ToLowerInvariant()})"));

    public static bool TryParse(string code, out Activation activation)
    {
        foreach (var (c, a) in Codes)
            if (code.Length == 1 && code[0] == c)
            {
                activation = a;
                return true;
            }
        activation = default;
        return false;
    }

    public static char Code(Activation activation) => Codes.First(c => c.Activation == activation).Code;

    /// <summary>
    /// Applies the activation to a tensor. As in n2p2 (NeuralNetwork::Layer::propagate): the
    /// logistic functions are 0/1 beyond |x| = 35 and softplus is x above 35 and 0 below −35, which
    /// only avoids overflow; the values agree with the exact forms to double precision.
    /// </summary>
    public static Tensor Apply(Activation activation, Tensor x) => activation switch
    {
        Activation.Identity => x,
        Activation.Tanh => x.tanh(),
        Activation.Logistic => x.sigmoid(),
        Activation.Softplus => torch.where(x > 35, x, x.clamp_max(35).exp().log1p()),
        Activation.Relu => x.relu(),
        Activation.Gaussian => (-0.5 * x * x).exp(),
        Activation.Cosine => x.cos(),
        Activation.ReverseLogistic => 1 - x.sigmoid(),
        Activation.Exponential => (-x).exp(),
        _ => x * x,
    };
}
