using System.Diagnostics;
using System.Text.Json;

namespace MatSim.Cli.Tests;

/// <summary>`matsim run` as a real process, killed (SIGKILL) once its checkpoint has reached a step.</summary>
internal static class KilledRun
{
    public static void KillWhenCheckpointed(string config, string output, string checkpoint, long minimumStep, string stepProperty = "Step") =>
        KillWhen(config, output, () => File.Exists(checkpoint) && StepOf(checkpoint, stepProperty) >= minimumStep);

    /// <summary>`matsim run CONFIG -o OUTPUT` as a real process, killed (SIGKILL) as soon as <paramref name="ready"/> holds.</summary>
    public static void KillWhen(string config, string output, Func<bool> ready)
    {
        string matsim = Path.Combine(AppContext.BaseDirectory, "matsim.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in new[] { matsim, "run", config, "-o", output }) start.ArgumentList.Add(a);
        using Process process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var clock = Stopwatch.StartNew();
        while (!process.HasExited && clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            if (ready()) break;
            Thread.Sleep(20);
        }
        Assert.False(process.HasExited, "the run finished before it could be killed; make it longer");
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
        Assert.False(File.Exists(Path.Combine(output, "results.json")));
    }

    private static long StepOf(string checkpoint, string property)
    {
        try
        {
            using JsonDocument d = JsonDocument.Parse(File.ReadAllText(checkpoint));
            return d.RootElement.GetProperty(property).GetInt64();
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return -1;
        }
    }

    /// <summary>`matsim ARGS` as a real process, killed (SIGKILL) after <paramref name="delay"/> unless it ended first; whether it was killed.</summary>
    public static bool KillAfter(TimeSpan delay, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args.Prepend(Path.Combine(AppContext.BaseDirectory, "matsim.dll"))) start.ArgumentList.Add(a);
        using Process process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (process.WaitForExit(delay)) return false;
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
        return true;
    }
}
