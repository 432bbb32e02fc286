using System.Diagnostics;

namespace MatSim.Cli.Tests;

/// <summary>
/// A real one-node Slurm on this machine for the executor tests (Debian's slurm-wlm 22.05 and munge, which
/// .ci/run installs): munged (unless one already answers), then slurmctld and slurmd with a slurm.conf for
/// localhost in a temporary folder, found by the client commands through SLURM_CONF. Stops what it started.
/// <see cref="SkipReason"/> says why there is no Slurm (not root, packages missing, daemons not starting).
/// </summary>
public sealed class SlurmLocalhost : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), $"matsim-slurm-{Guid.NewGuid():N}");
    private readonly List<string> pidFiles = [];
    private readonly string? previousConf = Environment.GetEnvironmentVariable("SLURM_CONF");

    public string? SkipReason { get; }

    public SlurmLocalhost()
    {
        SkipReason = Start();
    }

    private string? Start()
    {
        foreach (string program in new[] { "munged", "munge", "slurmctld", "slurmd", "sbatch", "squeue", "sinfo" })
            if (Which(program) == null) return $"{program} not found (Debian packages slurm-wlm and munge; .ci/run installs them)";
        if (Run("id", "-u").Output.Trim() != "0") return "starting munged and the Slurm daemons needs root";
        if (!MungeWorks())
        {
            foreach (string d in new[] { "/run/munge", "/var/lib/munge", "/var/log/munge" })
            {
                Directory.CreateDirectory(d);
                Run("chown", "munge:munge", d);
            }
            if (!File.Exists("/etc/munge/munge.key"))
            {
                File.WriteAllBytes("/etc/munge/munge.key", System.Security.Cryptography.RandomNumberGenerator.GetBytes(1024));
                Run("chown", "munge:munge", "/etc/munge/munge.key");
                Run("chmod", "400", "/etc/munge/munge.key");
            }
            var munged = Run("munged", "--force");
            if (munged.Exit != 0) return $"munged did not start: {munged.Error.Trim()}";
            pidFiles.Add("/run/munge/munged.pid");
            if (!MungeWorks()) return "munge -n | unmunge fails after starting munged";
        }
        Directory.CreateDirectory(Path.Combine(folder, "state"));
        Directory.CreateDirectory(Path.Combine(folder, "spool"));
        string host = Run("hostname", "-s").Output.Trim();
        string conf = Path.Combine(folder, "slurm.conf");
        File.WriteAllText(conf, $"""
            ClusterName=matsimtest
            SlurmctldHost={host}
            AuthType=auth/munge
            ProctrackType=proctrack/linuxproc
            TaskPlugin=task/none
            SlurmUser=root
            SchedulerType=sched/backfill
            SelectType=select/cons_tres
            SelectTypeParameters=CR_Core
            AccountingStorageType=accounting_storage/none
            JobCompType=jobcomp/none
            ReturnToService=2
            MpiDefault=none
            SlurmctldPidFile={folder}/slurmctld.pid
            SlurmdPidFile={folder}/slurmd.pid
            StateSaveLocation={folder}/state
            SlurmdSpoolDir={folder}/spool
            SlurmctldLogFile={folder}/slurmctld.log
            SlurmdLogFile={folder}/slurmd.log
            MaxArraySize=10000
            NodeName={host} CPUs={Environment.ProcessorCount} State=UNKNOWN
            PartitionName=debug Nodes={host} Default=YES MaxTime=INFINITE State=UP

            """);
        Environment.SetEnvironmentVariable("SLURM_CONF", conf);
        foreach (string daemon in new[] { "slurmctld", "slurmd" })
        {
            var started = Run(daemon, "-f", conf);
            if (started.Exit != 0) return $"{daemon} did not start: {started.Error.Trim()} (log in {folder})";
            pidFiles.Add(Path.Combine(folder, $"{daemon}.pid"));
        }
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (Run("sinfo", "-h", "-o", "%T").Output.Trim() == "idle") return null;
            Thread.Sleep(500);
        }
        return $"the Slurm node did not become idle within 60 s (logs in {folder})";
    }

    private static bool MungeWorks()
    {
        var start = new ProcessStartInfo("bash", ["-c", "munge -n | unmunge"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(start)!;
        p.StandardOutput.ReadToEnd();
        p.StandardError.ReadToEnd();
        p.WaitForExit();
        return p.ExitCode == 0;
    }

    private static string? Which(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Concat(["/usr/sbin", "/sbin"])
            .Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists);

    private static (int Exit, string Output, string Error) Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(Which(program) ?? program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(start)!;
        var error = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output, error.Result);
    }

    public void Dispose()
    {
        foreach (string pidFile in Enumerable.Reverse(pidFiles))
        {
            if (!File.Exists(pidFile) || !int.TryParse(File.ReadAllText(pidFile).Trim(), out int pid)) continue;
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
                process.WaitForExit(10_000);
            }
            catch (ArgumentException) { }
            catch (InvalidOperationException) { }
        }
        Environment.SetEnvironmentVariable("SLURM_CONF", previousConf);
    }
}
