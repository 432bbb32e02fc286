using System.Diagnostics;

namespace MatSim.Cli.Tests;

/// <summary>Runs the `matsim` command line in-process, or as its own process, and captures what it prints.</summary>
internal static class CliRunner
{
    public static (int Exit, string Output, string Error) Matsim(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = MatSimCommandLine.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>
    /// `dotnet matsim.dll ARGS` as a separate process, as users run it. Long TorchSharp runs go this way: in the test
    /// process the other tests' allocations make the GC run often, and TorchSharp lets the finaliser free implicit
    /// Scalars (e.g. the alpha of every tensor addition) while libtorch still reads them.
    /// </summary>
    public static (int Exit, string Output, string Error) MatsimProcess(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "matsim.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }
}
