namespace MatSim.Descriptors.SymmetryFunctions;

/// <summary>
/// Evaluates all symmetry functions of one central element over a neighbour environment: the
/// functions are grouped so that neighbour filtering, cutoff functions and triplet geometry are
/// computed once per group, not once per function.
/// </summary>
internal sealed class ElementKernel
{
    private readonly RadialGroup[] radial;
    private readonly AngularGroup[] angular;

    public int Count { get; }
    public double Cutoff { get; }

    public ElementKernel(IReadOnlyList<SymmetryFunction> functions)
    {
        Count = functions.Count;
        Cutoff = functions.Count == 0 ? 0 : functions.Max(f => f.Cutoff);
        var indexed = functions.Select((f, index) => (f, index)).ToList();
        radial = indexed.Where(x => x.f is RadialSymmetryFunction)
            .GroupBy(x => RadialGroup.KeyOf((RadialSymmetryFunction)x.f))
            .Select(g => new RadialGroup(g.Select(x => ((RadialSymmetryFunction)x.f, x.index)).ToList()))
            .ToArray();
        angular = indexed.Where(x => x.f is AngularSymmetryFunction)
            .GroupBy(x => AngularGroup.KeyOf((AngularSymmetryFunction)x.f))
            .Select(g => new AngularGroup(g.Select(x => ((AngularSymmetryFunction)x.f, x.index)).ToList()))
            .ToArray();
    }

    /// <summary>
    /// One sweep of <paramref name="pass"/>. Each angular group keeps its neighbour pairs in its own
    /// buffer; with <paramref name="reuseTriplets"/> a backward sweep reuses the pairs that the
    /// values sweep of the same atom collected instead of collecting them again.
    /// </summary>
    public void Run(NeighborEnvironment environment, KernelPass pass, ReadOnlySpan<double> weights, Span<double> output, KernelScratch scratch, bool reuseTriplets = false)
    {
        foreach (RadialGroup group in radial) group.Run(environment, pass, weights, output);
        for (int g = 0; g < angular.Length; g++) angular[g].Run(environment, pass, weights, output, scratch.Buffer(g), reuseTriplets);
    }
}

/// <summary>Per-thread scratch of the kernels: one triplet buffer per angular group.</summary>
internal sealed class KernelScratch
{
    private readonly List<TripletBuffer> buffers = [];

    public TripletBuffer Buffer(int group)
    {
        while (buffers.Count <= group) buffers.Add(new TripletBuffer());
        return buffers[group];
    }
}
