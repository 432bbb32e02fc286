using MatSim.TestSupport;
using static MatSim.Cli.Tests.CliRunner;

namespace MatSim.Cli.Tests.Torch;

/// <summary>
/// Network training, flow training and flow sampling in this process while another thread forces full garbage
/// collections (and runs the finalisers) without pause: a Scalar left to the finaliser while libtorch reads it
/// fails such runs within a few repeats. Every repeat must succeed and give the first one's results.
/// </summary>
public sealed class GcStressTests(ITestOutputHelper log)
{
    private const int Repeats = 20;

    [Fact]
    [Trait("Category", "Long")]
    public void Training_and_sampling_survive_continuous_full_collections()
    {
        string folder = Repository.TemporaryDirectory("gc-stress");
        string nnp = Path.Combine(folder, "nnp.yaml");
        File.WriteAllText(nnp, NnpCommandTests.Training(folder, frames: 12, hidden: 8, epochs: 3));
        string sample = Path.Combine(folder, "sample.yaml");
        File.WriteAllText(sample, SampleCommandTests.DoubleWell.Replace("flow: {coupling: realnvp,", "flow: {coupling: spline,")
            .Replace("example_steps: 150, energy_steps: 150", "example_steps: 60, energy_steps: 60")
            .Replace("samples: 20000", "samples: 4000").Replace("steps: 4000", "steps: 1000").Replace("local_steps: 20000", "local_steps: 2000"));

        using var stop = new CancellationTokenSource();
        long collections = 0;
        var collector = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true);
                GC.WaitForPendingFinalizers();
                Interlocked.Increment(ref collections);
            }
        }) { IsBackground = true };
        collector.Start();
        var failures = new List<string>();
        string? firstNnp = null, firstSample = null;
        try
        {
            for (int r = 0; r < Repeats; r++)
            {
                foreach (var (config, name) in new[] { (nnp, "nnp"), (sample, "sample") })
                {
                    string output = Path.Combine(folder, $"{name}-{r}");
                    var (exit, _, error) = Matsim("run", config, "-o", output);
                    if (exit != 0)
                    {
                        failures.Add($"repeat {r} {name}: exit {exit}: {error}");
                        continue;
                    }
                    string physics = RunResults.Physics(output);
                    ref string? first = ref name == "nnp" ? ref firstNnp : ref firstSample;
                    first ??= physics;
                    if (physics != first) failures.Add($"repeat {r} {name}: results differ from the first repeat's");
                }
            }
        }
        finally
        {
            stop.Cancel();
            collector.Join();
        }
        log.WriteLine($"{Repeats} repeats of nnp-train and sample (spline flow: training by example and energy, sampling, flow MC) " +
            $"under {collections} forced full collections: {failures.Count} failures");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
