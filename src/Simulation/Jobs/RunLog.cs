using System.Globalization;
using MatSim.Simulation.Errors;

namespace MatSim.Simulation.Jobs;

/// <summary>
/// The log of a run: each line goes to the console and, time-stamped, to the run folder's log file,
/// flushed at once so that a killed run keeps everything it said.
/// </summary>
public sealed class RunLog : IDisposable
{
    private readonly TextWriter? file;
    private readonly TextWriter console;
    private readonly object gate = new();

    public RunLog(string? path, TextWriter console)
    {
        this.console = console;
        if (path != null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".");
            file = new StreamWriter(path, append: true) { AutoFlush = true };
        }
    }

    /// <summary>A log that writes nowhere (library use, tests).</summary>
    public static RunLog Silent() => new(null, TextWriter.Null);

    public void Info(string message) => Write("info", message);
    public void Warning(string message) => Write("warning", message);

    /// <summary>Records in the log file why the run stopped (the command line tells the console itself).</summary>
    public void Failure(Exception e)
    {
        Exception primary = Failures.Primary(e);
        if (primary is OperationCanceledException) Write("info", "cancelled; results written so far are kept", toConsole: false);
        else Write("error", primary is InputException ? primary.Message : $"{primary.GetType().Name}: {primary.Message}", toConsole: false);
    }

    private void Write(string level, string message, bool toConsole = true)
    {
        lock (gate)
        {
            if (toConsole) console.WriteLine(level == "info" ? message : $"{level}: {message}");
            file?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} {level} {message}"));
        }
    }

    public void Dispose() => file?.Dispose();
}
