using System.Collections.Immutable;
using MatSim.Simulation.Chemistry;

namespace MatSim.Descriptors.SymmetryFunctions;

/// <summary>
/// The symmetry functions of a model, per central element, in n2p2's order (elements by atomic
/// number; functions by <see cref="SymmetryFunction.CompareN2p2"/>), with the kernels that
/// evaluate them grouped by shared neighbour filters and cutoffs. An element without functions of
/// its own is a neighbour only: it shapes the environments of the others and carries no atomic
/// energy (a rigid framework under a learned host–guest model, whose centres are the guests).
/// </summary>
public sealed class DescriptorSet
{
    private readonly ImmutableArray<SymmetryFunction>[] functions;
    private readonly ElementKernel[] kernels;
    private readonly bool[,] sees;

    public ImmutableArray<Element> Elements { get; }
    /// <summary>Largest cutoff of any function (Å): the neighbour-list radius.</summary>
    public double MaxCutoff { get; }

    public DescriptorSet(IEnumerable<Element> elements, IEnumerable<SymmetryFunction> all)
    {
        Elements = elements.ToImmutableArray();
        for (int e = 1; e < Elements.Length; e++)
            if (Elements[e].Number <= Elements[e - 1].Number)
                throw new ArgumentException("elements must be distinct and sorted by atomic number");
        var list = all.ToList();
        functions = new ImmutableArray<SymmetryFunction>[Elements.Length];
        kernels = new ElementKernel[Elements.Length];
        for (int e = 0; e < Elements.Length; e++)
        {
            var own = list.Where(f => f.CentralElement == e).ToList();
            own.Sort(SymmetryFunction.CompareN2p2);
            for (int k = 1; k < own.Count; k++)
                if (SymmetryFunction.CompareN2p2(own[k - 1], own[k]) == 0)
                    throw new ArgumentException(
                        $"symmetry function defined twice for {Elements[e].Symbol}" + (own[k].LineNumber > 0 ? $" (lines {own[k - 1].LineNumber} and {own[k].LineNumber})" : ""));
            functions[e] = own.ToImmutableArray();
            kernels[e] = new ElementKernel(functions[e]);
        }
        MaxCutoff = list.Count == 0 ? 0 : list.Max(f => f.Cutoff);
        sees = new bool[Elements.Length, Elements.Length];
        foreach (SymmetryFunction f in list)
        {
            int[] neighbours = f switch
            {
                RadialSymmetryFunction r => [r.NeighborElement],
                AngularSymmetryFunction a => [a.Element1, a.Element2],
                _ => [-1],
            };
            for (int n = 0; n < Elements.Length; n++)
                if (neighbours.Contains(n) || neighbours.Contains(-1)) sees[f.CentralElement, n] = true;   // −1: weighted, every element
        }
    }

    /// <summary>
    /// Whether any function of <paramref name="centre"/> atoms depends on neighbours of element <paramref name="neighbour"/>:
    /// moving such a neighbour changes the centre's descriptors, moving another does not.
    /// </summary>
    public bool Sees(int centre, int neighbour) => sees[centre, neighbour];

    public ImmutableArray<SymmetryFunction> FunctionsOf(int element) => functions[element];

    public int CountOf(int element) => functions[element].Length;

    /// <summary>Whether atoms of the element carry an atomic energy (it has functions); otherwise it is a neighbour only.</summary>
    public bool IsCentre(int element) => functions[element].Length > 0;

    /// <summary>Whether some element is a neighbour only (a model without an n2p2 form).</summary>
    public bool HasNeighbourOnly => functions.Any(f => f.Length == 0);

    /// <summary>The atoms that carry energy among atoms of these element indices (at least 1: per-atom energies divide by it).</summary>
    public int CentreCount(IEnumerable<int> elementOfAtom) => Math.Max(1, elementOfAtom.Count(IsCentre));

    /// <summary>Index of an element in <see cref="Elements"/>, or -1.</summary>
    public int IndexOf(Element element)
    {
        for (int e = 0; e < Elements.Length; e++)
            if (Elements[e].Number == element.Number) return e;
        return -1;
    }

    internal ElementKernel KernelOf(int element) => kernels[element];
}
