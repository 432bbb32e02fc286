using MatSim.Screening.Campaigns;
using MatSim.Simulation.Config;
using MatSim.Simulation.Errors;
using MatSim.Simulation.IO;
using MatSim.Simulation.Jobs;

namespace MatSim.Screening.Execution;

/// <summary>
/// Runs one campaign job in this process: writes its configuration, marks it running, runs it through the job
/// runner (which writes results.json atomically), and records a failure with its kind and reason — a bad CIF or
/// missing parameters (input), the time limit (timeout), anything else (error). Cancellation by the user records
/// nothing: the job is simply pending again.
/// </summary>
public sealed class JobExecution(JobRunner runner, TimeSpan timeLimit)
{
    public JobState Run(CampaignJob job, CampaignDefinition campaign, CancellationToken cancellation)
    {
        if (File.Exists(Path.Combine(job.Folder, JobFolder.ResultsFile))) return JobState.Done;
        Directory.CreateDirectory(job.Folder);
        string configPath = Path.Combine(job.Folder, CampaignPlan.ConfigFileName);
        AtomicFile.WriteAllText(configPath, job.ConfigText);
        JobFolder.MarkRunning(job);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        limit.CancelAfter(timeLimit);
        try
        {
            ConfigMap root = ConfigDocument.Parse(job.ConfigText, configPath, campaign.BaseDirectory);
            PreparedRun run = runner.Prepare(root, configPath, job.Folder);
            runner.Run(run, TextWriter.Null, limit.Token);
            return JobState.Done;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            return JobState.Pending;
        }
        catch (OperationCanceledException)
        {
            JobFolder.RecordFailure(job, JobFolder.TimeoutFailure, $"stopped after the time limit of {timeLimit.TotalMinutes:G4} min");
            return JobState.Failed;
        }
        catch (InputException e)
        {
            JobFolder.RecordFailure(job, JobFolder.InputFailure, e.Message);
            return JobState.GaveUp;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            JobFolder.RecordFailure(job, JobFolder.ErrorFailure, $"{e.GetType().Name}: {e.Message}");
            return JobState.Failed;
        }
        finally
        {
            JobFolder.ClearRunning(job);
        }
    }
}
