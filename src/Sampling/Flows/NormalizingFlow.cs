using MatSim.Torch;
using MatSim.Simulation.Random;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static MatSim.Torch.Constant;

namespace MatSim.Sampling.Flows;

/// <summary>Flow samples: configurations x (flow coordinates), log q(x) under the prior actually used, and z.</summary>
public sealed record FlowSample(Tensor X, Tensor LogQ, Tensor LogDet);

/// <summary>
/// A normalising flow x = f(z), z ~ N(0, I) in <see cref="Dimension"/> dimensions, float64:
/// log q(x) = log N(f⁻¹(x)) + log|det ∂f⁻¹/∂x| (the change-of-variables formula). Layers are listed
/// from the latent side to the configuration side. Successive coupling layers alternate the two
/// halves of a seeded random permutation of the coordinates (the permutation layers of RealNVP).
/// </summary>
public sealed class NormalizingFlow : nn.Module
{
    private readonly ModuleList<FlowLayer> layers = new();

    public NormalizingFlow(int dimension, FlowArchitecture architecture, ulong seed) : base("flow")
    {
        if (dimension < 2) throw new ArgumentException("a coupling flow needs at least two coordinates", nameof(dimension));
        Dimension = dimension;
        Architecture = architecture;
        Seed = seed;
        var rng = Rng.ForStream(seed, 0xF10E);
        int[] permutation = [];
        for (int k = 0; k < architecture.Layers; k++)
        {
            if (k % 2 == 0) permutation = rng.Permutation(dimension);
            int half = dimension / 2;
            int[] first = permutation[..half], second = permutation[half..];
            var split = k % 2 == 0 ? new CouplingSplit(first, second) : new CouplingSplit(second, first);
            layers.Add(architecture.Coupling == CouplingKind.Affine
                ? new AffineCoupling(split, architecture.Hidden, architecture.Depth, rng)
                : new SplineCoupling(split, architecture.Hidden, architecture.Depth, architecture.Bins, architecture.Bound, rng));
            if (architecture.ActNorm && k % 2 == 1) layers.Add(new ActNorm(dimension));
        }
        RegisterComponents();
    }

    public int Dimension { get; }
    public FlowArchitecture Architecture { get; }
    public ulong Seed { get; }

    /// <summary>log N(z; 0, σ²I) per row.</summary>
    public Tensor LogPrior(Tensor z, double sigma = 1) =>
        z.Squared().sum(1) * Of(-0.5 / (sigma * sigma)) - Of(Dimension * (0.5 * Math.Log(2 * Math.PI) + Math.Log(sigma)));

    /// <summary>z → x with log|det ∂x/∂z| per row.</summary>
    public (Tensor X, Tensor LogDet) Forward(Tensor z)
    {
        Tensor x = z;
        Tensor logDet = zeros(z.shape[0], dtype: z.dtype, device: z.device);
        foreach (FlowLayer layer in layers)
        {
            var (next, ld) = layer.Forward(x);
            x = next;
            logDet = logDet.Plus(ld);
        }
        return (x, logDet);
    }

    /// <summary>x → z with log|det ∂z/∂x| per row.</summary>
    public (Tensor Z, Tensor LogDet) Inverse(Tensor x)
    {
        Tensor z = x;
        Tensor logDet = zeros(x.shape[0], dtype: x.dtype, device: x.device);
        for (int k = layers.Count - 1; k >= 0; k--)
        {
            var (next, ld) = layers[k].Inverse(z);
            z = next;
            logDet = logDet.Plus(ld);
        }
        return (z, logDet);
    }

    /// <summary>log q(x) of each row under the unit-variance prior.</summary>
    public Tensor LogProbability(Tensor x)
    {
        var (z, logDet) = Inverse(x);
        return LogPrior(z).Plus(logDet);
    }

    /// <summary>
    /// <paramref name="count"/> samples with the prior widened to σ = <paramref name="priorSigma"/>
    /// (sampling a flow trained at kT₀ "at kT" uses σ = sqrt(kT/kT₀), Noé et al. 2019); log q is
    /// the density of the flow with that prior.
    /// </summary>
    public FlowSample Sample(long count, Generator generator, double priorSigma = 1)
    {
        Device device = Device;
        Tensor z = randn([count, Dimension], ScalarType.Float64, device, generator: generator) * Of(priorSigma);
        var (x, logDet) = Forward(z);
        return new FlowSample(x, LogPrior(z, priorSigma) - logDet, logDet);
    }

    /// <summary>The device of the parameters.</summary>
    public Device Device => parameters().First().device;

    /// <summary>
    /// Data-dependent ActNorm initialisation: the data run backwards through the layers, and each
    /// ActNorm takes the mean and spread of what reaches it.
    /// </summary>
    public void InitializeFrom(Tensor data)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        Tensor current = data;
        for (int k = layers.Count - 1; k >= 0; k--)
        {
            if (layers[k] is ActNorm norm) norm.Initialize(current);
            current = layers[k].Inverse(current).Output;
        }
    }
}
