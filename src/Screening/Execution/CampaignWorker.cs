using MatSim.Screening.Campaigns;
using MatSim.Simulation.Jobs;

namespace MatSim.Screening.Execution;

/// <summary>
/// What one Slurm array task does: reads its chunk of job ids from the manifest and runs those jobs one after
/// another (results and failures land in the job folders as with the local executor).
/// </summary>
public static class CampaignWorker
{
    public static int Run(Campaign campaign, JobRunner runner, string manifest, int task, TextWriter console, CancellationToken cancellation)
    {
        string[][] chunks = SlurmExecutor.ReadManifest(manifest);
        if (task < 0 || task >= chunks.Length) throw new ArgumentOutOfRangeException(nameof(task), $"task {task} is not in {manifest} ({chunks.Length} tasks)");
        var wanted = chunks[task].ToHashSet();
        var jobs = Enumerable.Range(0, campaign.Definition.Stages.Count)
            .SelectMany(s => campaign.PlanStage(s).Jobs).Where(j => wanted.Contains(j.Job.Id)).Select(j => j.Job).ToList();
        var missing = wanted.Except(jobs.Select(j => j.Id)).ToList();
        if (missing.Count > 0) console.WriteLine($"jobs not in the campaign any more (its file changed?): {string.Join(", ", missing)}");
        var execution = new JobExecution(runner, TimeSpan.FromMinutes(campaign.Definition.Executor.TimeLimitMinutes));
        foreach (CampaignJob job in jobs)
        {
            JobState state = execution.Run(job, campaign.Definition, cancellation);
            console.WriteLine($"{job.Label} ({job.Id}): {state.ToString().ToLowerInvariant()}");
        }
        return missing.Count > 0 ? 1 : 0;
    }
}
