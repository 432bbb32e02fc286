using System.Diagnostics;
using MatSim.Simulation.Random;
using MatSim.TestSupport;
using static MatSim.Cli.Tests.CliRunner;

namespace MatSim.Cli.Tests;

/// <summary>
/// Runs killed (SIGKILL, the whole process tree) at 10 random moments one after another, each time started again in
/// the same folder, then let finish: the results equal those of an uninterrupted run, for every job that
/// checkpoints and for a campaign. Each restart lives between 15 % and 32 % of an uninterrupted run (start-up
/// included), so kills fall in start-up, lock, checkpoint writes and work alike, and most land before the end.
/// </summary>
public sealed class ChaosTests(ITestOutputHelper log)
{
    private const int Kills = 10;

    public static TheoryData<string> Jobs => ["gcmc", "md", "nnp-train", "learn", "sample", "campaign"];

    [Theory]
    [Trait("Category", "Long")]
    [MemberData(nameof(Jobs))]
    public void Ten_kills_at_random_moments_change_nothing(string job)
    {
        string folder = Repository.TemporaryDirectory($"chaos-{job}");
        var (arguments, physics) = Arrange(job, folder);
        string reference = Path.Combine(folder, "uninterrupted"), killed = Path.Combine(folder, "killed");
        var clock = Stopwatch.StartNew();
        var (exit, _, error) = MatsimProcess([.. arguments, "-o", reference]);
        Assert.True(exit == 0, error);
        double seconds = clock.Elapsed.TotalSeconds;

        var rng = new Rng((ulong)job.Sum(c => c));
        int interrupted = 0;
        for (int k = 0; k < Kills; k++)
            if (KilledRun.KillAfter(TimeSpan.FromSeconds((0.15 + 0.17 * rng.NextDouble()) * seconds), [.. arguments, "-o", killed])) interrupted++;
        (exit, _, error) = MatsimProcess([.. arguments, "-o", killed]);
        Assert.True(exit == 0, error);
        log.WriteLine($"{job}: uninterrupted run {seconds:F1} s; {interrupted} of {Kills} restarts killed before they finished");
        Assert.True(interrupted >= Kills / 2, $"only {interrupted} kills landed in a run");
        Assert.Equal(physics(reference), physics(killed));
    }

    /// <summary>The command of a small run of the job (without -o) and what of its folder must not change.</summary>
    private static (string[] Arguments, Func<string, string> Physics) Arrange(string job, string folder)
    {
        string Write(string yaml)
        {
            string path = Path.Combine(folder, "config.yaml");
            File.WriteAllText(path, yaml);
            return path;
        }
        static string Isotherm(string run) => RunResults.Physics(run) + File.ReadAllText(Path.Combine(run, "isotherm.csv"));
        switch (job)
        {
            case "gcmc":
                return (["run", Write(AdsorptionCommandTests.Gcmc(pressures: "[5 bar, 20 bar]", extra: "checkpoint_every: 100").Replace("production: 100", "production: 5000"))], Isotherm);
            case "md":
                return (["run", Write(SimulationJobTests.ArgonDynamics("{type: langevin, time_constant: 1 ps}", 40000, 1000))], RunResults.Physics);
            case "nnp-train":
                return (["run", Write(NnpCommandTests.Training(folder, frames: 24, hidden: 8, epochs: 14))], RunResults.Physics);
            case "learn":
                return (["run", Path.Combine(LearnCommandTests.Prepare("chaos-learn", "{mode: pool}", 40), "learn.yaml")], RunResults.Physics);
            case "sample":
                return (["run", Write(SampleCommandTests.DoubleWell.Replace("example_steps: 150, energy_steps: 150", "example_steps: 500, energy_steps: 500")
                    .Replace("learning_rate: 3e-3}", "learning_rate: 3e-3, checkpoint_every: 20}"))], RunResults.Physics);
            case "campaign":
                string file = CampaignCommandTests.WriteCampaign(folder, $"[{Repository.PathOf("data", "frameworks")}]", widomCycles: 300);
                return (["campaign", "run", file], run => string.Join("\n", CampaignCommandTests.ResultLines(run)));
            default:
                throw new ArgumentException(job);
        }
    }
}
