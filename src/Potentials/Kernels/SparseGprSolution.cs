namespace MatSim.Potentials.Kernels;

/// <summary>
/// One sparse GPR fit for given noise ratios λ = σ²_noise / σ²_signal (energy: per atom; forces:
/// per component). With the unit-signal kernel K and Λ₀ the noise ratios,
///   B = K_MM + K_MN Λ₀⁻¹ K_NM,  α = B⁻¹ K_MN Λ₀⁻¹ y  (predictive mean ε(q) = Σ α_m k(q, z_m)),
/// and the signal variance is profiled out of the log marginal likelihood of y ~ N(0, s(Q_NN + Λ₀)),
/// Q = K_NM K_MM⁻¹ K_MN: ŝ = yᵀ(Q + Λ₀)⁻¹y / N, with the inverse and the determinant by the
/// Woodbury identity and the matrix determinant lemma (Rasmussen &amp; Williams, GPML, eqs. 2.30, A.9, A.10).
/// </summary>
public sealed record SparseGprSolution(double[] Weights, double SignalVariance, double EnergyRatio, double ForceRatio,
    double LogLikelihood, double[] LowerK, double[] LowerB, double Jitter)
{
    /// <summary>Energy noise σ_E per atom (eV).</summary>
    public double EnergySigma => Math.Sqrt(SignalVariance * EnergyRatio);
    /// <summary>Force noise σ_F per component (eV/Å).</summary>
    public double ForceSigma => Math.Sqrt(SignalVariance * ForceRatio);

    /// <summary>
    /// Solves for given ratios. With
    /// <paramref name="signalVariance"/> given, it is used instead of the profiled estimate.
    /// </summary>
    public static SparseGprSolution Solve(NormalEquations sums, SparseKernelMatrix kmm, double energyRatio, double forceRatio, bool useForces, double? signalVariance = null)
    {
        int m = sums.Size;
        var b = new double[m * m];
        var rhs = new double[m];
        for (int i = 0; i < m * m; i++)
            b[i] = kmm.Values[i] + sums.EnergyGram[i] / energyRatio + (useForces ? sums.ForceGram[i] / forceRatio : 0);
        for (int i = 0; i < m; i++) rhs[i] = sums.EnergyRhs[i] / energyRatio + (useForces ? sums.ForceRhs[i] / forceRatio : 0);
        (double[] lowerB, double jitter) = DenseAlgebra.Cholesky(b, m, "the sparse GPR system matrix B = K_MM + K_MN Λ⁻¹ K_NM");
        double[] alpha = DenseAlgebra.CholeskySolve(lowerB, rhs);
        int forceCount = useForces ? sums.ForceCount : 0;
        int n = sums.EnergyCount + forceCount;
        double quadratic = sums.EnergySquares / energyRatio + (useForces ? sums.ForceSquares / forceRatio : 0) - KernelFunction.Dot(rhs, alpha);
        quadratic = Math.Max(quadratic, 1e-300);
        double logDetC = sums.EnergyCount * Math.Log(energyRatio) + sums.LogAtomCounts + forceCount * Math.Log(forceRatio)
                         + DenseAlgebra.LogDeterminant(lowerB, m) - kmm.LogDeterminant;
        double s = signalVariance ?? quadratic / n;
        double logLikelihood = -0.5 * quadratic / s - 0.5 * n * Math.Log(2 * Math.PI * s) - 0.5 * logDetC;
        if (!double.IsFinite(logLikelihood) || alpha.Any(a => !double.IsFinite(a)))
            throw new SingularKernelException($"the fit with noise ratios {energyRatio:G3} (energy) and {forceRatio:G3} (forces) gave non-finite weights");
        return new SparseGprSolution(alpha, s, energyRatio, forceRatio, logLikelihood, kmm.Lower, lowerB, Math.Max(jitter, kmm.Jitter));
    }
}

/// <summary>K_MM of the sparse environments (block diagonal by element, unit signal) with its Cholesky factor.</summary>
public sealed record SparseKernelMatrix(double[] Values, double[] Lower, double LogDeterminant, double Jitter)
{
    public static SparseKernelMatrix Build(KernelBasis basis)
    {
        SparseEnvironments sparse = basis.Sparse;
        int m = sparse.Total;
        var values = new double[m * m];
        for (int e = 0; e < sparse.Points.Length; e++)
        {
            int count = sparse.CountOf(e), offset = sparse.Offset[e];
            Parallel.For(0, count, a =>
            {
                for (int b = a; b < count; b++)
                {
                    double k = basis.Kernel.Value(sparse.Point(e, a), sparse.Point(e, b), sparse.Norms[e][a], sparse.Norms[e][b]);
                    values[(offset + a) * m + offset + b] = k;
                    values[(offset + b) * m + offset + a] = k;
                }
            });
        }
        (double[] lower, double jitter) = DenseAlgebra.Cholesky(values, m, "the kernel matrix of the sparse environments K_MM");
        double added = jitter * Mean(values, m);
        for (int i = 0; i < m; i++) values[i * m + i] += added;
        return new SparseKernelMatrix(values, lower, DenseAlgebra.LogDeterminant(lower, m), jitter);
    }

    private static double Mean(double[] values, int m)
    {
        double sum = 0;
        for (int i = 0; i < m; i++) sum += values[i * m + i];
        return sum / m;
    }
}
