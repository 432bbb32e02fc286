using MatSim.Simulation.Geometry;
using MatSim.Simulation.Neighbors;

namespace MatSim.Descriptors.SymmetryFunctions;

/// <summary>
/// The symmetry functions of every atom of one structure, stored per element as row-major
/// matrices (one row per atom of that element, in atom order), with the neighbour list they came
/// from so that derivatives can be taken later without storing the Jacobian:
/// <see cref="Backward"/> turns dE/dG into forces and virial, <see cref="Forward"/> gives the
/// change of every G along a displacement of all atoms. Both cost about one value evaluation.
/// </summary>
public sealed class StructureDescriptors
{
    private readonly DescriptorSet set;
    private readonly NeighborList neighbors;
    private readonly int[] elementOfAtom;
    private readonly int[] rowOfAtom;
    private readonly int[][] atomsOfElement;

    /// <summary>G of the atoms of each element: [element][row * count + function].</summary>
    public double[][] Values { get; }

    public int AtomCount => elementOfAtom.Length;

    internal StructureDescriptors(DescriptorSet set, NeighborList neighbors, int[] elementOfAtom)
    {
        this.set = set;
        this.neighbors = neighbors;
        this.elementOfAtom = elementOfAtom;
        int elements = set.Elements.Length;
        rowOfAtom = new int[elementOfAtom.Length];
        var counts = new int[elements];
        for (int i = 0; i < elementOfAtom.Length; i++) rowOfAtom[i] = counts[elementOfAtom[i]]++;
        atomsOfElement = new int[elements][];
        for (int e = 0; e < elements; e++) atomsOfElement[e] = new int[counts[e]];
        for (int i = 0; i < elementOfAtom.Length; i++) atomsOfElement[elementOfAtom[i]][rowOfAtom[i]] = i;
        Values = new double[elements][];
        for (int e = 0; e < elements; e++) Values[e] = new double[counts[e] * set.CountOf(e)];
    }

    public DescriptorSet Set => set;

    /// <summary>Element index (in <see cref="DescriptorSet.Elements"/>) of each atom.</summary>
    public ReadOnlySpan<int> ElementOfAtom => elementOfAtom;

    /// <summary>The atoms of an element, in the order of the rows of <see cref="Values"/>.</summary>
    public ReadOnlySpan<int> AtomsOf(int element) => atomsOfElement[element];

    /// <summary>Row of an atom in its element's matrix.</summary>
    public int RowOf(int atom) => rowOfAtom[atom];

    /// <summary>The descriptor vector of one atom.</summary>
    public ReadOnlySpan<double> Of(int atom)
    {
        int e = elementOfAtom[atom], n = set.CountOf(e);
        return Values[e].AsSpan(rowOfAtom[atom] * n, n);
    }

    internal void ComputeValues(IEnumerable<int>? atoms = null)
    {
        ForAtoms(atoms, (i, env, scratch, _) =>
        {
            int e = elementOfAtom[i], n = set.CountOf(e);
            Span<double> row = Values[e].AsSpan(rowOfAtom[i] * n, n);
            row.Clear();
            set.KernelOf(e).Run(env, KernelPass.Values, default, row, scratch);
        });
    }

