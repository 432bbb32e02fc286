using System.Diagnostics;

namespace MatSim.TestSupport;

/// <summary>Runs real external programs (ASE's Python, xtb, Slurm) from tests, skipping with the reason when absent.</summary>
public static class ExternalProgram
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static Result Run(string program, IEnumerable<string> arguments, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {program}");
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish in time");
        }
        return new Result(process.ExitCode, output.Result, error.Result);
    }

    /// <summary>
    /// A Python interpreter that can import <paramref name="module"/> (Debian's /usr/bin/python3
    /// first, where apt installs python3-ase), or skips the test saying how to install it.
    /// </summary>
    public static string RequirePythonWith(string module, string debianPackage)
    {
        foreach (string python in new[] { "/usr/bin/python3", "python3" })
        {
            try
            {
                if (Run(python, ["-c", $"import {module}"]).ExitCode == 0) return python;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // interpreter not present: try the next
            }
        }
        Assert.Skip($"Python module '{module}' is not installed (apt-get install -y {debianPackage}; .ci/run installs it)");
        return "";
    }
}
