using TorchSharp;
using static TorchSharp.torch;

namespace MatSim.Torch;

/// <summary>
/// The tensor operations whose TorchSharp forms make a hidden Scalar: <c>a + b</c> is <c>a.add(b)</c>, which passes a
/// temporary alpha = 1 that the garbage collector may finalise while libtorch still reads it (seen as "Unknown
/// scalar type" / toDouble failures in long trainings); <c>square()</c> is <c>pow(2)</c> with a temporary 2;
/// <c>s − t</c> and softplus likewise. These forms pass process-lived Scalars or none. A test scans MatSim's
/// assemblies so that no call to the hidden-Scalar forms comes back.
/// </summary>
public static class TensorMath
{
    private static readonly Scalar One = Constant.Of(1), IntegerOne = Constant.Integer(1);
    private static readonly Scalar SoftplusThreshold = Constant.Of(20);

    /// <summary>a + b.</summary>
    public static Tensor Plus(this Tensor a, Tensor b) => a.add(b, UnitFor(a));

    /// <summary>a + s.</summary>
    public static Tensor Plus(this Tensor a, Scalar s) => a.add(s, UnitFor(a));

    /// <summary>s − t.</summary>
    public static Tensor SubtractedFrom(this Tensor t, Scalar s) => t.neg().add(s, UnitFor(t));

    // libtorch refuses a floating-point alpha for integer tensors (bin indices)
    private static Scalar UnitFor(Tensor t) => t.is_floating_point() ? One : IntegerOne;

    /// <summary>t².</summary>
    public static Tensor Squared(this Tensor t) => t.mul(t);

    /// <summary>ln(1 + eˣ), x itself above 20 — libtorch's softplus with β = 1 and its default threshold.</summary>
    public static Tensor Softplus(this Tensor x) => where(x.gt(SoftplusThreshold), x, x.clamp_max(SoftplusThreshold).exp().log1p());
}
