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

    /// <summary>The atoms that carry energy (see <see cref="DescriptorSet.CentreCount"/>).</summary>
    public int CentreCount => set.CentreCount(elementOfAtom);

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
        ForAtoms(atoms, (i, w, _) =>
        {
            int e = elementOfAtom[i], n = set.CountOf(e);
            Span<double> row = Values[e].AsSpan(rowOfAtom[i] * n, n);
            row.Clear();
            set.KernelOf(e).Run(w.Environment, KernelPass.Values, default, row, w.Kernels);
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
        ForAtoms(null, (i, w, chunk) =>
        {
            int e = elementOfAtom[i], n = set.CountOf(e);
            Array.Clear(w.Environment.Gradient, 0, w.Environment.Count);
            set.KernelOf(e).Run(w.Environment, KernelPass.Backward, weights[e].AsSpan(rowOfAtom[i] * n, n), default, w.Kernels);
            Accumulate(i, w.Environment, partialForces[chunk] ??= new Vec3[AtomCount], ref partialVirials[chunk]);
        });
        return Reduce(partialForces, partialVirials, forces);
    }

    /// <summary>
    /// Values, atomic energies and forces in one sweep per atom: the symmetry functions of an atom,
    /// then its energy and dE/dG from <paramref name="atomicEnergy"/> (one instance per thread),
    /// then the backward sweep over the neighbour pairs the values sweep collected. Fills
    /// <see cref="Values"/>, <paramref name="atomEnergies"/> and <paramref name="forces"/> (added to);
    /// returns the virial.
    /// </summary>
    public Mat3 EvaluateAtomic(Func<IAtomicEnergy> atomicEnergy, double[] atomEnergies, Span<Vec3> forces)
    {
        if (forces.Length != AtomCount || atomEnergies.Length != AtomCount)
            throw new ArgumentException($"{forces.Length} forces and {atomEnergies.Length} energies for {AtomCount} atoms");
        int chunks = ChunkCount();
        var partialForces = new Vec3[chunks][];
        var partialVirials = new Mat3[chunks];
        ForAtoms(null, (i, w, chunk) =>
        {
            int e = elementOfAtom[i], n = set.CountOf(e);
            ElementKernel kernel = set.KernelOf(e);
            Span<double> row = Values[e].AsSpan(rowOfAtom[i] * n, n);
            row.Clear();
            kernel.Run(w.Environment, KernelPass.Values, default, row, w.Kernels);
            double[] gradient = w.Weights(n);
            atomEnergies[i] = w.AtomicEnergy!.Evaluate(e, row, gradient.AsSpan(0, n));
            Array.Clear(w.Environment.Gradient, 0, w.Environment.Count);
            kernel.Run(w.Environment, KernelPass.Backward, gradient.AsSpan(0, n), default, w.Kernels, reuseTriplets: true);
            Accumulate(i, w.Environment, partialForces[chunk] ??= new Vec3[AtomCount], ref partialVirials[chunk]);
        }, atomicEnergy);
        return Reduce(partialForces, partialVirials, forces);
    }

    private Mat3 Reduce(Vec3[]?[] partialForces, Mat3[] partialVirials, Span<Vec3> forces)
    {
        Mat3 total = Mat3.Zero;
        for (int c = 0; c < partialVirials.Length; c++)
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
        ForAtoms(null, (i, w, _) =>
        {
            int e = elementOfAtom[i], n = set.CountOf(e);
            NeighborEnvironment env = w.Environment;
            for (int s = 0; s < env.Count; s++) env.Direction[s] = v[env.Atom[s]] - v[i];
            set.KernelOf(e).Run(env, KernelPass.Forward, default, result[e].AsSpan(rowOfAtom[i] * n, n), w.Kernels);
        });
        return result;
    }

    /// <summary>
    /// The full Jacobian of every atom's descriptors, sparse by neighbour: for atom i, ∂G_id/∂(r_j − r_i)
    /// for each neighbour j within its cutoff (one backward sweep per function). Kernel models need
    /// it to build their force equations; memory is atoms × functions × neighbours.
    /// </summary>
    public AtomJacobian[] Jacobians()
    {
        var result = new AtomJacobian[AtomCount];
        ForAtoms(null, (i, w, _) =>
        {
            int e = elementOfAtom[i], n = set.CountOf(e);
            NeighborEnvironment env = w.Environment;
            var neighbors = env.Atom.AsSpan(0, env.Count).ToArray();
            var displacements = env.Displacement.AsSpan(0, env.Count).ToArray();
            var gradient = new Vec3[n * env.Count];
            double[] unit = w.Weights(n);
            for (int d = 0; d < n; d++)
            {
                Array.Clear(unit, 0, n);
                unit[d] = 1;
                Array.Clear(env.Gradient, 0, env.Count);
                set.KernelOf(e).Run(env, KernelPass.Backward, unit.AsSpan(0, n), default, w.Kernels, reuseTriplets: d > 0);
                env.Gradient.AsSpan(0, env.Count).CopyTo(gradient.AsSpan(d * env.Count, env.Count));
            }
            result[i] = new AtomJacobian(i, neighbors, displacements, gradient);
        });
        for (int i = 0; i < result.Length; i++) result[i] ??= new AtomJacobian(i, [], [], []);   // neighbour-only atoms
        return result;
    }

    private static int ChunkCount() => Math.Max(1, Environment.ProcessorCount * 4);

    /// <summary>Up to this many atoms are swept on the calling thread.</summary>
    private const int SerialAtoms = 32;

    /// <summary>
    /// Runs <paramref name="body"/> for atoms that carry energy (all, or those of <paramref name="subset"/>) in parallel,
    /// each with its neighbour environment; the
    /// atoms are cut into a fixed number of contiguous chunks so that per-chunk sums are reduced in a
    /// fixed order (same result whatever the thread timing).
    /// </summary>
    private void ForAtoms(IEnumerable<int>? subset, Action<int, Workspace, int> body, Func<IAtomicEnergy>? atomicEnergy = null)
    {
        int[] atoms = (subset ?? Enumerable.Range(0, AtomCount)).Where(i => set.IsCentre(elementOfAtom[i])).ToArray();
        int chunks = Math.Min(ChunkCount(), Math.Max(1, atoms.Length));
        Workspace Chunk(int chunk, Workspace workspace)
        {
            int from = (int)((long)atoms.Length * chunk / chunks), to = (int)((long)atoms.Length * (chunk + 1) / chunks);
            for (int a = from; a < to; a++)
            {
                int i = atoms[a];
                Gather(i, workspace.Environment);
                body(i, workspace, chunk);
            }
            return workspace;
        }
        if (atoms.Length <= SerialAtoms)
        {
            // a few atoms (a Monte Carlo move's neighbourhood): the same chunks in turn, without the thread pool's overhead
            var workspace = new Workspace(atomicEnergy?.Invoke());
            for (int chunk = 0; chunk < chunks; chunk++) Chunk(chunk, workspace);
            return;
        }
        Parallel.For(0, chunks, () => new Workspace(atomicEnergy?.Invoke()), (chunk, _, workspace) => Chunk(chunk, workspace), _ => { });
    }

    /// <summary>What one thread reuses from atom to atom.</summary>
    private sealed class Workspace(IAtomicEnergy? atomicEnergy)
    {
        public readonly NeighborEnvironment Environment = new();
        public readonly KernelScratch Kernels = new();
        public readonly IAtomicEnergy? AtomicEnergy = atomicEnergy;
        private double[] weights = new double[64];

        public double[] Weights(int count)
        {
            if (weights.Length < count) weights = new double[count];
            Array.Clear(weights, 0, count);
            return weights;
        }
    }

    /// <summary>Adds an atom's dE/d(displacement) per neighbour to forces and virial.</summary>
    private static void Accumulate(int i, NeighborEnvironment env, Vec3[] forces, ref Mat3 virial)
    {
        for (int s = 0; s < env.Count; s++)
        {
            Vec3 g = env.Gradient[s];
            forces[env.Atom[s]] -= g;
            forces[i] += g;
            virial += -1 * Mat3.Outer(env.Displacement[s], g);
        }
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

/// <summary>
/// ∂G_id/∂d_s of one atom i for its neighbours s (d_s = r_j − r_i, listed in <see cref="Displacements"/>):
/// <see cref="Gradient"/>[d * Neighbors.Length + s]. Moving neighbour j changes G_i by +Gradient·δr_j,
/// moving atom i itself by −Σ_s Gradient_s·δr_i.
/// </summary>
public sealed record AtomJacobian(int Atom, int[] Neighbors, Vec3[] Displacements, Vec3[] Gradient);
