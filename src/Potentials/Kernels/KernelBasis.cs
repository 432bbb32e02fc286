using MatSim.Descriptors.SymmetryFunctions;
using MatSim.Simulation.Geometry;

namespace MatSim.Potentials.Kernels;

/// <summary>
/// What maps a structure to kernel features: the symmetry functions, their scaling, the kernel and
/// the sparse environments. Atomic energy ε(q) = Σ_m α_m k(q, z_m) on scaled descriptors q.
/// </summary>
public sealed record KernelBasis(DescriptorSet Descriptors, SymmetryFunctionScaling Scaling, KernelFunction Kernel, SparseEnvironments Sparse)
{
    /// <summary>Scaled descriptors of every atom: [atom][d].</summary>
    public double[][] ScaledDescriptors(StructureDescriptors descriptors)
    {
        var result = new double[descriptors.AtomCount][];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = descriptors.Of(i).ToArray();
            Scaling.Apply(descriptors.ElementOfAtom[i], result[i]);
        }
        return result;
    }

    /// <summary>k(q, z_m) for every sparse environment of the atom's element (unit signal variance).</summary>
    public double[] AtomRow(int element, ReadOnlySpan<double> q)
    {
        int count = Sparse.CountOf(element);
        var row = new double[count];
        double qq = KernelFunction.Dot(q, q);
        for (int m = 0; m < count; m++) row[m] = Kernel.Value(q, Sparse.Point(element, m), qq, Sparse.Norms[element][m]);
        return row;
    }

    /// <summary>
    /// The design rows of one structure: the energy row u_m = Σ_i k(q_i, z_m) and, if asked, the
    /// force rows transposed, f[m, 3j + c] = −∂u_m/∂r_jc (columns by sparse environment, so that
    /// Gram sums are contiguous dot products).
    /// </summary>
    public StructureRows Rows(StructureDescriptors descriptors, bool forces)
    {
        int atoms = descriptors.AtomCount, total = Sparse.Total, width = 3 * atoms;
        double[][] q = ScaledDescriptors(descriptors);
        var energy = new double[total];
        double[]? force = forces ? new double[total * width] : null;
        AtomJacobian[]? jacobians = forces ? descriptors.Jacobians() : null;
        double[] accumulator = [], own = [], jacobian = [];
        for (int i = 0; i < atoms; i++)
        {
            int e = descriptors.ElementOfAtom[i], dimension = Sparse.Dimensions[e], count = Sparse.CountOf(e), offset = Sparse.Offset[e];
            double qq = KernelFunction.Dot(q[i], q[i]);
            if (force == null)
            {
                for (int m = 0; m < count; m++) energy[offset + m] += Kernel.Value(q[i], Sparse.Point(e, m), qq, Sparse.Norms[e][m]);
                continue;
            }
            AtomJacobian jac = jacobians![i];
            int neighbors = jac.Neighbors.Length, span = 3 * neighbors;
            ScaledJacobian(jac, Scaling.Factors(e), dimension, ref jacobian);
            Resize(ref own, span);
            Resize(ref accumulator, span);
            Contract(q[i], jacobian, span, own);
            for (int m = 0; m < count; m++)
            {
                ReadOnlySpan<double> z = Sparse.Point(e, m);
                double k = Kernel.Evaluate(q[i], z, qq, Sparse.Norms[e][m], out double a, out double b);
                energy[offset + m] += k;
                Contract(z, jacobian, span, accumulator);
                // ∂k/∂d_s = a (z·J)_s + b (q·J)_s; moving neighbour j by δ changes k by +∂k/∂d_s·δ, moving i by −
                Span<double> row = force.AsSpan((offset + m) * width, width);
                for (int s = 0; s < neighbors; s++)
                {
                    int j = jac.Neighbors[s];
                    for (int c = 0; c < 3; c++)
                    {
                        double v = a * accumulator[3 * s + c] + b * own[3 * s + c];
                        row[3 * j + c] -= v;
                        row[3 * i + c] += v;
                    }
                }
            }
        }
        return new StructureRows(energy, force, atoms, q) { EnergyAtoms = descriptors.CentreCount };
    }

    /// <summary>J'[d, 3s + c] = factor_d ∂G_d/∂d_s,c (the Jacobian of the scaled descriptors).</summary>
    private static void ScaledJacobian(AtomJacobian jac, ReadOnlySpan<double> factors, int dimension, ref double[] result)
    {
        int neighbors = jac.Neighbors.Length, span = 3 * neighbors;
        Resize(ref result, dimension * span);
        for (int d = 0; d < dimension; d++)
            for (int s = 0; s < neighbors; s++)
            {
                Vec3 g = jac.Gradient[d * neighbors + s];
                int at = d * span + 3 * s;
                result[at] = factors[d] * g.X;
                result[at + 1] = factors[d] * g.Y;
                result[at + 2] = factors[d] * g.Z;
            }
    }

    /// <summary>result = Σ_d x_d J'[d, ·].</summary>
    private static void Contract(ReadOnlySpan<double> x, double[] jacobian, int span, double[] result)
    {
        Span<double> r = result.AsSpan(0, span);
        r.Clear();
        for (int d = 0; d < x.Length; d++)
        {
            double c = x[d];
            if (c == 0) continue;
            DenseAlgebra.AddScaled(r, c, jacobian.AsSpan(d * span, span));
        }
    }

    private static void Resize(ref double[] buffer, int length)
    {
        if (buffer.Length < length) buffer = new double[length];
    }
}

/// <summary>
/// Design rows of one structure (see <see cref="KernelBasis.Rows"/>); <see cref="Forces"/> is [sparse m][3 atoms];
/// <see cref="Scaled"/> the scaled descriptors they were built from, [atom][d].
/// </summary>
public sealed record StructureRows(double[] Energy, double[]? Forces, int Atoms, double[][] Scaled)
{
    /// <summary>The atoms that carry energy (not neighbour-only elements): the energy noise grows with their number.</summary>
    public int EnergyAtoms { get; init; } = Atoms;
}
