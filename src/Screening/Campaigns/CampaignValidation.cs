using MatSim.Simulation.Config;
using MatSim.Simulation.Errors;
using MatSim.Simulation.Jobs;

namespace MatSim.Screening.Campaigns;

/// <summary>
/// Checks a campaign before it runs: every stage's job configuration is bound (keys, types, units, input files) for
/// a framework — with the same strictness as `matsim validate` — so a typo fails at once, not after hours. A
/// framework that cannot be simulated (bad CIF, missing parameters) is that job's failure, not the campaign's: the
/// next frameworks are tried, and only when the first few all fail is the first error the campaign's.
/// </summary>
public static class CampaignValidation
{
    private const int Attempts = 5;

    public static void Validate(CampaignDefinition campaign, JobRunner runner)
    {
        foreach (StageDefinition stage in campaign.Stages)
        {
            InputException? first = null;
            foreach (CampaignJob job in CampaignPlan.Expand(campaign, stage, CampaignPlan.AllEntries(campaign, stage).Take(Attempts)))
            {
                string source = $"{campaign.FilePath} (stage '{stage.Name}', job configuration for {job.Framework.Name})";
                try
                {
                    ConfigMap root = ConfigDocument.Parse(job.ConfigText, source, campaign.BaseDirectory);
                    runner.Prepare(root, source, Path.Combine(Path.GetTempPath(), "matsim-validate"));
                    first = null;
                    break;
                }
                catch (InputException e)
                {
                    first ??= e;
                }
            }
            if (first != null) throw first;
        }
    }
}
