using MatSim.Descriptors.SymmetryFunctions;
using MatSim.Simulation.Chemistry;
using MatSim.Simulation.Geometry;
using MatSim.Potentials.AtomCentred;

namespace MatSim.Potentials.Kernels;

/// <summary>
/// Predictive standard deviations (eV, eV/Å): of the structure's energy, of each atomic energy and,
/// if asked, of each force component (3 per atom). Latent-function uncertainty, without the noise
/// terms <see cref="KernelPotential.EnergySigma"/> and <see cref="KernelPotential.ForceSigma"/>.
/// </summary>
public sealed record KernelUncertainty(double Energy, double[] AtomEnergies, double[]? Forces)
{
    public double MaxAtomEnergy => AtomEnergies.Length == 0 ? 0 : AtomEnergies.Max();
}

/// <summary>
/// A kernel (sparse Gaussian-process) potential on symmetry functions, as GAP (Bartók et al.,
/// PRL 104, 136403 (2010)): E = Σ_i [μ_e(i) + Σ_m α_m k(q_i, z_m)], q the scaled descriptors,
/// z the sparse environments of the atom's element. The mean is exact for any kernel; forces come
/// from the analytic descriptor derivatives. Variances are those of the projected-process (DTC)
/// approximation: s [k_** − k_*Mᵀ K_MM⁻¹ k_*M + k_*Mᵀ B⁻¹ k_*M] (<see cref="SparseGprSolution"/>).
/// </summary>
public sealed class KernelPotential : IAtomCentredModel
{
    public string Name => "kernel";
    public KernelBasis Basis { get; }
    public SparseGprSolution Fit { get; }
    /// <summary>Energy per atom of each element subtracted before fitting (eV).</summary>
    public double[] ElementOffsets { get; }
    public IReadOnlyDictionary<string, string> Provenance { get; init; } = new Dictionary<string, string>();

    public KernelPotential(KernelBasis basis, SparseGprSolution fit, double[] elementOffsets)
    {
        if (fit.Weights.Length != basis.Sparse.Total) throw new ArgumentException($"{fit.Weights.Length} weights for {basis.Sparse.Total} sparse environments");
        Basis = basis;
        Fit = fit;
        ElementOffsets = elementOffsets;
    }

    public DescriptorSet Descriptors => Basis.Descriptors;
    public double EnergySigma => Fit.EnergySigma;
    public double ForceSigma => Fit.ForceSigma;

    public AtomCentredPrediction Predict(Cell? cell, ReadOnlySpan<Vec3> positions, IReadOnlyList<Element> elements) =>
        Predict(cell, positions, DescriptorCalculator.ElementIndices(Descriptors, elements), forces: true);

    /// <summary>Energy and, with <paramref name="forces"/>, forces and virial in one sweep per atom (descriptors, kernel sum, backward pass).</summary>
    public AtomCentredPrediction Predict(Cell? cell, ReadOnlySpan<Vec3> positions, int[] elementOfAtom, bool forces)
    {
        if (!forces)
        {
            StructureDescriptors values = DescriptorCalculator.Compute(Descriptors, cell, positions, elementOfAtom);
            double[] energies = AtomEnergies(values, Enumerable.Range(0, values.AtomCount).ToArray());
            return new AtomCentredPrediction(energies.Sum(), null, Mat3.Zero, energies, values);
        }
        StructureDescriptors descriptors = DescriptorCalculator.Prepare(Descriptors, cell, positions, elementOfAtom);
        var atomEnergies = new double[descriptors.AtomCount];
        var force = new Vec3[descriptors.AtomCount];
        Mat3 virial = descriptors.EvaluateAtomic(() => new AtomicEnergy(this), atomEnergies, force);
        double energy = 0;
        foreach (double a in atomEnergies) energy += a;
        return new AtomCentredPrediction(energy, force, virial, atomEnergies, descriptors);
    }

    public SymmetryFunctionScaling Scaling => Basis.Scaling;

    IAtomicEnergy IAtomCentredModel.AtomicEnergy() => new AtomicEnergy(this);

    /// <summary>Atomic energies only of <paramref name="atoms"/>, by the same evaluator as the forces.</summary>
    private double[] AtomEnergies(StructureDescriptors descriptors, IReadOnlyList<int> atoms)
    {
        var evaluator = new AtomicEnergy(this);
        var result = new double[atoms.Count];
        for (int k = 0; k < atoms.Count; k++)
            if (Descriptors.IsCentre(descriptors.ElementOfAtom[atoms[k]]))
                result[k] = evaluator.Evaluate(descriptors.ElementOfAtom[atoms[k]], descriptors.Of(atoms[k]), default);
        return result;
    }

    public double EnergyVariance(Cell? cell, ReadOnlySpan<Vec3> positions, int[] elementOfAtom)
    {
        double sigma = Uncertainty(cell, positions, elementOfAtom, forces: false).Energy;
        return sigma * sigma;
    }

