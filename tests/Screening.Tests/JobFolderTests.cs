using MatSim.Screening.Campaigns;
using MatSim.Screening.Execution;
using MatSim.TestSupport;

namespace MatSim.Screening.Tests;

public class JobFolderTests
{
    private static CampaignJob Job() => new("abc", new StageDefinition("s", "widom", new Dictionary<string, object>(), null),
        new FrameworkEntry("F", "/F.cif", "F.cif"), 298, 1, "job: widom\n", Path.Combine(Repository.TemporaryDirectory("job-folder"), "job"));

    [Fact]
    public void Failed_jobs_are_retried_up_to_the_limit_bad_input_never()
    {
        var job = Job();
        Assert.Equal(JobState.Pending, JobFolder.Read(job, retries: 1).State);
        JobFolder.RecordFailure(job, JobFolder.ErrorFailure, "crashed");
        Assert.Equal(JobState.Failed, JobFolder.Read(job, 1).State);
        Assert.True(JobFolder.Read(job, 1).NeedsWork);
        JobFolder.RecordFailure(job, JobFolder.TimeoutFailure, "too slow");
        var status = JobFolder.Read(job, 1);
        Assert.Equal(JobState.GaveUp, status.State);
        Assert.Equal(["crashed", "too slow"], status.Failures.Select(f => f.Reason));
        var other = Job();
        JobFolder.RecordFailure(other, JobFolder.InputFailure, "bad CIF");
        Assert.Equal(JobState.GaveUp, JobFolder.Read(other, 5).State);
    }

    [Fact]
    public void A_running_marker_counts_only_while_its_process_lives()
    {
        var job = Job();
        JobFolder.MarkRunning(job);
        Assert.Equal(JobState.Running, JobFolder.Read(job, 0).State);
        // a marker of a process that has exited (as after kill -9) is stale
        using var gone = System.Diagnostics.Process.Start("true")!;
        gone.WaitForExit();
        string marker = Path.Combine(job.Folder, JobFolder.RunningFile);
        File.WriteAllText(marker, File.ReadAllText(marker).Replace($"\"ProcessId\": {Environment.ProcessId}", $"\"ProcessId\": {gone.Id}"));
        Assert.Equal(JobState.Pending, JobFolder.Read(job, 0).State);
        File.WriteAllText(Path.Combine(job.Folder, JobFolder.ResultsFile), "{}");
        Assert.Equal(JobState.Done, JobFolder.Read(job, 0).State);
    }
}
