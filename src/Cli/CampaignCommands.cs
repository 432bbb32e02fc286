using System.CommandLine;
using MatSim.Screening.Campaigns;
using MatSim.Screening.Execution;
using MatSim.Screening.Reports;
using MatSim.Screening.Results;
using MatSim.Screening.Surrogates;
using MatSim.Simulation.Errors;
using MatSim.Simulation.Jobs;

namespace MatSim.Cli;

/// <summary>`matsim campaign plan|run|status|collect|report|surrogate|worker`: screening campaigns from one YAML file.</summary>
internal static class CampaignCommands
{
    public static Command Create(JobRunner runner, Func<Func<int>, int> guard, TextWriter output)
    {
        var file = new Argument<FileInfo>("campaign") { Description = "the campaign YAML file" };
        var folder = new Option<DirectoryInfo?>("--output", "-o") { Description = "campaign folder (default: the file's `output:` key, else runs/<file name>)" };
        Campaign Load(ParseResult parse) => new(Read(parse.GetValue(file)!, parse.GetValue(folder)));

        var plan = new Command("plan", "Expand the campaign into jobs (stable ids) and show the counts and an estimated cost.") { file, folder };
        plan.SetAction(parse => guard(() =>
        {
            Campaign campaign = Load(parse);
            CampaignValidation.Validate(campaign.Definition, runner);
            CampaignStatus.WritePlan(campaign, output);
            return MatSimCommandLine.Success;
        }));

        var executor = new Option<string?>("--executor") { Description = "local or slurm (default: the file's executor.kind)" };
        var wait = new Option<bool>("--wait") { Description = "slurm: wait until every submitted job has finished and the results are collected" };
        var run = new Command("run", "Run what the campaign still needs (finished jobs are skipped, failed ones retried up to the limit).") { file, folder, executor, wait };
        run.SetAction(parse => guard(() =>
        {
            Campaign campaign = Load(parse);
            CampaignValidation.Validate(campaign.Definition, runner);
            string kind = parse.GetValue(executor) ?? campaign.Definition.Executor.Kind;
            if (!ExecutorSettings.Kinds.Contains(kind))
                throw new InputException(new SourceLocation("--executor"), $"unknown executor '{kind}'; use {string.Join(" or ", ExecutorSettings.Kinds)}");
            using var cancellation = CtrlC();
            if (kind == "local")
            {
                new LocalExecutor(runner).Run(campaign, output, cancellation.Token);
                Collect(campaign, output);
                return MatSimCommandLine.Success;
            }
            if (!SlurmClient.Available())
                throw new InputException(new SourceLocation("--executor"), "Slurm's sbatch is not on PATH here; run on a login node of the cluster, or use --executor local");
            var slurm = new SlurmExecutor(new SlurmClient(), campaign.Definition.Executor.Slurm.Command ?? SelfCommand());
            slurm.Run(campaign, output, cancellation.Token);
            if (parse.GetValue(wait)) CampaignStatus.WaitForSlurm(campaign, slurm, output, cancellation.Token);
            return MatSimCommandLine.Success;
        }));

        var status = new Command("status", "Show done/running/failed/pending jobs per stage with the reasons of failures.") { file, folder };
        status.SetAction(parse => guard(() =>
        {
            CampaignStatus.Write(Load(parse), output);
            return MatSimCommandLine.Success;
        }));

        var collect = new Command("collect", "Merge every finished job's results into results.sqlite and CSV files.") { file, folder };
        collect.SetAction(parse => guard(() =>
        {
            Collect(Load(parse), output);
            return MatSimCommandLine.Success;
        }));

        var report = new Command("report", "Write the ranking table, plots and a self-contained HTML page from the collected results.") { file, folder };
        report.SetAction(parse => guard(() =>
        {
            Campaign campaign = Load(parse);
            string page = CampaignReport.Write(campaign, ResultsDatabase.ReadResults(campaign.Definition.OutputDirectory));
            output.WriteLine($"report: {page}");
            return MatSimCommandLine.Success;
        }));

        var surrogate = new Command("surrogate", "Learn the campaign's `surrogate.target` from the framework descriptors (KRR and GPR, nested CV) and replay active screening.") { file, folder };
        surrogate.SetAction(parse => guard(() =>
        {
            Campaign campaign = Load(parse);
            var settings = campaign.Definition.Surrogate
                ?? throw campaign.Definition.Error("the campaign has no `surrogate:` section (target, test_fraction, folds)");
            SurrogateStudy.Run(campaign, ResultsDatabase.ReadResults(campaign.Definition.OutputDirectory), settings, output);
            return MatSimCommandLine.Success;
        }));

        var manifest = new Option<FileInfo>("--manifest") { Description = "chunk manifest written at submission", Required = true };
        var task = new Option<int>("--task") { Description = "array task index", Required = true };
        var worker = new Command("worker", "Run one Slurm array task's chunk of jobs (used by the scripts MatSim submits).") { file, folder, manifest, task };
        worker.Hidden = true;
        worker.SetAction(parse => guard(() =>
        {
            using var cancellation = CtrlC();
            return CampaignWorker.Run(Load(parse), runner, parse.GetValue(manifest)!.FullName, parse.GetValue(task), output, cancellation.Token);
        }));

        return new Command("campaign", "Screening campaigns: many frameworks × guests × conditions, locally or on Slurm.")
        {
            plan, run, status, collect, report, surrogate, worker,
        };
    }

    private static CampaignDefinition Read(FileInfo file, DirectoryInfo? folder) => CampaignDefinition.Read(file.FullName, folder?.FullName);

    private static void Collect(Campaign campaign, TextWriter output)
    {
        var plans = campaign.PlanAll();
        var rows = campaign.Rows().ToList();
        ResultsDatabase.Write(campaign.Definition.OutputDirectory, campaign, rows, plans.SelectMany(p => p.Jobs).ToList());
        output.WriteLine($"collected {rows.Count} results of {plans.Sum(p => p.Jobs.Count(j => j.State == JobState.Done))} jobs into " +
            Path.Combine(campaign.Definition.OutputDirectory, ResultsDatabase.FileName));
    }

    /// <summary>How a Slurm task starts this same MatSim: the `matsim` apphost when that is what runs, else `dotnet matsim.dll`.</summary>
    private static string SelfCommand()
    {
        string? process = Environment.ProcessPath;
        if (process != null && Path.GetFileNameWithoutExtension(process) == "matsim") return SlurmExecutor.Quote(process);
        string entry = typeof(CampaignCommands).Assembly.Location;
        // the host that runs this runtime: <root>/shared/Microsoft.NETCore.App/<version>/ → <root>/dotnet
        string runtime = System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory();
        string host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } configured ? configured
            : Path.GetFullPath(Path.Combine(runtime, "..", "..", "..", "dotnet"));
        return $"{SlurmExecutor.Quote(File.Exists(host) ? host : "dotnet")} {SlurmExecutor.Quote(entry)}";
    }

    private static CancellationTokenSource CtrlC()
    {
        var source = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            source.Cancel();
        };
        return source;
    }
}
