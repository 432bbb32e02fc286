using MatSim.Screening.Campaigns;

namespace MatSim.Screening.Execution;

/// <summary>
/// Runs the jobs of a campaign somewhere. An executor only decides where and when jobs run; what a job is, where
/// its results go and how its state is read are the same for all (job folders), so another scheduler is one more
/// implementation of this interface.
/// </summary>
public interface ICampaignExecutor
{
    string Name { get; }

    /// <summary>Runs (or submits) what the campaign still needs; returns when this executor's part is done.</summary>
    void Run(Campaign campaign, TextWriter console, CancellationToken cancellation);
}
