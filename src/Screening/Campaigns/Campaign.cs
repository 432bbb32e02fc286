using System.Text.Json.Nodes;
using MatSim.Screening.Execution;
using MatSim.Screening.Results;

namespace MatSim.Screening.Campaigns;

/// <summary>The jobs of one stage as they stand now; <see cref="WaitingFor"/> says why there are none yet.</summary>
public sealed record StagePlan(StageDefinition Stage, IReadOnlyList<JobStatus> Jobs, string? WaitingFor);

/// <summary>
/// A campaign and the state of its folder: which jobs each stage has (a selecting stage only once the stages
/// before it have settled), their states, and the quantities their results hold.
/// </summary>
public sealed class Campaign(CampaignDefinition definition)
{
    public CampaignDefinition Definition => definition;

    public StagePlan PlanStage(int index)
    {
        StageDefinition stage = definition.Stages[index];
        if (stage.Select is not { } select)
            return Plan(stage, CampaignPlan.AllEntries(definition, stage));
        for (int earlier = 0; earlier < index; earlier++)
        {
            StagePlan before = PlanStage(earlier);
            if (before.WaitingFor != null) return new StagePlan(stage, [], before.WaitingFor);
            int open = before.Jobs.Count(j => j.State is JobState.Pending or JobState.Running);
            if (open > 0) return new StagePlan(stage, [], $"stage '{before.Stage.Name}' ({open} jobs not finished)");
        }
        var quantities = Quantities(index);
        var ranked = CampaignPlan.AllEntries(definition, stage)
            .Select(e => (Entry: e, Value: select.Expression.Evaluate(quantities.GetValueOrDefault((e.Item1.Name, e.Item2 ?? definition.Temperatures[0])) ?? new Dictionary<string, double>())))
            .Where(r => double.IsFinite(r.Value))
            .OrderByDescending(r => r.Value).ThenBy(r => r.Entry.Item1.Name, StringComparer.Ordinal)
            .Take(select.Top)
            .Select(r => r.Entry);
        return Plan(stage, ranked);
    }

    private StagePlan Plan(StageDefinition stage, IEnumerable<(FrameworkEntry, double?)> entries) =>
        new(stage, CampaignPlan.Expand(definition, stage, entries).Select(j => JobFolder.Read(j, definition.Executor.Retries)).ToList(), null);

    /// <summary>Every stage's plan, in order.</summary>
    public IReadOnlyList<StagePlan> PlanAll() => Enumerable.Range(0, definition.Stages.Count).Select(PlanStage).ToList();

    /// <summary>Rows of every finished job of the stages before <paramref name="stageCount"/> (all stages by default).</summary>
    public IEnumerable<ResultRow> Rows(int? stageCount = null)
    {
        for (int s = 0; s < (stageCount ?? definition.Stages.Count); s++)
            foreach (JobStatus status in PlanStage(s).Jobs.Where(j => j.State == JobState.Done))
            {
                var document = JsonNode.Parse(File.ReadAllText(Path.Combine(status.Job.Folder, JobFolder.ResultsFile)))!.AsObject();
                foreach (ResultRow row in ResultExtractor.Extract(status.Job, document)) yield return row;
            }
    }

    /// <summary>
    /// Per framework and temperature, the quantities of the stages before <paramref name="stageCount"/> by
    /// <see cref="ResultRow.Key"/>; structure-only results count at every temperature.
    /// </summary>
    public Dictionary<(string Framework, double Temperature), Dictionary<string, double>> Quantities(int? stageCount = null) =>
        QuantityTable.Build(Rows(stageCount), definition.Temperatures);
}
