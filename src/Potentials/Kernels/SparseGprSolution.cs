namespace MatSim.Potentials.Kernels;

/// <summary>
/// One sparse GPR fit for given noise ratios λ = σ²_noise / σ²_signal (energy: per atom; forces:
/// per component). With the unit-signal kernel K, K_MM = L Lᵀ and Λ₀ the noise ratios,
///   B = K_MM + K_MN Λ₀⁻¹ K_NM = L P Lᵀ,  P = I + L⁻¹ K_MN Λ₀⁻¹ K_NM L⁻ᵀ,  α = B⁻¹ K_MN Λ₀⁻¹ y
/// (predictive mean ε(q) = Σ α_m k(q, z_m)). Working with the whitened P (eigenvalues ≥ 1) rather
/// than B keeps the fit and log det stable when K_MM is nearly singular (Titsias, AISTATS 2009;
/// the GPflow SGPR form). The signal variance is profiled out of the log marginal likelihood of
/// y ~ N(0, s(Q_NN + Λ₀)), Q = K_NM K_MM⁻¹ K_MN: ŝ = yᵀ(Q + Λ₀)⁻¹y / N, with log|Q + Λ₀| =
/// log|Λ₀| + log|P| (matrix determinant lemma; Rasmussen &amp; Williams, GPML, A.9–A.10).
/// </summary>
public sealed record SparseGprSolution(double[] Weights, double SignalVariance, double EnergyRatio, double ForceRatio,
    double LogLikelihood, double[] LowerK, double[] LowerP, double Jitter)
{
    /// <summary>Energy noise σ_E per atom (eV).</summary>
    public double EnergySigma => Math.Sqrt(SignalVariance * EnergyRatio);
    /// <summary>Force noise σ_F per component (eV/Å).</summary>
    public double ForceSigma => Math.Sqrt(SignalVariance * ForceRatio);

    /// <summary>tᵀK_MM⁻¹t and tᵀB⁻¹t for a row t of kernel values with the sparse environments (unit signal).</summary>
    public (double Prior, double Posterior) Quadratics(ReadOnlySpan<double> t)
    {
        double[] w = t.ToArray();
        DenseAlgebra.SolveLower(LowerK, w);
        double prior = KernelFunction.Dot(w, w);
        DenseAlgebra.SolveLower(LowerP, w);
        return (prior, KernelFunction.Dot(w, w));
    }

    /// <summary>
    /// Solves for given ratios. With <paramref name="signalVariance"/> given, it is used instead of
    /// the profiled estimate. With <paramref name="strict"/> (a likelihood search) a fit whose
    /// likelihood is lost to rounding is refused; otherwise (e.g. an interpolating GPR with noise
    /// → 0, or a cross-validation fit) it is kept and its likelihood is −∞.
    /// </summary>
    public static SparseGprSolution Solve(WhitenedSystem system, double energyRatio, double forceRatio, bool useForces,
        double? signalVariance = null, bool strict = true)
    {
        NormalEquations sums = system.Sums;
        int m = sums.Size;
        var p = new double[m * m];
        var r = new double[m];
        for (int i = 0; i < m * m; i++) p[i] = system.EnergyT[i] / energyRatio + (useForces ? system.ForceT[i] / forceRatio : 0);
        for (int i = 0; i < m; i++)
        {
            p[i * m + i] += 1;
            r[i] = system.EnergyR[i] / energyRatio + (useForces ? system.ForceR[i] / forceRatio : 0);
        }
        (double[] lowerP, double jitter) = DenseAlgebra.Cholesky(p, m, "the whitened sparse GPR matrix I + L⁻¹K_MN Λ⁻¹K_NM L⁻ᵀ");
        double[] v = (double[])r.Clone();
        DenseAlgebra.SolveLower(lowerP, v);
        double[] alpha = (double[])v.Clone();
        DenseAlgebra.SolveUpperTransposed(lowerP, alpha);
        DenseAlgebra.SolveUpperTransposed(system.Kmm.Lower, alpha);
        int forceCount = useForces ? sums.ForceCount : 0;
        int n = sums.EnergyCount + forceCount;
        // yᵀ(Q + Λ₀)⁻¹y = yᵀΛ₀⁻¹y − |v|²: a difference of large terms when the noise ratios are
        // small; when it is not well above their rounding error the likelihood is meaningless
        double direct = sums.EnergySquares / energyRatio + (useForces ? sums.ForceSquares / forceRatio : 0);
        double quadratic = direct - KernelFunction.Dot(v, v);
        bool resolved = quadratic > 1e-7 * direct && jitter == 0;
        if (!resolved && strict)
            throw new SingularKernelException($"noise ratios {energyRatio:G3} (energy) and {forceRatio:G3} (forces) are below what double precision resolves for these data (yᵀC⁻¹y lost to cancellation)");
        double logDetC = sums.EnergyCount * Math.Log(energyRatio) + sums.LogAtomCounts + forceCount * Math.Log(forceRatio) + DenseAlgebra.LogDeterminant(lowerP, m);
        if (!resolved) quadratic = Math.Max(quadratic, 1e-7 * direct);
        double s = signalVariance ?? quadratic / n;
        double logLikelihood = resolved ? -0.5 * quadratic / s - 0.5 * n * Math.Log(2 * Math.PI * s) - 0.5 * logDetC : double.NegativeInfinity;
        if (alpha.Any(a => !double.IsFinite(a)) || (resolved && !double.IsFinite(logLikelihood)))
            throw new SingularKernelException($"the fit with noise ratios {energyRatio:G3} (energy) and {forceRatio:G3} (forces) gave non-finite weights");
        return new SparseGprSolution(alpha, s, energyRatio, forceRatio, logLikelihood, system.Kmm.Lower, lowerP, Math.Max(jitter, system.Kmm.Jitter));
    }
}

