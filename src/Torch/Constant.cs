using System.Collections.Concurrent;
using TorchSharp;

namespace MatSim.Torch;

/// <summary>
/// Scalars for tensor arithmetic that live as long as the process. A Scalar made implicitly from a
/// double (as in <c>2 * tensor</c>) can be finalised by the GC on another thread while libtorch
/// still reads it — seen as "Unknown scalar type" / toDouble failures when several runs share a
/// process. The values used here are few (layer constants, loss weights, batch counts), so they are
/// made once and kept (the alternative, a `using Scalar` per operation, is what the network code does).
/// </summary>
public static class Constant
{
    private static readonly ConcurrentDictionary<double, Scalar> Doubles = new();
    private static readonly ConcurrentDictionary<long, Scalar> Integers = new();

    public static Scalar Of(double value) => Doubles.GetOrAdd(value, v => v.ToScalar());

    /// <summary>An integer scalar: keeps integer tensors (bin indices) integer.</summary>
    public static Scalar Integer(long value) => Integers.GetOrAdd(value, v => v.ToScalar());
}
