using System.Diagnostics;
using System.Globalization;

namespace MatSim.Simulation.Jobs;

/// <summary>
/// One log line per interval on a long loop: how far it is, its rate since this process started it, and the time
/// left at that rate ("cycle 1200/5000 (24 %), 150 cycles/s, about 25 s left"), besides the lines at checkpoints.
/// </summary>
public sealed class ProgressReporter
{
    private readonly RunLog log;
    private readonly string prefix, unit;
    private readonly long total, first;
    private readonly TimeSpan interval;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private TimeSpan lastLine;

    /// <param name="log">where the lines go</param>
    /// <param name="prefix">what the loop is ("1 bar: cycle", "step")</param>
    /// <param name="unit">the plural of what it counts, for the rate ("cycles")</param>
    /// <param name="total">the count at the end</param>
    /// <param name="first">the count this process starts from (a resumed run's checkpoint)</param>
    /// <param name="interval">time between lines; default 10 s</param>
    public ProgressReporter(RunLog log, string prefix, string unit, long total, long first, TimeSpan? interval = null)
    {
        this.log = log;
        this.prefix = prefix;
        this.unit = unit;
        this.total = total;
        this.first = first;
        this.interval = interval ?? TimeSpan.FromSeconds(10);
    }

    public void Report(long done)
    {
        TimeSpan now = clock.Elapsed;
        if (now - lastLine < interval || done <= first || done >= total) return;
        lastLine = now;
        double rate = (done - first) / now.TotalSeconds;
        log.Info(string.Create(CultureInfo.InvariantCulture,
            $"{prefix} {done}/{total} ({100.0 * done / total:F0} %), {rate:G3} {unit}/s, about {Duration((total - done) / rate)} left"));
    }

    /// <summary>"45 s", "12 min", "3.5 h".</summary>
    public static string Duration(double seconds) => seconds switch
    {
        < 90 => string.Create(CultureInfo.InvariantCulture, $"{seconds:F0} s"),
        < 5400 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 60:F0} min"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:F1} h"),
    };
}
