using System.Diagnostics;
using System.Text.Json;
using MatSim.Screening.Campaigns;
using MatSim.Simulation.IO;

namespace MatSim.Screening.Execution;

/// <summary>Where a campaign job stands, as its folder records it.</summary>
public enum JobState { Pending, Running, Done, Failed, GaveUp }

/// <summary>One failed attempt: when, what kind (input, timeout, error) and why.</summary>
public sealed record FailureRecord(DateTime Utc, string Kind, string Reason, string Host);

/// <summary>A job's state as its folder shows it.</summary>
public sealed record JobStatus(CampaignJob Job, JobState State, IReadOnlyList<FailureRecord> Failures)
{
    /// <summary>Worth running now: never run, or failed with attempts left.</summary>
    public bool NeedsWork => State is JobState.Pending or JobState.Failed;
}

/// <summary>
/// The files that record a job's progress in its folder: results.json (written atomically by the job runner:
/// present means done), failures.json (every failed attempt with its reason) and running.json (host, process,
/// start; a marker left by a killed process is recognised as stale).
/// </summary>
public static class JobFolder
{
    public const string ResultsFile = "results.json", FailuresFile = "failures.json", RunningFile = "running.json";
    public const string InputFailure = "input", TimeoutFailure = "timeout", ErrorFailure = "error";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static JobStatus Read(CampaignJob job, int retries)
    {
        var failures = Failures(job);
        if (File.Exists(Path.Combine(job.Folder, ResultsFile))) return new JobStatus(job, JobState.Done, failures);
        if (IsRunning(job)) return new JobStatus(job, JobState.Running, failures);
        if (failures.Count == 0) return new JobStatus(job, JobState.Pending, failures);
        // bad input fails the same way every time: no retries
        bool gaveUp = failures[^1].Kind == InputFailure || failures.Count > retries;
        return new JobStatus(job, gaveUp ? JobState.GaveUp : JobState.Failed, failures);
    }

    public static IReadOnlyList<FailureRecord> Failures(CampaignJob job)
    {
        string path = Path.Combine(job.Folder, FailuresFile);
        return File.Exists(path) ? JsonSerializer.Deserialize<List<FailureRecord>>(File.ReadAllText(path)) ?? [] : [];
    }

    public static void RecordFailure(CampaignJob job, string kind, string reason)
    {
        var failures = Failures(job).Append(new FailureRecord(DateTime.UtcNow, kind, reason, Environment.MachineName)).ToList();
        Directory.CreateDirectory(job.Folder);
        AtomicFile.WriteAllText(Path.Combine(job.Folder, FailuresFile), JsonSerializer.Serialize(failures, Json));
    }

    public static void MarkRunning(CampaignJob job)
    {
        Directory.CreateDirectory(job.Folder);
        var marker = new RunningMarker(Environment.MachineName, Environment.ProcessId, DateTime.UtcNow);
        AtomicFile.WriteAllText(Path.Combine(job.Folder, RunningFile), JsonSerializer.Serialize(marker, Json));
    }

    public static void ClearRunning(CampaignJob job) => File.Delete(Path.Combine(job.Folder, RunningFile));

    private sealed record RunningMarker(string Host, int ProcessId, DateTime StartedUtc);

    /// <summary>A marker counts only while its process lives (same host) — a killed run leaves a stale one.</summary>
    private static bool IsRunning(CampaignJob job)
    {
        string path = Path.Combine(job.Folder, RunningFile);
        if (!File.Exists(path)) return false;
        RunningMarker? marker;
        try { marker = JsonSerializer.Deserialize<RunningMarker>(File.ReadAllText(path)); }
        catch (JsonException) { return false; }
        if (marker == null) return false;
        if (marker.Host != Environment.MachineName) return true;
        if (marker.ProcessId == Environment.ProcessId) return true;
        try
        {
            using var process = Process.GetProcessById(marker.ProcessId);
            return !process.HasExited && process.StartTime.ToUniversalTime() <= marker.StartedUtc.AddSeconds(1);
        }
        catch (ArgumentException) { return false; }
        catch (InvalidOperationException) { return false; }
    }
}
