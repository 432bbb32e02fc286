using MatSim.Simulation.Jobs;

namespace MatSim.Simulation.Tests.Jobs;

public sealed class ProgressReporterTests
{
    [Fact]
    public void A_line_gives_the_position_the_rate_and_the_time_left_and_none_at_the_ends()
    {
        var console = new StringWriter();
        using var log = new RunLog(null, console);
        var progress = new ProgressReporter(log, "cycle", "cycles", total: 1000, first: 200, interval: TimeSpan.Zero);
        progress.Report(200);   // nothing done yet in this process: no rate to give
        Thread.Sleep(50);
        progress.Report(600);
        progress.Report(1000);  // the end is reported by the job itself
        string[] lines = console.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string line = Assert.Single(lines);
        Assert.StartsWith("cycle 600/1000 (60 %), ", line);
        Assert.Matches(@"[0-9.]+ cycles/s, about \d+ (s|min) left", line);
    }

    [Theory]
    [InlineData(45, "45 s")]
    [InlineData(600, "10 min")]
    [InlineData(12600, "3.5 h")]
    public void Durations_read_as_people_say_them(double seconds, string expected) =>
        Assert.Equal(expected, ProgressReporter.Duration(seconds));
}
