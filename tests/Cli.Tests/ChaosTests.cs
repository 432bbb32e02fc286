using System.Diagnostics;
using MatSim.Simulation.Random;
using MatSim.TestSupport;
using static MatSim.Cli.Tests.CliRunner;

namespace MatSim.Cli.Tests;

/// <summary>
/// Runs killed (SIGKILL, the whole process tree) at random moments and started again in the same folder, again and
/// again, then let finish: the results equal those of an uninterrupted run, for every job that checkpoints and for a
/// campaign. Kills fall in start-up, lock, checkpoint writes and work alike; a restart that finishes before its kill
/// closes its folder (compared too) and the next kills go to a new one, until 10 kills have landed — so the test does
/// not depend on how fast this machine is today.
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
        string reference = Path.Combine(folder, "uninterrupted");
        var clock = Stopwatch.StartNew();
        var (exit, _, error) = MatsimProcess([.. arguments, "-o", reference]);
        Assert.True(exit == 0, error);
        double seconds = clock.Elapsed.TotalSeconds;
        string expected = physics(reference);

        var rng = new Rng((ulong)job.Sum(c => c));
        int landed = 0, folders = 1, attempts = 0;
        string killed = Path.Combine(folder, "killed-1");
        while (landed < Kills && attempts++ < 5 * Kills)
        {
            if (KilledRun.KillAfter(TimeSpan.FromSeconds((0.1 + 0.5 * rng.NextDouble()) * seconds), [.. arguments, "-o", killed]))
            {
                landed++;
                continue;
            }
            Assert.Equal(expected, physics(killed));
            killed = Path.Combine(folder, $"killed-{++folders}");
        }
        Assert.True(landed == Kills, $"only {landed} of {attempts} restarts were killed before they finished");
        (exit, _, error) = MatsimProcess([.. arguments, "-o", killed]);
        Assert.True(exit == 0, error);
        Assert.Equal(expected, physics(killed));
        log.WriteLine($"{job}: uninterrupted run {seconds:F1} s; {Kills} kills landed in {attempts} restarts over {folders} folders, each resumed to the same results");
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
