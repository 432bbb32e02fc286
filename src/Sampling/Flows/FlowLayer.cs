using static TorchSharp.torch;

namespace MatSim.Sampling.Flows;

/// <summary>
/// One invertible layer of a normalising flow, on batches (rows = samples). <see cref="Forward"/>
/// goes from the latent side towards configurations, <see cref="Inverse"/> back; both return the
/// log |det ∂out/∂in| of each row exactly, so log-densities are exact.
/// </summary>
public abstract class FlowLayer(string name) : nn.Module(name)
{
    public abstract (Tensor Output, Tensor LogDet) Forward(Tensor input);

    public abstract (Tensor Output, Tensor LogDet) Inverse(Tensor input);
}
