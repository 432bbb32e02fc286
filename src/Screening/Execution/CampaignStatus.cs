using System.Globalization;
using System.Text.Json.Nodes;
using MatSim.Screening.Campaigns;

namespace MatSim.Screening.Execution;

/// <summary>What `campaign plan` and `campaign status` print: jobs per stage and state, cost estimates, failures by reason, Slurm's queue.</summary>
public static class CampaignStatus
{
    public static void WritePlan(Campaign campaign, TextWriter output)
    {
        CampaignDefinition d = campaign.Definition;
        output.WriteLine($"campaign '{d.Name}': {d.Frameworks.Count} frameworks × {d.Temperatures.Count} temperature(s), {d.Stages.Count} stage(s); folder {d.OutputDirectory}");
        double remainingSeconds = 0;
        bool estimated = true;
        foreach (StagePlan plan in campaign.PlanAll())
        {
            string selection = plan.Stage.Select is { } s ? $", top {s.Top} by {s.Expression}" : "";
            if (plan.WaitingFor != null)
            {
                output.WriteLine($"  {plan.Stage.Name} ({plan.Stage.Job}{selection}): jobs known once {plan.WaitingFor} finish");
                estimated = false;
                continue;
            }
            int todo = plan.Jobs.Count(j => j.NeedsWork);
            double[] walls = plan.Jobs.Where(j => j.State == JobState.Done).Select(j => WallTime(j.Job)).Where(double.IsFinite).ToArray();
            string cost;
            if (walls.Length > 0)
            {
                double mean = walls.Average();
                remainingSeconds += mean * todo;
                cost = string.Create(CultureInfo.InvariantCulture, $"{mean:F1} s per job measured, {mean * todo / 3600:F2} core-hours to go");
            }
            else
            {
                cost = todo > 0 ? "cost unknown until a first job finishes" : "nothing to run";
                if (todo > 0) estimated = false;
            }
            output.WriteLine($"  {plan.Stage.Name} ({plan.Stage.Job}{selection}): {plan.Jobs.Count} jobs, {plan.Jobs.Count(j => j.State == JobState.Done)} done, {todo} to run; {cost}");
            foreach (JobStatus j in plan.Jobs.Take(3)) output.WriteLine($"    {j.Job.Id}  {j.Job.Label}");
            if (plan.Jobs.Count > 3) output.WriteLine($"    … {plan.Jobs.Count - 3} more");
        }
        int parallel = d.Executor.Parallel;
        output.WriteLine(estimated
            ? string.Create(CultureInfo.InvariantCulture, $"estimated wall time on {parallel} local cores: {remainingSeconds / parallel / 60:F1} min")
            : "estimated wall time: partly unknown (stages without a finished job, or waiting on a selection)");
    }

    public static void Write(Campaign campaign, TextWriter output)
    {
        CampaignDefinition d = campaign.Definition;
        output.WriteLine($"campaign '{d.Name}' in {d.OutputDirectory}");
        foreach (StagePlan plan in campaign.PlanAll())
        {
            if (plan.WaitingFor != null)
            {
                output.WriteLine($"  {plan.Stage.Name,-16} waiting for {plan.WaitingFor}");
                continue;
            }
            int Count(JobState s) => plan.Jobs.Count(j => j.State == s);
            int total = plan.Jobs.Count, done = Count(JobState.Done);
            output.WriteLine($"  {plan.Stage.Name,-16} {ProgressBar.Draw(done, total)}  {done} done, {Count(JobState.Running)} running, " +
                $"{Count(JobState.Failed)} failed (will retry), {Count(JobState.GaveUp)} gave up, {Count(JobState.Pending)} pending — {total} jobs");
            foreach (var group in plan.Jobs.Where(j => j.State is JobState.Failed or JobState.GaveUp)
                         .GroupBy(j => (j.Failures[^1].Kind, Reason: Shorten(j.Failures[^1].Reason, j.Job.Framework.Name))).OrderByDescending(g => g.Count()))
                output.WriteLine($"      {group.Count()} × {group.Key.Kind}: {group.Key.Reason} (e.g. {group.First().Job.Framework.Name})");
        }
        var submissions = SlurmExecutor.Submissions(d);
        if (submissions.Count > 0 && SlurmClient.Available())
        {
            var slurm = new SlurmClient();
            var queue = slurm.Queue(submissions.SelectMany(s => new[] { s.ArrayJobId, s.FollowUpJobId }));
            output.WriteLine(queue.Count == 0
                ? $"  Slurm: {submissions.Count} submission(s), none queued or running now"
                : $"  Slurm: {string.Join(", ", queue.GroupBy(q => q.State).Select(g => $"{g.Count()} {g.Key.ToLowerInvariant()}"))} task(s) of jobs " +
                  string.Join(", ", submissions.Select(s => s.ArrayJobId)));
        }
    }

    /// <summary>Polls Slurm until nothing this campaign submitted is queued or running.</summary>
    public static void WaitForSlurm(Campaign campaign, SlurmExecutor slurm, TextWriter output, CancellationToken cancellation)
    {
        string last = "";
        while (true)
        {
            var active = slurm.Active(SlurmExecutor.Submissions(campaign.Definition));
            if (active.Count == 0) break;
            string now = string.Join(", ", active.Select(a => $"{a.Stage}: array {a.ArrayJobId} → {a.FollowUp} {a.FollowUpJobId}"));
            if (now != last) output.WriteLine($"waiting for Slurm: {now}");
            last = now;
            Task.Delay(TimeSpan.FromSeconds(2), cancellation).Wait(cancellation);
        }
        output.WriteLine("Slurm has finished every submitted job");
    }

    private static double WallTime(CampaignJob job)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(Path.Combine(job.Folder, JobFolder.ResultsFile)))?["wall_time_s"]?.GetValue<double>() ?? double.NaN;
        }
        catch (IOException) { return double.NaN; }
    }

    /// <summary>A failure reason without what differs between frameworks (the name, the path), so like failures group.</summary>
    private static string Shorten(string reason, string framework)
    {
        string line = reason.Split('\n')[0];
        int colon = line.IndexOf(": ", StringComparison.Ordinal);
        if (colon > 0 && line[..colon].Contains('/')) line = line[(colon + 2)..];   // "path:line:col: problem"
        line = line.Replace(framework, "<framework>", StringComparison.Ordinal);
        return line.Length > 140 ? line[..140] + "…" : line;
    }
}
