using System.Globalization;
using System.Text;
using System.Text.Json;
using MatSim.Screening.Campaigns;
using MatSim.Simulation.IO;

namespace MatSim.Screening.Execution;

/// <summary>What one submission sent to Slurm: the stage, the array job, the job ids of each array task, and the follow-up job.</summary>
public sealed record SlurmSubmission(string Stage, string ArrayJobId, string FollowUpJobId, string FollowUp, string Manifest, int Tasks, DateTime SubmittedUtc);

/// <summary>
/// Submits a campaign to Slurm. The earliest stage with work goes out as one `sbatch --array=0-(n−1)%throttle`,
/// n tasks of up to chunk_size jobs each (the chunks are written to a manifest the tasks read); a follow-up job
/// waits for the array: `campaign run` again when stages remain (it submits the next stage, whose selection needs
/// this one's results), else `campaign collect` (--dependency=afterok). Jobs already queued or running in an
/// earlier submission are not sent again; failed jobs with retries left are (and only they).
/// </summary>
public sealed class SlurmExecutor(SlurmClient slurm, string matsimCommand) : ICampaignExecutor
{
    public const string FolderName = "slurm", SubmissionsFile = "submissions.json";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public string Name => "slurm";

    public void Run(Campaign campaign, TextWriter console, CancellationToken cancellation)
    {
        CampaignDefinition definition = campaign.Definition;
        string folder = Path.Combine(definition.OutputDirectory, FolderName);
        Directory.CreateDirectory(Path.Combine(folder, "logs"));
        var submissions = Submissions(definition);
        var active = Active(submissions);
        var queuedJobs = active.SelectMany(s => ReadManifest(s.Manifest).SelectMany(chunk => chunk)).ToHashSet();
        for (int s = 0; s < definition.Stages.Count; s++)
        {
            StagePlan plan = campaign.PlanStage(s);
            if (plan.WaitingFor != null)
            {
                console.WriteLine($"[{plan.Stage.Name}] waiting for {plan.WaitingFor}" + (active.Count > 0 ? $" (Slurm jobs {string.Join(", ", active.Select(a => a.ArrayJobId))} still queued)" : ""));
                return;
            }
            var todo = plan.Jobs.Where(j => j.NeedsWork && !queuedJobs.Contains(j.Job.Id)).Select(j => j.Job).ToList();
            if (todo.Count == 0) continue;
            var chunks = todo.Chunk(definition.Executor.Slurm.ChunkSize).Select(c => c.Select(j => j.Id).ToArray()).ToArray();
            string stamp = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmssfff", CultureInfo.InvariantCulture);
            string manifest = Path.Combine(folder, $"{plan.Stage.Name}-{stamp}.chunks.json");
            AtomicFile.WriteAllText(manifest, JsonSerializer.Serialize(chunks, Json));
            string arrayScript = WriteScript(definition, folder, $"{plan.Stage.Name}-{stamp}.sh",
                $"campaign worker {Quote(definition.FilePath)} --output {Quote(definition.OutputDirectory)} --manifest {Quote(manifest)} --task \"$SLURM_ARRAY_TASK_ID\"");
            var options = new List<string> { $"--array=0-{chunks.Length - 1}%{definition.Executor.Slurm.Throttle}", LogOption(folder, $"{plan.Stage.Name}-%A_%a.out") };
            // depend on anything still queued from before (e.g. retries of the same stage), so stages never overlap
            if (active.Count > 0) options.Add($"--dependency=afterany:{string.Join(":", active.Select(a => a.ArrayJobId))}");
            string arrayId = slurm.Submit(arrayScript, options);
            bool last = s == definition.Stages.Count - 1;
            string followUp = last ? "collect" : "run";
            string followScript = WriteScript(definition, folder, $"{followUp}-{stamp}.sh",
                last ? $"campaign collect {Quote(definition.FilePath)} --output {Quote(definition.OutputDirectory)}"
                     : $"campaign run {Quote(definition.FilePath)} --output {Quote(definition.OutputDirectory)} --executor slurm");
            string followId = slurm.Submit(followScript, [last ? $"--dependency=afterok:{arrayId}" : $"--dependency=afterany:{arrayId}", LogOption(folder, $"{followUp}-%j.out")]);
            submissions.Add(new SlurmSubmission(plan.Stage.Name, arrayId, followId, followUp, manifest, chunks.Length, DateTime.UtcNow));
            AtomicFile.WriteAllText(Path.Combine(folder, SubmissionsFile), JsonSerializer.Serialize(submissions, Json));
            console.WriteLine($"[{plan.Stage.Name}] submitted {todo.Count} jobs as Slurm array {arrayId} ({chunks.Length} tasks, at most " +
                $"{definition.Executor.Slurm.Throttle} at once); then job {followId} ({followUp})");
            return;
        }
        if (active.Count > 0)
            console.WriteLine($"nothing new to submit; Slurm jobs {string.Join(", ", active.Select(a => a.ArrayJobId))} are still queued or running");
        else
            console.WriteLine("every stage is finished: nothing to submit");
    }

