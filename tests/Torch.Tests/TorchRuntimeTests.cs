using MatSim.Torch;
using MatSim.TestSupport;
using TorchSharp;
using static TorchSharp.torch;

namespace MatSim.Torch.Tests;

/// <summary>TorchSharp loads from the build output on this system and autograd works.</summary>
public class TorchRuntimeTests
{
    [Fact]
    public void BackwardGivesTheAnalyticGradient()
    {
        TorchRuntime.EnsureAvailable();
        using DisposeScope scope = NewDisposeScope();
        double[] values = [0.5, -1.25, 2.0];
        Tensor x = tensor(values, dtype: float64, requires_grad: true);
        Tensor y = (x.pow(3) + 2 * x.sin()).sum();
        y.backward();
        double[] gradient = x.grad!.data<double>().ToArray();
        for (int i = 0; i < values.Length; i++)
            Assert.Equal(3 * values[i] * values[i] + 2 * Math.Cos(values[i]), gradient[i], 1e-12);
    }

    [Fact]
    public void TheNativeWrapperInTheOutputFolderHasNoMissingDependency()
    {
        string wrapper = Path.Combine(AppContext.BaseDirectory, "libLibTorchSharp.so");
        Assert.True(File.Exists(wrapper), $"{wrapper} is not in the output folder");
        ExternalProgram.Result ldd;
        try
        {
            ldd = ExternalProgram.Run("ldd", ["-r", wrapper]);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Skip("ldd is not installed");
            return;
        }
        string report = ldd.Output + ldd.Error;
        // The build marks the GLIBCXX_3.4.32 need weak where libstdc++ lacks it: ldd reports it as a
        // *weak* version; nothing may be plainly missing.
        string[] missing = report.Split('\n')
            .Where(l => l.Contains("not found", StringComparison.Ordinal) && !l.Contains("weak version", StringComparison.Ordinal))
            .ToArray();
        Assert.True(missing.Length == 0, string.Join("\n", missing));
        Assert.DoesNotContain("undefined symbol", report);
    }

    [Fact]
    public void AskingForCudaWithoutCudaSaysWhyAndWhatToDo()
    {
        TorchRuntime.EnsureAvailable();
        if (cuda.is_available()) Assert.Skip("CUDA is available on this machine; the error path cannot be exercised");
        TorchUnavailableException e = Assert.Throws<TorchUnavailableException>(() => TorchRuntime.ResolveDevice("cuda"));
        Assert.Contains("CUDA is not available", e.Message);
        Assert.Contains("device: cpu", e.Message);
        Assert.Equal(CPU.type, TorchRuntime.ResolveDevice("cpu").type);
        Assert.Throws<ArgumentException>(() => TorchRuntime.ResolveDevice("tpu"));
    }

    [Fact]
    public void ALoaderFailureIsExplainedWithTheFix()
    {
        string message = TorchRuntime.ExplainLoadFailure("/opt/app/libLibTorchSharp.so",
            "/lib/x86_64-linux-gnu/libstdc++.so.6: version `GLIBCXX_3.4.32' not found");
        Assert.Contains("GLIBCXX_3.4.32", message);
        Assert.Contains("rebuild with `dotnet build`", message);
        Assert.Contains("ldd -r /opt/app/libLibTorchSharp.so", message);
        string other = TorchRuntime.ExplainLoadFailure("/opt/app/libLibTorchSharp.so", "libtorch_cpu.so: cannot open shared object file");
        Assert.Contains("libtorch_cpu.so", other);
        Assert.Contains("ldd -r", other);
    }
}
