using System.Diagnostics;
using MatSim.Screening.Execution;
using MatSim.TestSupport;
using Microsoft.Data.Sqlite;
using static MatSim.Cli.Tests.CliRunner;

namespace MatSim.Cli.Tests;

/// <summary>`matsim campaign …` end to end on the bundled frameworks: local runs, failures, a kill -9 and its resume.</summary>
public class CampaignCommandTests
{
    /// <summary>A campaign file in a fresh folder; frameworks and force field from the repository's data.</summary>
    internal static string WriteCampaign(string folder, string frameworks, string temperatures = "[298 K]", int widomCycles = 10,
        bool mixture = true, string executor = "{kind: local, parallel: 2, retries: 1}")
    {
        string data = Repository.PathOf("data").Replace('\\', '/');
        string mixtureStage = mixture ? $"""
              - name: mixture
                job: gcmc
                select: {"{"}top: 1, by: K_H.CO2 / K_H.N2{"}"}
                settings:
                  framework: {"{"}charges: none{"}"}
                  cutoff: 12 angstrom
                  components:
                    - {"{"}molecule: {data}/molecules/co2-trappe.yaml, mole_fraction: 0.15{"}"}
                    - {"{"}molecule: {data}/molecules/n2-trappe.yaml, mole_fraction: 0.85{"}"}
                  pressures: [0.1 bar, 1 bar]
                  void_fraction: 0.6
                  cycles: {"{"}initialization: 10, production: 20{"}"}
                  blocks: 2
            """ : "";
        string text = $"""
            campaign: test
            seed: 11
            frameworks: {frameworks}
            temperatures: {temperatures}
            common:
              forcefield: {"{"}file: {data}/forcefields/dreiding-uff.yaml{"}"}
            stages:
              - name: descriptors
                job: framework-descriptors
                settings: {"{"}grid_spacing: 0.5 angstrom, surface_points_per_atom: 50{"}"}
              - name: henry
                job: widom
                settings:
                  framework: {"{"}charges: none{"}"}
                  cutoff: 12 angstrom
                  components:
                    - molecule: {data}/molecules/co2-trappe.yaml
                    - molecule: {data}/molecules/n2-trappe.yaml
                    - molecule: {data}/molecules/helium.yaml
                  cycles: {widomCycles}
                  insertions_per_cycle: 10
                  blocks: 2
            {mixtureStage}
            executor: {executor}

            """;
        string path = Path.Combine(folder, "campaign.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    internal static List<string> ResultLines(string output) =>
        File.ReadAllLines(Path.Combine(output, "results.csv")).Skip(1)
            // everything but the wall time of the job
            .Select(line => string.Join(",", line.Split(',')[..^1])).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public void A_campaign_runs_its_stages_collects_and_reports()
    {
        string folder = Repository.TemporaryDirectory("campaign");
        string file = WriteCampaign(folder, $"[{Repository.PathOf("data", "frameworks")}]");
        string output = Path.Combine(folder, "out");
        var (exit, printed, error) = Matsim("campaign", "run", file, "-o", output);
        Assert.True(exit == 0, error + printed);
        Assert.Contains("[mixture] 1 jobs", printed);
        var (_, status, _) = Matsim("campaign", "status", file, "-o", output);
        Assert.Contains("2 done, 0 running, 0 failed (will retry), 0 gave up, 0 pending — 2 jobs", status);
        Assert.Contains("1 done, 0 running, 0 failed (will retry), 0 gave up, 0 pending — 1 jobs", status);   // the mixture stage, top 1
        using (var db = new SqliteConnection($"Data Source={Path.Combine(output, "results.sqlite")};Pooling=false"))
        {
            db.Open();
            using var q = db.CreateCommand();
            q.CommandText = "SELECT framework, value, unit FROM results WHERE quantity = 'K_H' AND guest = 'CO2' ORDER BY framework";
            using var r = q.ExecuteReader();
            var found = new List<(string, double, string)>();
            while (r.Read()) found.Add((r.GetString(0), r.GetDouble(1), r.GetString(2)));
            Assert.Equal(["IRMOF-1", "MFI"], found.Select(f => f.Item1));
            Assert.All(found, f => Assert.True(f.Item2 > 0 && f.Item3 == "mol/kg/Pa"));
            // the narrow-pore zeolite binds CO2 more strongly than the open MOF
            Assert.True(found[1].Item2 > found[0].Item2);
        }
        var (reportExit, reportOut, reportError) = Matsim("campaign", "report", file, "-o", output);
        Assert.True(reportExit == 0, reportError);
        string html = File.ReadAllText(Path.Combine(output, "report", "index.html"));
        Assert.Contains("data:image/png;base64,", html);
        Assert.Contains("MFI", html);
        string[] ranking = File.ReadAllLines(Path.Combine(output, "report", "ranking.csv"));
        Assert.StartsWith("1,MFI,", ranking[1]);
        Assert.Contains("report:", reportOut);
        // each job's file runs on its own, from anywhere (paths_relative_to names the campaign's folder)
        string jobFile = Directory.GetFiles(Path.Combine(output, "jobs", "henry"), "job.yaml", SearchOption.AllDirectories)[0];
        var (validExit, valid, validError) = Matsim("validate", jobFile);
        Assert.True(validExit == 0, validError);
        Assert.Contains("valid 'widom' job", valid);
        // a second run finds nothing to do
        var (_, again, _) = Matsim("campaign", "run", file, "-o", output);
        Assert.Contains("[henry] 2 jobs: 2 done before, 0 to run", again);
    }

    [Fact]
    public void A_typo_in_a_stage_fails_plan_and_run_before_any_job_runs()
    {
        string folder = Repository.TemporaryDirectory("campaign-typo");
        string file = WriteCampaign(folder, $"[{Repository.PathOf("data", "frameworks")}]", mixture: false);
        File.WriteAllText(file, File.ReadAllText(file).Replace("insertions_per_cycle:", "insertions_per_cycel:"));
        foreach (string command in new[] { "plan", "run" })
        {
            var (exit, _, error) = Matsim("campaign", command, file, "-o", Path.Combine(folder, "out"));
            Assert.Equal(MatSimCommandLine.BadInput, exit);
            Assert.Contains("stage 'henry'", error);
            Assert.Contains("unknown key 'insertions_per_cycel' (did you mean 'insertions_per_cycle'?)", error);
        }
        Assert.False(Directory.Exists(Path.Combine(folder, "out", "jobs")));
    }

    [Fact]
    public void Frameworks_that_cannot_be_simulated_are_reported_not_fatal()
    {
        string folder = Repository.TemporaryDirectory("campaign-bad");
        string structures = Directory.CreateDirectory(Path.Combine(folder, "cifs")).FullName;
        File.Copy(Repository.PathOf("data", "frameworks", "MFI.cif"), Path.Combine(structures, "MFI.cif"));
        // two carbons 0.1 Å apart (an overlap the CIF reader refuses), and uranium, which the force field lacks
        File.WriteAllText(Path.Combine(structures, "overlap.cif"), CubicCif("overlap", 10, "C1 C 0.0 0.0 0.0", "C2 C 0.01 0.0 0.0"));
        File.WriteAllText(Path.Combine(structures, "uranium.cif"), CubicCif("uranium", 12, "U1 U 0.0 0.0 0.0", "O1 O 0.15 0.0 0.0"));
        string file = WriteCampaign(folder, $"[{structures}/*.cif]", mixture: false);
        string output = Path.Combine(folder, "out");
        var (exit, printed, error) = Matsim("campaign", "run", file, "-o", output);
        Assert.True(exit == 0, error + printed);
        var (_, status, _) = Matsim("campaign", "status", file, "-o", output);
        Assert.Contains("1 done, 0 running, 0 failed (will retry), 2 gave up, 0 pending — 3 jobs", status);
        Assert.Contains("overlap", status);
        string jobs = File.ReadAllText(Path.Combine(output, "jobs.csv"));
        Assert.Contains("overlap", jobs);
        Assert.Contains("gaveup,1,input,", jobs);
        Assert.Contains("no Lennard-Jones", jobs);   // the force field has no uranium
        // bad input is not retried: a second run leaves the failures as they are
        var (_, again, _) = Matsim("campaign", "run", file, "-o", output);
        Assert.Contains("[henry] 3 jobs: 1 done before, 0 to run", again);
    }

    [Fact]
    public void A_campaign_killed_mid_run_resumes_without_recomputing_finished_jobs()
    {
        string folder = Repository.TemporaryDirectory("campaign-kill");
        string file = WriteCampaign(folder, $"[{Repository.PathOf("data", "frameworks", "MFI.cif")}]",
            temperatures: "[250 K, 275 K, 300 K, 325 K, 350 K, 375 K]", widomCycles: 400, mixture: false, executor: "{kind: local, parallel: 1}");
        string output = Path.Combine(folder, "out");
        string matsim = Path.Combine(AppContext.BaseDirectory, "matsim.dll");
        var start = new ProcessStartInfo("dotnet", [matsim, "campaign", "run", file, "-o", output]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using (Process process = Process.Start(start)!)
        {
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var clock = Stopwatch.StartNew();
            while (!process.HasExited && clock.Elapsed < TimeSpan.FromMinutes(2) && Finished(output).Count < 2) Thread.Sleep(20);
            Assert.False(process.HasExited, "the campaign finished before it could be killed; make its jobs longer");
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        var before = Finished(output).ToDictionary(p => p, p => (File.GetLastWriteTimeUtc(p), File.ReadAllText(p)));
        int widomDone = before.Keys.Count(p => p.Contains($"{Path.DirectorySeparatorChar}henry{Path.DirectorySeparatorChar}"));
        Assert.InRange(widomDone, 1, 5);
        // the killed job left its running marker behind: it is stale, so the job counts as pending
        Assert.Single(Directory.GetFiles(Path.Combine(output, "jobs"), JobFolder.RunningFile, SearchOption.AllDirectories));
        var (exit, printed, error) = Matsim("campaign", "run", file, "-o", output);
        Assert.True(exit == 0, error + printed);
        Assert.Contains($"[henry] 6 jobs: {widomDone} done before, {6 - widomDone} to run", printed);
        foreach (var (path, (time, text)) in before)
        {
            Assert.Equal(time, File.GetLastWriteTimeUtc(path));
            Assert.Equal(text, File.ReadAllText(path));
        }
        Assert.Equal(7, Finished(output).Count);
        Assert.Empty(Directory.GetFiles(Path.Combine(output, "jobs"), JobFolder.RunningFile, SearchOption.AllDirectories));
    }

    private static string CubicCif(string name, double edge, params string[] sites) =>
        $"data_{name}\n" + string.Concat(new[] { "a", "b", "c" }.Select(axis => $"_cell_length_{axis} {edge}\n")) +
        "_cell_angle_alpha 90\n_cell_angle_beta 90\n_cell_angle_gamma 90\n" +
        "loop_\n_atom_site_label\n_atom_site_type_symbol\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\n" +
        string.Concat(sites.Select(site => site + "\n"));

    private static List<string> Finished(string output) =>
        Directory.Exists(Path.Combine(output, "jobs"))
            ? Directory.GetFiles(Path.Combine(output, "jobs"), JobFolder.ResultsFile, SearchOption.AllDirectories).ToList()
            : [];
}

/// <summary>The Slurm executor against a real Slurm started on this machine: the same campaign gives the same numbers as the local executor.</summary>
public class CampaignSlurmTests(SlurmLocalhost slurm) : IClassFixture<SlurmLocalhost>
{
    [Fact]
    public void The_slurm_executor_gives_the_local_executors_results()
    {
        if (slurm.SkipReason is { } reason) Assert.Skip($"no Slurm here: {reason}");
        string folder = Repository.TemporaryDirectory("campaign-slurm");
        string file = CampaignCommandTests.WriteCampaign(folder, $"[{Repository.PathOf("data", "frameworks")}]",
            executor: "{kind: local, parallel: 2, slurm: {throttle: 1, chunk_size: 1, time: '00:10:00'}}");
        string local = Path.Combine(folder, "local"), cluster = Path.Combine(folder, "slurm");
        var (exit, printed, error) = Matsim("campaign", "run", file, "-o", local);
        Assert.True(exit == 0, error + printed);
        (exit, printed, error) = Matsim("campaign", "run", file, "-o", cluster, "--executor", "slurm", "--wait");
        Assert.True(exit == 0, error + printed);
        Assert.Contains("[descriptors] submitted 2 jobs as Slurm array", printed);
        Assert.Contains("(2 tasks, at most 1 at once)", printed);
        Assert.Contains("Slurm has finished every submitted job", printed);
        // the follow-up of the last stage collected the results (--dependency=afterok)
        Assert.True(File.Exists(Path.Combine(cluster, "results.sqlite")), printed);
        List<string> expected = CampaignCommandTests.ResultLines(local);
        Assert.Contains(expected, line => line.StartsWith("mixture,", StringComparison.Ordinal));
        Assert.Equal(expected, CampaignCommandTests.ResultLines(cluster));
        string script = Directory.GetFiles(Path.Combine(cluster, "slurm"), "henry-*.sh").Single();
        Assert.Contains("campaign worker", File.ReadAllText(script));
        var (_, status, _) = Matsim("campaign", "status", file, "-o", cluster);
        Assert.Contains("none queued or running now", status);
        Assert.DoesNotContain("pending — ", status.Replace(" 0 pending — ", ""));
        // nothing left to do: a new run submits nothing
        (_, printed, _) = Matsim("campaign", "run", file, "-o", cluster, "--executor", "slurm");
        Assert.Contains("every stage is finished: nothing to submit", printed);
    }
}
