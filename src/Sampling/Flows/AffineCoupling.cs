using MatSim.Torch;
using MatSim.Simulation.Random;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static MatSim.Torch.Constant;

namespace MatSim.Sampling.Flows;

/// <summary>
/// RealNVP affine coupling (Dinh, Sohl-Dickstein &amp; Bengio, ICLR 2017): x_B = z_B·exp(s(z_A)) + t(z_A),
/// x_A = z_A, log|det| = Σ s. The log-scale is soft-bounded, s = 2 tanh(ŝ/2), so one layer
/// stretches by at most e² and a bad step cannot overflow.
/// </summary>
internal sealed class AffineCoupling : FlowLayer
{
    private readonly CouplingSplit split;
    private readonly Sequential conditioner;

    public AffineCoupling(CouplingSplit split, int hidden, int depth, Rng rng) : base("affine")
    {
        this.split = split;
        conditioner = Conditioner.Create(split.Conditioning.Length, 2 * split.Transformed.Length, hidden, depth, rng);
        RegisterComponents();
    }

    private (Tensor Scale, Tensor Shift) Parameters(Tensor conditioning)
    {
        Tensor[] parts = conditioner.forward(conditioning).chunk(2, 1);
        return ((parts[0] / Of(2)).tanh() * Of(2), parts[1]);
    }

    public override (Tensor, Tensor) Forward(Tensor input)
    {
        var (a, b) = split.Split(input);
        var (s, t) = Parameters(a);
        return (split.Join(a, (b * s.exp()).Plus(t)), s.sum(1));
    }

    public override (Tensor, Tensor) Inverse(Tensor input)
    {
        var (a, b) = split.Split(input);
        var (s, t) = Parameters(a);
        return (split.Join(a, (b - t) * (-s).exp()), -s.sum(1));
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) split.Dispose();
        base.Dispose(disposing);
    }
}
