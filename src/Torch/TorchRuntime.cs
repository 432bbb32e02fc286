using System.Runtime.InteropServices;
using TorchSharp;

namespace MatSim.Torch;

/// <summary>TorchSharp's native libraries cannot be loaded; the message says why and how to fix it.</summary>
public sealed class TorchUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The one entry point to TorchSharp's native runtime: loads it once, and when it cannot be
/// loaded explains why (the loader's own message) and what to do, instead of a bare
/// TypeInitializationException deep inside a model.
/// </summary>
public static class TorchRuntime
{
    private const string Wrapper = "libLibTorchSharp.so";
    private static readonly Lazy<Exception?> LoadFailure = new(TryLoad);

    /// <summary>Loads libtorch if needed; throws <see cref="TorchUnavailableException"/> when it cannot.</summary>
    public static void EnsureAvailable()
    {
        if (LoadFailure.Value is { } failure) throw failure;
    }

    /// <summary>"cpu", "cuda" or "cuda:N" as a TorchSharp device; a clear error when CUDA is absent.</summary>
    public static torch.Device ResolveDevice(string name)
    {
        EnsureAvailable();
        string lower = name.Trim().ToLowerInvariant();
        if (lower == "cpu") return torch.CPU;
        if (lower == "cuda" || lower.StartsWith("cuda:", StringComparison.Ordinal))
        {
            if (!torch.cuda.is_available())
                throw new TorchUnavailableException(
                    $"device '{name}' was requested but CUDA is not available: this build references the CPU libtorch " +
                    "(libtorch-cpu-linux-x64) or no NVIDIA GPU/driver is present. Use device: cpu, or build with the " +
                    "libtorch-cuda package on a machine with a GPU.");
            return torch.device(lower);
        }
        throw new ArgumentException($"unknown device '{name}'; expected cpu, cuda or cuda:N", nameof(name));
    }

    /// <summary>A one-line description of the loaded runtime (for `matsim --version` style reports).</summary>
    public static string Describe()
    {
        EnsureAvailable();
        return $"TorchSharp {typeof(torch).Assembly.GetName().Version}, CUDA {(torch.cuda.is_available() ? "available" : "not available")}";
    }

    private static Exception? TryLoad()
    {
        RequestReproducibleMkl();
        try
        {
            torch.InitializeDeviceType(DeviceType.CPU);
            return null;
        }
        catch (Exception e) when (e is NotSupportedException or DllNotFoundException or TypeInitializationException or EntryPointNotFoundException)
        {
            return new TorchUnavailableException(Explain(), e);
        }
    }

    /// <summary>
    /// libtorch's MKL chooses its kernels by the memory alignment of the operands unless MKL_CBWR says otherwise, so
    /// the same seed gave results that differed in the last bits from run to run (seen in nnp-train's force errors).
    /// AUTO keeps MKL's fastest code path for this processor and makes it independent of alignment. It must reach the
    /// native environment (setenv) before MKL's first call; a value the user set is kept.
    /// </summary>
    private static void RequestReproducibleMkl()
    {
        if (!OperatingSystem.IsLinux()) return;
        try
        {
            _ = SetNativeEnvironment("MKL_CBWR", "AUTO", 0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // without it results stay correct, only not reproducible to the last bit
        }
    }

    [DllImport("libc", EntryPoint = "setenv")]
    private static extern int SetNativeEnvironment(string name, string value, int overwrite);

    private static string Explain()
    {
        string? wrapper = FindWrapper();
        if (wrapper == null)
            return $"TorchSharp cannot load: {Wrapper} is not in the application folder ({AppContext.BaseDirectory}). " +
                "The project that runs this code must reference the native package libtorch-cpu-linux-x64 " +
                "(as src/Cli and the Torch test projects do) and be built for linux-x64.";
        try
        {
            NativeLibrary.Free(NativeLibrary.Load(wrapper));
        }
        catch (DllNotFoundException e)
        {
            return ExplainLoadFailure(wrapper, e.Message);
        }
        return $"TorchSharp cannot initialise libtorch although {wrapper} loads; check that libtorch_cpu.so and its " +
            $"companions are next to it (`ldd -r {wrapper}`).";
    }

    /// <summary>The message for a wrapper the dynamic loader refused, with the fix for the known cause.</summary>
    internal static string ExplainLoadFailure(string wrapper, string loaderMessage)
    {
        string fix = loaderMessage.Contains("GLIBCXX_", StringComparison.Ordinal)
            ? " This system's libstdc++ is older than the one TorchSharp was built with. MatSim's build marks that " +
              "version need weak in the copy in the output folder (build/LibTorchSharpPatch.targets); rebuild with " +
              "`dotnet build` (not a copy of an unpatched output) and check with `ldd -r " + wrapper + "`."
            : $" Check with `ldd -r {wrapper}` which library or symbol is missing.";
        return $"TorchSharp cannot load {wrapper}: {loaderMessage}.{fix}";
    }

    private static string? FindWrapper()
    {
        string[] candidates =
        [
            Path.Combine(AppContext.BaseDirectory, Wrapper),
            Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", Wrapper),
        ];
        return candidates.FirstOrDefault(File.Exists);
    }
}
