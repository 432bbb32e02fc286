namespace MatSim.Screening.Campaigns;

/// <summary>
/// One job of a campaign: a stage applied to a framework (at a temperature), with its own configuration text,
/// seed and folder. <see cref="Id"/> is a hash of the configuration, so it stays the same across runs, machines
/// and executors and changes when anything about the job changes.
/// </summary>
public sealed record CampaignJob(string Id, StageDefinition Stage, FrameworkEntry Framework, double? TemperatureK, ulong Seed, string ConfigText, string Folder)
{
    public string Label => TemperatureK is { } t ? $"{Stage.Name}/{Framework.Name}@{t:G4}K" : $"{Stage.Name}/{Framework.Name}";
}
