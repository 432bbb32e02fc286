using System.Globalization;
using MatSim.Simulation.Errors;

namespace MatSim.Simulation.Jobs;

/// <summary>
/// Ownership of a run folder by one run at a time: `matsim.lock` names the holder's process, host and start
/// time. It appears whole (written aside, moved into place, never over another); a lock whose process is gone
/// from this host is stale and taken over; any other refuses the second run before it writes anything.
/// Disposing removes it.
/// </summary>
public sealed class RunFolderLock : IDisposable
{
    public const string FileName = "matsim.lock";

    private readonly string path;
    private readonly string content;

    private RunFolderLock(string path, string content)
    {
        this.path = path;
        this.content = content;
    }

    public static RunFolderLock Acquire(string folder)
    {
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, FileName);
        string content = string.Create(CultureInfo.InvariantCulture,
            $"pid {Environment.ProcessId}\nhost {Environment.MachineName}\nstarted {DateTime.UtcNow:o}\n");
        for (int attempt = 0; attempt < 2; attempt++)
        {
            // written aside, then moved into place without overwriting: the lock appears whole or not at all
            string aside = Path.Combine(folder, $".{FileName}.{Environment.ProcessId}.tmp");
            File.WriteAllText(aside, content);
            try
            {
                File.Move(aside, path, overwrite: false);
                return new RunFolderLock(path, content);
            }
            catch (IOException) when (File.Exists(path))
            {
                Holder holder = Holder.Read(path);
                if (!holder.IsStale) throw new InputException(new SourceLocation(folder),
                    $"this run folder is in use by another run ({holder}); wait for it, or give another output folder" +
                    (holder.OnThisHost ? "" : $" (if no run is using it, delete {path})"));
                File.Delete(path);
            }
            finally
            {
                File.Delete(aside);
            }
        }
        throw new InputException(new SourceLocation(folder), "another run took this run folder at the same moment; give another output folder");
    }

    public void Dispose()
    {
        // Only our own lock is removed (a stale-lock takeover by another process leaves theirs alone).
        if (File.Exists(path) && File.ReadAllText(path) == content) File.Delete(path);
    }

    private sealed record Holder(int Pid, string Host, string Started)
    {
        public bool OnThisHost => Host == Environment.MachineName;

        /// <summary>
        /// A holder on this host whose process no longer runs (killed, crashed); a lock from another host is never
        /// judged. One that cannot be read (removed this instant) is stale only once it is old.
        /// </summary>
        public bool IsStale { get; private init; }

        public override string ToString() => $"process {Pid} on {Host}, started {Started}";

        public static Holder Read(string path)
        {
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string line in ReadOrEmpty(path))
            {
                int space = line.IndexOf(' ', StringComparison.Ordinal);
                if (space > 0) fields[line[..space]] = line[(space + 1)..];
            }
            int pid = fields.TryGetValue("pid", out string? p) && int.TryParse(p, CultureInfo.InvariantCulture, out int v) ? v : -1;
            var holder = new Holder(pid, fields.GetValueOrDefault("host", Environment.MachineName), fields.GetValueOrDefault("started", "?"));
            bool stale = pid > 0
                ? holder.OnThisHost && !ProcessRuns(pid)
                : DateTime.UtcNow - File.GetLastWriteTimeUtc(path) > TimeSpan.FromSeconds(10);
            return holder with { IsStale = stale };
        }

        private static string[] ReadOrEmpty(string path)
        {
            try
            {
                return File.ReadAllLines(path);
            }
            catch (IOException)
            {
                return []; // removed by its holder this instant
            }
        }

        private static bool ProcessRuns(int pid)
        {
            // Linux: a zombie (state Z) has ended; elsewhere ask the process table.
            string stat = $"/proc/{pid}/stat";
            if (Directory.Exists("/proc/self"))
            {
                if (!File.Exists(stat)) return false;
                string text = File.ReadAllText(stat);
                int close = text.LastIndexOf(')');
                return close < 0 || close + 2 >= text.Length || text[close + 2] != 'Z';
            }
            try
            {
                using var process = System.Diagnostics.Process.GetProcessById(pid);
                return !process.HasExited;
            }
            catch (ArgumentException)
            {
                return false;
            }
        }
    }
}
