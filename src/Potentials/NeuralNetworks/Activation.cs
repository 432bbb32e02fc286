using MatSim.Torch;
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

/// <summary>The activation functions of atomic networks and their derivatives, by kind.</summary>
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
    public static Tensor Apply(Activation activation, Tensor x)
    {
        switch (activation)
        {
            case Activation.Identity: return x;
            case Activation.Tanh: return x.tanh();
            case Activation.Logistic: return x.sigmoid();
            case Activation.Softplus:
            {
                // explicit Scalars, disposed after use (see NetworkTrainer)
                using Scalar limit = 35.0.ToScalar();
                return torch.where(x.gt(limit), x, x.clamp_max(limit).exp().log1p());
            }
            case Activation.Relu: return x.relu();
            case Activation.Gaussian:
            {
                using Scalar minusHalf = (-0.5).ToScalar();
                return x.Squared().mul(minusHalf).exp();
            }
            case Activation.Cosine: return x.cos();
            case Activation.ReverseLogistic: return x.neg().sigmoid();
            case Activation.Exponential: return x.neg().exp();
            default: return x.Squared();
        }
    }
}