/// <summary>
/// The normal-equation sums whitened by K_MM = L Lᵀ: T_E = L⁻¹ A_E L⁻ᵀ, T_F likewise, r = L⁻¹ b
/// (O(M³) once per kernel parameter and data set; every noise ratio then costs one Cholesky).
/// </summary>
public sealed record WhitenedSystem(NormalEquations Sums, SparseKernelMatrix Kmm, double[] EnergyT, double[] ForceT, double[] EnergyR, double[] ForceR)
{
    public static WhitenedSystem Create(NormalEquations sums, SparseKernelMatrix kmm)
    {
        int m = sums.Size;
        double[] energyR = sums.EnergyRhs.ToArray(), forceR = sums.ForceRhs.ToArray();
        DenseAlgebra.SolveLower(kmm.Lower, energyR);
        DenseAlgebra.SolveLower(kmm.Lower, forceR);
        return new WhitenedSystem(sums, kmm, Whiten(kmm.Lower, sums.EnergyGram, m), Whiten(kmm.Lower, sums.ForceGram, m), energyR, forceR);
    }

    private static double[] Whiten(double[] lower, double[] gram, int m)
    {
        double[] y = (double[])gram.Clone();
        DenseAlgebra.SolveLowerRows(lower, y, m);
        DenseAlgebra.Transpose(y, m);
        DenseAlgebra.SolveLowerRows(lower, y, m);
        DenseAlgebra.Symmetrize(y, m);
        return y;
    }
}

/// <summary>The Cholesky factor of K_MM of the sparse environments (block diagonal by element, unit signal; jitter added if needed).</summary>
public sealed record SparseKernelMatrix(double[] Lower, double Jitter)
{
    /// <remarks>
    /// <paramref name="minimumJitter"/> (relative to the mean diagonal) regularises a nearly singular
    /// K_MM: L⁻¹ then stays small enough for the whitened matrices to keep their precision.
    /// </remarks>
    public static SparseKernelMatrix Build(KernelBasis basis, double minimumJitter = 0)
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
        (double[] lower, double jitter) = DenseAlgebra.Cholesky(values, m, "the kernel matrix of the sparse environments K_MM", minimumJitter);
        return new SparseKernelMatrix(lower, jitter);
    }
}
