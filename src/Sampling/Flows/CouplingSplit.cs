using static TorchSharp.torch;

namespace MatSim.Sampling.Flows;

/// <summary>
/// Which coordinates a coupling layer conditions on and which it transforms: index tensors to pick
/// both halves and to put them back in order. The splits of successive layers come from the flow
/// (alternating halves of a seeded permutation), which plays the role of permutation layers.
/// </summary>
internal sealed class CouplingSplit : IDisposable
{
    public CouplingSplit(int[] conditioning, int[] transformed)
    {
        Conditioning = conditioning;
        Transformed = transformed;
        int[] order = [.. conditioning, .. transformed];
        var back = new long[order.Length];
        for (int k = 0; k < order.Length; k++) back[order[k]] = k;
        conditioningIndex = tensor(conditioning.Select(i => (long)i).ToArray());
        transformedIndex = tensor(transformed.Select(i => (long)i).ToArray());
        restoreIndex = tensor(back);
    }

    private readonly Tensor conditioningIndex, transformedIndex, restoreIndex;
    public int[] Conditioning { get; }
    public int[] Transformed { get; }

    public (Tensor Conditioning, Tensor Transformed) Split(Tensor x) =>
        (x.index_select(1, conditioningIndex.to(x.device)), x.index_select(1, transformedIndex.to(x.device)));

    public Tensor Join(Tensor conditioning, Tensor transformed) =>
        cat([conditioning, transformed], 1).index_select(1, restoreIndex.to(conditioning.device));

    public void Dispose()
    {
        conditioningIndex.Dispose();
        transformedIndex.Dispose();
        restoreIndex.Dispose();
    }
}
