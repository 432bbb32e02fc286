using System.Diagnostics;

namespace MatSim.Learning.Calculators;

/// <summary>What an external program left: its exit code and its standard output and error together.</summary>
public sealed record ProgramRun(int ExitCode, string Output);

/// <summary>
/// Runs a reference program in its work folder with a time limit (the whole process tree is killed
/// when it is exceeded or the run is cancelled) and keeps its output in a log file there. Every
/// failure to run is a <see cref="CalculatorException"/> saying why.
/// </summary>
public static class ExternalProgram
{
    public static ProgramRun Run(string executable, IEnumerable<string> arguments, string workDirectory, TimeSpan timeLimit, string logName,
        string installHint, IReadOnlyDictionary<string, string>? environment = null, CancellationToken cancellation = default)
    {
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = workDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in arguments) start.ArgumentList.Add(a);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new CalculatorException($"cannot start {executable}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new CalculatorException($"cannot run {executable}: {e.Message} ({installHint})");
        }
        using (process)
        using (cancellation.Register(() => Kill(process)))
        {
            Task<string> output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            Task<string> error = process.StandardError.ReadToEndAsync(CancellationToken.None);
            if (!process.WaitForExit(timeLimit))
            {
                Kill(process);
                throw new CalculatorException($"{Path.GetFileName(executable)} did not finish within {timeLimit} in {workDirectory}");
            }
            cancellation.ThrowIfCancellationRequested();
            string text = output.Result + error.Result;
            File.WriteAllText(Path.Combine(workDirectory, logName), text);
            return new ProgramRun(process.ExitCode, text);
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // already exited
        }
    }
}