    /// <summary>Predictive standard deviations of one structure (see <see cref="KernelUncertainty"/>).</summary>
    public KernelUncertainty Uncertainty(Cell? cell, ReadOnlySpan<Vec3> positions, IReadOnlyList<Element> elements, bool forces) =>
        Uncertainty(cell, positions, DescriptorCalculator.ElementIndices(Descriptors, elements), forces);

    public KernelUncertainty Uncertainty(Cell? cell, ReadOnlySpan<Vec3> positions, int[] elementOfAtom, bool forces) =>
        Uncertainty(DescriptorCalculator.Compute(Descriptors, cell, positions, elementOfAtom), forces);

    /// <summary>Predictive standard deviations from descriptors already computed.</summary>
    public KernelUncertainty Uncertainty(StructureDescriptors descriptors, bool forces)
    {
        int[] elementOfAtom = descriptors.ElementOfAtom.ToArray();
        StructureRows rows = Basis.Rows(descriptors, forces);
        double[][] q = rows.Scaled;
        SparseEnvironments sparse = Basis.Sparse;
        double s = Fit.SignalVariance;
        int n = descriptors.AtomCount, total = sparse.Total;
        // prior variance of the energy: Σ_ij k(q_i, q_j) over atoms of the same element that carry energy
        double prior = 0;
        var norms = q.Select(x => KernelFunction.Dot(x, x)).ToArray();
        int[] centres = Enumerable.Range(0, n).Where(i => Descriptors.IsCentre(elementOfAtom[i])).ToArray();
        foreach (int i in centres)
            foreach (int j in centres)
                if (elementOfAtom[i] == elementOfAtom[j]) prior += Basis.Kernel.Value(q[i], q[j], norms[i], norms[j]);
        (double energyPrior, double energyPosterior) = Fit.Quadratics(rows.Energy);
        double energyVariance = s * (prior - energyPrior + energyPosterior);
        var atomSigma = new double[n];
        Parallel.For(0, n, i =>
        {
            int e = elementOfAtom[i];
            if (!Descriptors.IsCentre(e)) return;   // a neighbour-only atom has no energy, so no uncertainty of its own
            var t = new double[total];
            Basis.AtomRow(e, q[i]).CopyTo(t, sparse.Offset[e]);
            double selfK = Basis.Kernel.Value(q[i], q[i], norms[i], norms[i]);
            (double atomPrior, double atomPosterior) = Fit.Quadratics(t);
            double v = s * (selfK - atomPrior + atomPosterior);
            atomSigma[i] = Math.Sqrt(Math.Max(0, v));
        });
        double[]? forceSigma = null;
        if (rows.Forces is { } f)
        {
            int width = 3 * n;
            forceSigma = new double[width];
            Parallel.For(0, width, r =>
            {
                var t = new double[total];
                for (int m = 0; m < total; m++) t[m] = f[m * width + r];
                forceSigma[r] = Math.Sqrt(Math.Max(0, s * Fit.Quadratics(t).Posterior));
            });
        }
        return new KernelUncertainty(Math.Sqrt(Math.Max(0, energyVariance)), atomSigma, forceSigma);
    }

    /// <summary>ε(q) and, when <c>dEdG</c> is not empty, dε/dG (the fused sweep; one instance per thread).</summary>
    private sealed class AtomicEnergy(KernelPotential model) : IAtomicEnergy
    {
        private double[] q = new double[64];
        private double[] gradient = new double[64];

        public double Evaluate(int element, ReadOnlySpan<double> descriptors, Span<double> dEdG)
        {
            int dimension = descriptors.Length;
            if (q.Length < dimension)
            {
                q = new double[dimension];
                gradient = new double[dimension];
            }
            Span<double> x = q.AsSpan(0, dimension), g = gradient.AsSpan(0, dimension);
            descriptors.CopyTo(x);
            model.Basis.Scaling.Apply(element, x);
            g.Clear();
            SparseEnvironments sparse = model.Basis.Sparse;
            ReadOnlySpan<double> alpha = model.Fit.Weights.AsSpan(sparse.Offset[element], sparse.CountOf(element));
            double xx = KernelFunction.Dot(x, x), energy = 0, bSum = 0;
            bool gradientWanted = !dEdG.IsEmpty;
            for (int m = 0; m < alpha.Length; m++)
            {
                double k = model.Basis.Kernel.Evaluate(x, sparse.Point(element, m), xx, sparse.Norms[element][m], out double a, out double b);
                energy += alpha[m] * k;
                if (!gradientWanted) continue;
                DenseAlgebra.AddScaled(g, alpha[m] * a, sparse.Point(element, m));
                bSum += alpha[m] * b;
            }
            if (!gradientWanted) return model.ElementOffsets[element] + energy;
            ReadOnlySpan<double> factors = model.Basis.Scaling.Factors(element);
            for (int d = 0; d < dimension; d++) dEdG[d] = (g[d] + bSum * x[d]) * factors[d];
            return model.ElementOffsets[element] + energy;
        }
    }
}
