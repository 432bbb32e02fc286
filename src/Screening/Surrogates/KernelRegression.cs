using MatSim.Potentials.Kernels;

namespace MatSim.Screening.Surrogates;

/// <summary>
/// Kernel ridge regression with the squared-exponential kernel, read also as a Gaussian process: with
/// K_y = σ_f²(K + λI), the posterior mean is the KRR prediction k*ᵀ(K + λI)⁻¹(y − ȳ) + ȳ, the variance
/// σ_f²(1 + λ − k*ᵀ(K + λI)⁻¹k*) (noise included), and σ_f² takes its maximum-likelihood value
/// (y − ȳ)ᵀ(K + λI)⁻¹(y − ȳ)/n (Rasmussen &amp; Williams, GPML, eqs. 2.25–2.30 with the scale profiled out).
/// </summary>
public sealed class KernelRegression
{
    private readonly double[][] x;
    private readonly double[] alpha, lower, xx;
    private readonly SquaredExponentialKernel kernel;
    private readonly double offset;

    public KernelRegression(double[][] x, double[] y, double lengthScale, double regularisation)
    {
        this.x = x;
        LengthScale = lengthScale;
        Regularisation = regularisation;
        kernel = new SquaredExponentialKernel(lengthScale);
        int n = y.Length;
        xx = x.Select(r => KernelFunction.Dot(r, r)).ToArray();
        offset = y.Average();
        var matrix = new double[n * n];
        for (int i = 0; i < n; i++)
        for (int j = 0; j <= i; j++)
            matrix[i * n + j] = matrix[j * n + i] = kernel.Value(x[i], x[j], xx[i], xx[j]) + (i == j ? regularisation : 0);
        (lower, _) = DenseAlgebra.Cholesky(matrix, n, "the surrogate's kernel matrix");
        alpha = y.Select(v => v - offset).ToArray();
        DenseAlgebra.SolveLower(lower, alpha);
        double quadratic = KernelFunction.Dot(alpha, alpha);
        DenseAlgebra.SolveUpperTransposed(lower, alpha);
        SignalVariance = quadratic / n;
        // log p(y) with σ_f² at its maximum: −n/2 log σ_f² − ½ log det(K + λI) − n/2 (1 + log 2π)
        LogMarginalLikelihood = -0.5 * n * Math.Log(SignalVariance) - 0.5 * DenseAlgebra.LogDeterminant(lower, n) - 0.5 * n * (1 + Math.Log(2 * Math.PI));
    }

    public double LengthScale { get; }
    public double Regularisation { get; }
    public double SignalVariance { get; }
    public double LogMarginalLikelihood { get; }

    public double Predict(double[] row) => Predict(row, out _);

    /// <summary>Posterior mean, and the predictive standard deviation (noise included).</summary>
    public double Predict(double[] row, out double sigma)
    {
        int n = alpha.Length;
        double rr = KernelFunction.Dot(row, row);
        var k = new double[n];
        for (int i = 0; i < n; i++) k[i] = kernel.Value(row, x[i], rr, xx[i]);
        double mean = offset + KernelFunction.Dot(k, alpha);
        DenseAlgebra.SolveLower(lower, k);
        double variance = SignalVariance * Math.Max(0, 1 + Regularisation - KernelFunction.Dot(k, k));
        sigma = Math.Sqrt(variance);
        return mean;
    }
}
