using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;

namespace MatSim.Potentials.Kernels;

/// <summary>
/// A covariance function k(x, z) between two (scaled) atomic descriptor vectors, with unit signal
/// variance (the model multiplies by its signal variance). Both kernels here depend on x only
/// through x·z and x·x, so the gradient has the form ∂k/∂x = a z + b x; the models use that form to
/// build force equations with one descriptor Jacobian contraction per sparse point.
/// </summary>
public abstract class KernelFunction
{
    /// <summary>`squared-exponential` or `polynomial`.</summary>
    public abstract string Name { get; }

    /// <summary>The parameter (length scale, or exponent) in the units of the scaled descriptors.</summary>
    public abstract double Parameter { get; }

    /// <summary>k(x, z) given xx = x·x and zz = z·z; outputs a, b with ∂k/∂x = a z + b x.</summary>
    public abstract double Evaluate(ReadOnlySpan<double> x, ReadOnlySpan<double> z, double xx, double zz, out double a, out double b);

    /// <summary>k(x, z) only.</summary>
    public double Value(ReadOnlySpan<double> x, ReadOnlySpan<double> z, double xx, double zz) => Evaluate(x, z, xx, zz, out _, out _);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name}({Parameter:G6})");

    public static KernelFunction Create(string name, double parameter) => name switch
    {
        "squared-exponential" => new SquaredExponentialKernel(parameter),
        "polynomial" => new PolynomialKernel(parameter),
        _ => throw new ArgumentException($"unknown kernel '{name}' (squared-exponential or polynomial)"),
    };

    /// <summary>x·z with SIMD.</summary>
    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> z)
    {
        int n = x.Length, k = 0;
        double sum = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var acc = Vector<double>.Zero;
            ReadOnlySpan<Vector<double>> vx = MemoryMarshal.Cast<double, Vector<double>>(x), vz = MemoryMarshal.Cast<double, Vector<double>>(z);
            for (int v = 0; v < vx.Length; v++) acc += vx[v] * vz[v];
            sum = Vector.Sum(acc);
            k = vx.Length * Vector<double>.Count;
        }
        for (; k < n; k++) sum += x[k] * z[k];
        return sum;
    }
}

/// <summary>k = exp(−|x − z|² / 2ℓ²) (the Gaussian kernel of GAP's "distance_2b"-style descriptors and of KRR).</summary>
public sealed class SquaredExponentialKernel : KernelFunction
{
    private readonly double inverseLength2;

    public SquaredExponentialKernel(double lengthScale)
    {
        if (!(lengthScale > 0) || !double.IsFinite(lengthScale)) throw new ArgumentException($"the length scale must be positive, not {lengthScale}");
        Parameter = lengthScale;
        inverseLength2 = 1 / (lengthScale * lengthScale);
    }

    public override string Name => "squared-exponential";
    public override double Parameter { get; }

    public override double Evaluate(ReadOnlySpan<double> x, ReadOnlySpan<double> z, double xx, double zz, out double a, out double b)
    {
        double distance2 = Math.Max(0, xx + zz - 2 * Dot(x, z));
        double k = Math.Exp(-0.5 * inverseLength2 * distance2);
        a = k * inverseLength2;
        b = -a;
        return k;
    }
}

/// <summary>
/// k = (x̂·ẑ)^ζ with x̂ = x/|x| (the normalised dot-product kernel of SOAP-GAP, Bartók et al.,
/// PRB 87, 184115 (2013)); use with non-negative descriptors (scaling `scale`).
/// </summary>
public sealed class PolynomialKernel : KernelFunction
{
    public PolynomialKernel(double exponent)
    {
        if (!(exponent >= 1) || !double.IsFinite(exponent)) throw new ArgumentException($"the exponent must be at least 1, not {exponent}");
        Parameter = exponent;
    }

    public override string Name => "polynomial";
    public override double Parameter { get; }

    public override double Evaluate(ReadOnlySpan<double> x, ReadOnlySpan<double> z, double xx, double zz, out double a, out double b)
    {
        const double tiny = 1e-300;
        double nx = Math.Sqrt(Math.Max(xx, tiny)), nz = Math.Sqrt(Math.Max(zz, tiny));
        double c = Dot(x, z) / (nx * nz);
        double power = Math.Pow(c, Parameter - 1);
        // ∂c/∂x = z/(|x||z|) − c x/|x|²
        a = Parameter * power / (nx * nz);
        b = -Parameter * power * c / (nx * nx);
        return power * c;
    }
}
