using System.Diagnostics;

namespace MatSim.Screening.Execution;

/// <summary>The Slurm commands MatSim uses (sbatch, squeue), run as processes; failures carry Slurm's own message.</summary>
public sealed class SlurmClient
{
    /// <summary>Submits a batch script; returns the job id (sbatch --parsable).</summary>
    public string Submit(string script, IEnumerable<string> options)
    {
        var (exit, output, error) = Run("sbatch", [.. options, "--parsable", script]);
        if (exit != 0) throw new InvalidOperationException($"sbatch failed (exit {exit}): {error.Trim()}{output.Trim()}");
        string id = output.Trim().Split(';')[0];
        if (!long.TryParse(id, out _)) throw new InvalidOperationException($"sbatch printed no job id: '{output.Trim()}'");
        return id;
    }

    /// <summary>States of the queued/running tasks of the given jobs (array tasks included), e.g. PENDING, RUNNING.</summary>
    public IReadOnlyList<(string Id, string State)> Queue(IEnumerable<string> jobIds)
    {
        var ids = jobIds.ToList();
        if (ids.Count == 0) return [];
        var (exit, output, _) = Run("squeue", ["-h", "-r", "-j", string.Join(",", ids), "-o", "%i %T"]);
        // squeue fails for ids it no longer knows (finished long ago): nothing of them is queued
        if (exit != 0) return ids.Count == 1 ? [] : ids.SelectMany(id => Queue([id])).ToList();
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Trim().Split(' ', 2)).Where(p => p.Length == 2).Select(p => (p[0], p[1])).ToList();
    }

    public static bool Available()
    {
        try { return Run("sbatch", ["--version"]).Exit == 0; }
        catch (System.ComponentModel.Win32Exception) { return false; }
    }

    private static (int Exit, string Output, string Error) Run(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }
}