    /// <summary>
    /// Adds −Σ_i Σ_s w_is ∂G_is/∂r to <paramref name="forces"/> for weights w = dE/dG laid out like
    /// <see cref="Values"/>, and returns the virial W = −Σ d ⊗ ∂E/∂d (= −∂E/∂ε, MatSim's convention).
    /// </summary>
    public Mat3 Backward(double[][] weights, Span<Vec3> forces)
    {
        if (forces.Length != AtomCount) throw new ArgumentException($"{forces.Length} forces for {AtomCount} atoms");
        int chunks = ChunkCount();
        var partialForces = new Vec3[chunks][];
        var partialVirials = new Mat3[chunks];
        ForAtoms(null, (i, env, scratch, chunk) =>
        {
            Vec3[] f = partialForces[chunk] ??= new Vec3[AtomCount];
            int e = elementOfAtom[i], n = set.CountOf(e);
            Array.Clear(env.Gradient, 0, env.Count);
            set.KernelOf(e).Run(env, KernelPass.Backward, weights[e].AsSpan(rowOfAtom[i] * n, n), default, scratch);
            Mat3 virial = partialVirials[chunk];
            for (int s = 0; s < env.Count; s++)
            {
                Vec3 g = env.Gradient[s];
                f[env.Atom[s]] -= g;
                f[i] += g;
                virial += -1 * Mat3.Outer(env.Displacement[s], g);
            }
            partialVirials[chunk] = virial;
        });
        Mat3 total = Mat3.Zero;
        for (int c = 0; c < chunks; c++)
        {
            total += partialVirials[c];
            if (partialForces[c] is not { } f) continue;
            for (int i = 0; i < AtomCount; i++) forces[i] += f[i];
        }
        return total;
    }

    /// <summary>dG along a displacement v of all atoms (Σ_k ∂G/∂r_k · v_k), laid out like <see cref="Values"/>.</summary>
    public double[][] Forward(ReadOnlySpan<Vec3> direction)
    {
        if (direction.Length != AtomCount) throw new ArgumentException($"{direction.Length} directions for {AtomCount} atoms");
        Vec3[] v = direction.ToArray();
        var result = new double[Values.Length][];
        for (int e = 0; e < Values.Length; e++) result[e] = new double[Values[e].Length];
        ForAtoms(null, (i, env, scratch, _) =>
        {
            int e = elementOfAtom[i], n = set.CountOf(e);
            for (int s = 0; s < env.Count; s++) env.Direction[s] = v[env.Atom[s]] - v[i];
            set.KernelOf(e).Run(env, KernelPass.Forward, default, result[e].AsSpan(rowOfAtom[i] * n, n), scratch);
        });
        return result;
    }

    private static int ChunkCount() => Math.Max(1, Environment.ProcessorCount * 4);

    /// <summary>
    /// Runs <paramref name="body"/> for atoms in parallel, each with its neighbour environment; the
    /// atoms are cut into a fixed number of contiguous chunks so that per-chunk sums are reduced in a
    /// fixed order (same result whatever the thread timing).
    /// </summary>
    private void ForAtoms(IEnumerable<int>? subset, Action<int, NeighborEnvironment, TripletBuffer, int> body)
    {
        int[] atoms = subset?.ToArray() ?? Enumerable.Range(0, AtomCount).ToArray();
        int chunks = Math.Min(ChunkCount(), Math.Max(1, atoms.Length));
        Parallel.For(0, chunks, () => (new NeighborEnvironment(), new TripletBuffer()), (chunk, _, local) =>
        {
            int from = (int)((long)atoms.Length * chunk / chunks), to = (int)((long)atoms.Length * (chunk + 1) / chunks);
            for (int a = from; a < to; a++)
            {
                int i = atoms[a];
                Gather(i, local.Item1);
                body(i, local.Item1, local.Item2, chunk);
            }
            return local;
        }, _ => { });
    }

    private void Gather(int i, NeighborEnvironment env)
    {
        env.Clear();
        double cutoff = set.KernelOf(elementOfAtom[i]).Cutoff;
        double cutoff2 = cutoff * cutoff;
        ReadOnlySpan<int> js = neighbors.NeighborsOf(i);
        ReadOnlySpan<Vec3> ds = neighbors.DisplacementsOf(i);
        for (int s = 0; s < js.Length; s++)
        {
            double r2 = ds[s].LengthSquared;
            if (r2 >= cutoff2) continue;
            int e = elementOfAtom[js[s]];
            env.Add(js[s], e, set.Elements[e].Number, ds[s], Math.Sqrt(r2));
        }
    }
}
