using System.Runtime.InteropServices;
using MathNet.Numerics.LinearAlgebra;
using SimdVector = System.Numerics.Vector;

namespace MatSim.Potentials.Kernels;

/// <summary>The dense linear algebra of kernel fits: SIMD kernels for Gram sums, Cholesky with jitter (MathNet.Numerics).</summary>
public static class DenseAlgebra
{
    /// <summary>y += c x.</summary>
    public static void AddScaled(Span<double> y, double c, ReadOnlySpan<double> x)
    {
        int k = 0;
        if (SimdVector.IsHardwareAccelerated && y.Length >= System.Numerics.Vector<double>.Count)
        {
            Span<System.Numerics.Vector<double>> vy = MemoryMarshal.Cast<double, System.Numerics.Vector<double>>(y);
            ReadOnlySpan<System.Numerics.Vector<double>> vx = MemoryMarshal.Cast<double, System.Numerics.Vector<double>>(x[..y.Length]);
            var vc = new System.Numerics.Vector<double>(c);
            for (int v = 0; v < vy.Length; v++) vy[v] += vc * vx[v];
            k = vy.Length * System.Numerics.Vector<double>.Count;
        }
        for (; k < y.Length; k++) y[k] += c * x[k];
    }

    /// <summary>
    /// G[a, b] += Σ_k w X[a, k] X[b, k] for the upper triangle (b ≥ a) of the M × M matrix G, with X
    /// given as M rows of <paramref name="width"/> (the transposed design rows of a structure).
    /// </summary>
    public static void AddGramUpper(double[] gram, ReadOnlySpan<double> rows, int count, int width, double weight = 1)
    {
        for (int a = 0; a < count; a++)
        {
            ReadOnlySpan<double> ra = rows.Slice(a * width, width);
            if (IsZero(ra)) continue;
            for (int b = a; b < count; b++) gram[a * count + b] += weight * KernelFunction.Dot(ra, rows.Slice(b * width, width));
        }
    }

    private static bool IsZero(ReadOnlySpan<double> x)
    {
        foreach (double v in x)
            if (v != 0) return false;
        return true;
    }

    /// <summary>Copies the upper triangle of a row-major square matrix into its lower triangle.</summary>
    public static void Symmetrize(double[] matrix, int size)
    {
        for (int a = 0; a < size; a++)
            for (int b = a + 1; b < size; b++) matrix[b * size + a] = matrix[a * size + b];
    }

    /// <summary>
    /// The lower Cholesky factor of a symmetric positive-definite matrix, adding jitter × mean
    /// diagonal to the diagonal when needed (from <paramref name="minimumJitter"/> or 1e-10 up to 1e-4,
    /// ten-fold steps); throws
    /// <see cref="SingularKernelException"/> naming <paramref name="what"/> when even that fails.
    /// </summary>
    public static (double[] Lower, double Jitter) Cholesky(double[] matrix, int size, string what, double minimumJitter = 0)
    {
        if (size == 0) return ([], 0);
        for (int i = 0; i < matrix.Length; i++)
            if (!double.IsFinite(matrix[i])) throw new SingularKernelException($"{what} contains a non-finite value");
        double meanDiagonal = 0;
        for (int i = 0; i < size; i++) meanDiagonal += matrix[i * size + i];
        meanDiagonal /= size;
        for (double jitter = minimumJitter; jitter <= 1e-4 * 1.0001; jitter = jitter == 0 ? 1e-10 : jitter * 10)
        {
            Matrix<double> m = Matrix<double>.Build.DenseOfColumnMajor(size, size, matrix);
            if (jitter > 0)
                for (int i = 0; i < size; i++) m[i, i] += jitter * meanDiagonal;
            try
            {
                Matrix<double> factor = m.Cholesky().Factor;
                if (IsFinite(factor, size)) return (factor.ToRowMajorArray(), jitter);
            }
            catch (ArgumentException)
            {
            }
        }
        throw new SingularKernelException($"{what} ({size} × {size}) is not positive definite even with a jitter of 1e-4 × its mean diagonal: " +
            "are there duplicate or near-duplicate environments, or non-finite descriptors?");
    }

    private static bool IsFinite(Matrix<double> factor, int size)
    {
        for (int i = 0; i < size; i++)
            if (!double.IsFinite(factor[i, i]) || factor[i, i] <= 0) return false;
        return true;
    }

    /// <summary>Solves L x = b in place (L lower triangular, row-major).</summary>
    public static void SolveLower(double[] lower, Span<double> b)
    {
        int n = b.Length;
        for (int i = 0; i < n; i++)
            b[i] = (b[i] - KernelFunction.Dot(lower.AsSpan(i * n, i), b[..i])) / lower[i * n + i];
    }

    /// <summary>Y = L⁻¹ X in place for a row-major m × m matrix X (forward substitution on whole rows).</summary>
    public static void SolveLowerRows(double[] lower, double[] x, int m)
    {
        for (int i = 0; i < m; i++)
        {
            Span<double> row = x.AsSpan(i * m, m);
            for (int k = 0; k < i; k++)
            {
                double l = lower[i * m + k];
                if (l != 0) AddScaled(row, -l, x.AsSpan(k * m, m));
            }
            double inverse = 1 / lower[i * m + i];
            for (int j = 0; j < m; j++) row[j] *= inverse;
        }
    }

    public static void Transpose(double[] matrix, int m)
    {
        for (int a = 0; a < m; a++)
            for (int b = a + 1; b < m; b++) (matrix[a * m + b], matrix[b * m + a]) = (matrix[b * m + a], matrix[a * m + b]);
    }

    /// <summary>Solves Lᵀ x = b in place (L lower triangular, row-major).</summary>
    public static void SolveUpperTransposed(double[] lower, Span<double> b)
    {
        int n = b.Length;
        for (int i = n - 1; i >= 0; i--)
        {
            b[i] /= lower[i * n + i];
            double xi = b[i];
            if (xi != 0) AddScaled(b[..i], -xi, lower.AsSpan(i * n, i));
        }
    }

    /// <summary>log det (L Lᵀ) = 2 Σ log L_ii.</summary>
    public static double LogDeterminant(double[] lower, int size)
    {
        double sum = 0;
        for (int i = 0; i < size; i++) sum += Math.Log(lower[i * size + i]);
        return 2 * sum;
    }
}

/// <summary>A kernel matrix could not be factorised (duplicates, non-finite values).</summary>
public sealed class SingularKernelException(string message) : Exception(message);
