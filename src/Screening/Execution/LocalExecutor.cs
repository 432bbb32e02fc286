using MatSim.Screening.Campaigns;
using MatSim.Simulation.Jobs;

namespace MatSim.Screening.Execution;

/// <summary>
/// Runs the jobs here, stage after stage, at most <see cref="ExecutorSettings.Parallel"/> at a time (each job in
/// this process, sharing the loaded runtime). Ctrl-C cancels: running jobs stop and stay pending, finished ones
/// keep their results.
/// </summary>
public sealed class LocalExecutor(JobRunner runner) : ICampaignExecutor
{
    public string Name => "local";

    public void Run(Campaign campaign, TextWriter console, CancellationToken cancellation)
    {
        var settings = campaign.Definition.Executor;
        var execution = new JobExecution(runner, TimeSpan.FromMinutes(settings.TimeLimitMinutes));
        for (int s = 0; s < campaign.Definition.Stages.Count; s++)
        {
            StagePlan plan = campaign.PlanStage(s);
            if (plan.WaitingFor != null)
            {
                console.WriteLine($"[{plan.Stage.Name}] waiting for {plan.WaitingFor}");
                return;
            }
            var todo = plan.Jobs.Where(j => j.NeedsWork).Select(j => j.Job).ToList();
            int done = plan.Jobs.Count(j => j.State == JobState.Done), failed = 0, total = plan.Jobs.Count;
            console.WriteLine($"[{plan.Stage.Name}] {total} jobs: {done} done before, {todo.Count} to run, {settings.Parallel} at a time");
            var gate = new object();
            try
            {
                Parallel.ForEach(todo, new ParallelOptions { MaxDegreeOfParallelism = settings.Parallel, CancellationToken = cancellation }, job =>
                {
                    JobState state = execution.Run(job, campaign.Definition, cancellation);
                    lock (gate)
                    {
                        if (state == JobState.Done) done++;
                        else if (state is JobState.Failed or JobState.GaveUp) failed++;
                        string note = state is JobState.Failed or JobState.GaveUp ? $"  {job.Label} failed: {FirstLine(JobFolder.Failures(job)[^1].Reason)}" : "";
                        console.WriteLine($"[{plan.Stage.Name}] {ProgressBar.Draw(done + failed, total)} {done} done, {failed} failed{note}");
                    }
                });
            }
            catch (OperationCanceledException)
            {
                console.WriteLine($"[{plan.Stage.Name}] cancelled: {done} done; unfinished jobs stay pending");
                throw;
            }
            cancellation.ThrowIfCancellationRequested();
        }
    }

    private static string FirstLine(string text) => text.Split('\n')[0];
}

/// <summary>A text progress bar: [#####.....] 50%.</summary>
public static class ProgressBar
{
    public static string Draw(int done, int total, int width = 20)
    {
        int filled = total == 0 ? width : (int)Math.Round((double)width * done / total);
        return $"[{new string('#', filled)}{new string('.', width - filled)}] {(total == 0 ? 100 : 100 * done / total),3}%";
    }
}