    /// <summary>Submissions whose array or follow-up job Slurm still holds.</summary>
    public List<SlurmSubmission> Active(IReadOnlyList<SlurmSubmission> submissions)
    {
        var queued = slurm.Queue(submissions.SelectMany(s => new[] { s.ArrayJobId, s.FollowUpJobId })).Select(q => q.Id.Split('_')[0]).ToHashSet();
        return submissions.Where(s => queued.Contains(s.ArrayJobId) || queued.Contains(s.FollowUpJobId)).ToList();
    }

    public static List<SlurmSubmission> Submissions(CampaignDefinition definition)
    {
        string path = Path.Combine(definition.OutputDirectory, FolderName, SubmissionsFile);
        return File.Exists(path) ? JsonSerializer.Deserialize<List<SlurmSubmission>>(File.ReadAllText(path)) ?? [] : [];
    }

    public static string[][] ReadManifest(string path) => JsonSerializer.Deserialize<string[][]>(File.ReadAllText(path)) ?? [];

    /// <summary>The log path goes to sbatch as an argument, not into a #SBATCH line: paths may hold spaces or quotes.</summary>
    private static string LogOption(string folder, string log) => $"--output={Path.Combine(folder, "logs", log)}";

    /// <summary>
    /// The batch script. Text from the campaign reaches the shell only quoted (paths) or checked when it was read
    /// (the campaign's name, Slurm names as plain tokens, module names quoted, setup lines and the command one line each).
    /// </summary>
    private string WriteScript(CampaignDefinition definition, string folder, string name, string arguments)
    {
        SlurmSettings s = definition.Executor.Slurm;
        foreach (string named in new[] { definition.FilePath, definition.OutputDirectory, definition.BaseDirectory })
            if (named.Any(char.IsControl))
                throw definition.Error($"the path '{named.ReplaceLineEndings(" ")}' holds a line break or control character; a batch script cannot name it safely");
        var text = new StringBuilder();
        text.AppendLine("#!/bin/bash");
        text.AppendLine($"#SBATCH --job-name=matsim-{definition.Name}");
        text.AppendLine($"#SBATCH --time={s.Time}");
        text.AppendLine($"#SBATCH --cpus-per-task={s.CpusPerTask}");
        if (s.Partition != null) text.AppendLine($"#SBATCH --partition={s.Partition}");
        if (s.Account != null) text.AppendLine($"#SBATCH --account={s.Account}");
        text.AppendLine("set -euo pipefail");
        foreach (string module in s.Modules) text.AppendLine($"module load {Quote(module)}");
        foreach (string line in s.Setup) text.AppendLine(line);
        text.AppendLine($"cd {Quote(definition.BaseDirectory)}");
        text.AppendLine($"exec {matsimCommand} {arguments}");
        string path = Path.Combine(folder, name);
        AtomicFile.WriteAllText(path, text.ToString());
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        return path;
    }

    public static string Quote(string text) => "'" + text.Replace("'", "'\\''") + "'";
}
