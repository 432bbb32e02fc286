using MatSim.Simulation.Random;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MatSim.Sampling.Flows;

/// <summary>
/// The small network of a coupling layer: the untouched coordinates in, the parameters of the
/// transform of the others out. Its last layer starts at zero, so a new coupling layer is the
/// identity and training starts from the Gaussian prior. Hidden weights are drawn from the seed,
/// uniform in ±1/sqrt(fan-in) (PyTorch's default range), so the same seed builds the same flow.
/// </summary>
internal static class Conditioner
{
    public static Sequential Create(int inputs, int outputs, int hidden, int depth, Rng rng)
    {
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
        int width = inputs;
        for (int k = 0; k < depth; k++)
        {
            Linear linear = nn.Linear(width, hidden, dtype: ScalarType.Float64);
            Fill(linear.weight!, width, rng);
            Fill(linear.bias!, width, rng);
            layers.Add(($"linear{k}", linear));
            layers.Add(($"act{k}", nn.SiLU()));
            width = hidden;
        }
        Linear last = nn.Linear(width, outputs, dtype: ScalarType.Float64);
        using (no_grad())
        {
            last.weight!.zero_();
            last.bias!.zero_();
        }
        layers.Add(("out", last));
        return nn.Sequential(layers);
    }

    private static void Fill(Tensor parameter, int fanIn, Rng rng)
    {
        double limit = 1 / Math.Sqrt(fanIn);
        double[] values = new double[parameter.numel()];
        for (int i = 0; i < values.Length; i++) values[i] = limit * (2 * rng.NextDouble() - 1);
        using var filled = tensor(values, parameter.shape, ScalarType.Float64);
        using (no_grad()) parameter.copy_(filled);
    }
}
