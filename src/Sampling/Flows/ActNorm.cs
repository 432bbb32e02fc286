using MatSim.Torch;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static MatSim.Torch.Constant;

namespace MatSim.Sampling.Flows;

/// <summary>
/// ActNorm (Kingma &amp; Dhariwal, Glow, NeurIPS 2018): x = z·exp(log s) + b per coordinate, log|det| = Σ log s.
/// Before training by example, <see cref="Initialize"/> sets b and log s from the data reaching the
/// layer so that it leaves with zero mean and unit variance.
/// </summary>
internal sealed class ActNorm : FlowLayer
{
    private readonly Parameter logScale, bias;

    public ActNorm(int dimension) : base("actnorm")
    {
        logScale = nn.Parameter(zeros(dimension, dtype: ScalarType.Float64));
        bias = nn.Parameter(zeros(dimension, dtype: ScalarType.Float64));
        RegisterComponents();
    }

    /// <summary>Data-dependent initialisation from configurations on this layer's output side.</summary>
    public void Initialize(Tensor data)
    {
        using var scope = NewDisposeScope();
        using (no_grad())
        {
            bias.copy_(data.mean([0]));
            logScale.copy_(data.std(0).clamp_min(Of(1e-6)).log());
        }
    }

    public override (Tensor, Tensor) Forward(Tensor input) =>
        ((input * logScale.exp()).Plus(bias), logScale.sum().expand(input.shape[0]));

    public override (Tensor, Tensor) Inverse(Tensor input) =>
        ((input - bias) * (-logScale).exp(), (-logScale.sum()).expand(input.shape[0]));
}
