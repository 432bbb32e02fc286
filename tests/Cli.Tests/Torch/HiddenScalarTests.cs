namespace MatSim.Cli.Tests.Torch;

/// <summary>
/// No TorchSharp Scalar that the garbage collector may finalise while libtorch reads it: MatSim's assemblies call
/// neither the implicit conversions to Scalar nor any TorchSharp method that makes one inside (found in
/// TorchSharp's own IL, transitively: <c>a + b</c> is <c>a.add(b)</c>, which passes a temporary alpha = 1).
/// Explicit <c>ToScalar()</c> values, held by <c>using</c> or for the process, are MatSim's to keep alive.
/// </summary>
public sealed class HiddenScalarTests
{
    private static bool MakesScalar(string callee) =>
        callee.StartsWith("TorchSharp.Scalar::op_Implicit", StringComparison.Ordinal) ||
        callee.StartsWith("TorchSharp.ScalarExtensionMethods::ToScalar", StringComparison.Ordinal);

    /// <summary>TorchSharp methods that create a Scalar themselves or through the TorchSharp methods they call.</summary>
    private static HashSet<string> HiddenScalarMakers(string torchSharp)
    {
        var calls = IlCalls.Calls(torchSharp).ToList();
        var makers = calls.Where(c => MakesScalar(c.Callee)).Select(c => c.Caller).ToHashSet();
        var callersOf = calls.GroupBy(c => c.Callee).ToDictionary(g => g.Key, g => g.Select(c => c.Caller).Distinct().ToList());
        var queue = new Queue<string>(makers);
        while (queue.Count > 0)
            foreach (string caller in callersOf.GetValueOrDefault(queue.Dequeue()) ?? [])
                if (makers.Add(caller)) queue.Enqueue(caller);
        return makers;
    }

    [Fact]
    public void MatSim_makes_no_implicit_or_hidden_TorchSharp_Scalar()
    {
        string folder = AppContext.BaseDirectory;
        HashSet<string> makers = HiddenScalarMakers(Path.Combine(folder, "TorchSharp.dll"));
        Assert.Contains(".Tensor::add(Tensor)", makers); // the scan finds what is known to be there
        Assert.Contains(".Tensor::op_Addition(Tensor,Tensor)", makers);

        string[] assemblies = Directory.GetFiles(folder, "MatSim.*.dll").Where(f => !f.Contains(".Tests.", StringComparison.Ordinal) && !f.EndsWith("TestSupport.dll", StringComparison.Ordinal))
            .Append(Path.Combine(folder, "matsim.dll")).ToArray();
        Assert.Contains(assemblies, a => a.EndsWith("MatSim.Sampling.dll", StringComparison.Ordinal));
        var offences = assemblies.SelectMany(a => IlCalls.Calls(a).Where(c => c.Callee.StartsWith("TorchSharp.Scalar::op_Implicit", StringComparison.Ordinal) || makers.Contains(c.Callee))
            .Select(c => $"{Path.GetFileName(a)}: {c.Caller} calls {c.Callee}")).Distinct().ToList();
        Assert.True(offences.Count == 0, "use MatSim.Torch.TensorMath (Plus, Squared, …) or explicit ToScalar():\n" + string.Join("\n", offences));
    }
}
