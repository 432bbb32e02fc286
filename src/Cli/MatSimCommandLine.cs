using System.CommandLine;
using MatSim.Learning.Calculators;
using MatSim.Potentials.Kernels;
using MatSim.Screening.Campaigns;
using MatSim.Simulation.Config;
using MatSim.Simulation.Errors;
using MatSim.Simulation.Interop;
using MatSim.Simulation.Jobs;
using MatSim.Simulation.Plugins;
using MatSim.Torch;

namespace MatSim.Cli;

/// <summary>
/// The `matsim` command: run and validate configurations, report the installation. Exit codes:
/// 0 success, 1 failure while running, 2 bad input (configuration, files), 130 cancelled.
/// </summary>
public static class MatSimCommandLine
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int BadInput = 2;
    public const int Cancelled = 130;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        foreach (string folder in ComponentRegistry.DefaultPluginFolders()) JobCatalog.Components.LoadPluginFolder(folder);
        var runner = new JobRunner(JobCatalog.All, JobCatalog.Components);
        string jobList = string.Join("\n", runner.Jobs.Select(j => $"  {j.Name,-12} {j.Description}"));

        var configArgument = new Argument<FileInfo>("config") { Description = "the YAML configuration file" };
        var outputOption = new Option<DirectoryInfo?>("--output", "-o")
        {
            Description = "output folder (default: the config's `output:` key, else runs/<config name>)",
        };

        var run = new Command("run", $"Run the job a YAML configuration describes.\n\nJobs:\n{jobList}") { configArgument, outputOption };
        run.SetAction(parse => Guard(error, () => RunWithCtrlC(runner, runner.Prepare(parse.GetValue(configArgument)!.FullName, parse.GetValue(outputOption)?.FullName), output)));

        Command JobCommand(string name, string job, string description)
        {
            var command = new Command(name, description) { configArgument, outputOption };
            command.SetAction(parse => Guard(error, () =>
            {
                PreparedRun prepared = runner.Prepare(parse.GetValue(configArgument)!.FullName, parse.GetValue(outputOption)?.FullName);
                if (prepared.JobName != job)
                    throw new InputException(new SourceLocation(prepared.ConfigPath), $"job is '{prepared.JobName}'; `matsim {name}` runs `job: {job}` configurations");
                return RunWithCtrlC(runner, prepared, output);
            }));
            return command;
        }

        Command learn = JobCommand("learn", "learn", "Active learning of a kernel potential against a reference calculator (a `job: learn` configuration; resumes a killed run).");
        Command sample = JobCommand("sample", "sample", "Boltzmann-generator sampling: train a normalising flow on a target, reweight, use it as an MC move (a `job: sample` configuration).");

        var validate = new Command("validate", "Check a configuration (keys, types, units, input files) without running it.")
        {
            configArgument, outputOption,
        };
        validate.SetAction(parse => Guard(error, () =>
        {
            string path = parse.GetValue(configArgument)!.FullName;
            if (File.Exists(path) && ConfigDocument.Load(path).Has("campaign"))
            {
                var campaign = CampaignDefinition.Read(path, parse.GetValue(outputOption)?.FullName);
                CampaignValidation.Validate(campaign, runner);
                output.WriteLine($"{parse.GetValue(configArgument)!.Name}: valid campaign '{campaign.Name}' ({campaign.Frameworks.Count} frameworks, {campaign.Stages.Count} stages)");
                return Success;
            }
            PreparedRun prepared = runner.Prepare(parse.GetValue(configArgument)!.FullName, parse.GetValue(outputOption)?.FullName);
            foreach (string warning in prepared.Warnings) output.WriteLine($"warning: {warning}");
            output.WriteLine($"{parse.GetValue(configArgument)!.Name}: valid '{prepared.JobName}' job (output folder {prepared.OutputDirectory})");
            return Success;
        }));

        var energy = new Command("energy", "Print the energy of a configuration's system by component (JSON): a single-point check.")
        {
            configArgument,
        };
        energy.SetAction(parse => Guard(error, () =>
        {
            PreparedRun prepared = runner.Prepare(parse.GetValue(configArgument)!.FullName);
            if (prepared.Job is not ISinglePoint single)
                throw new InputException(new SourceLocation(prepared.ConfigPath), $"job '{prepared.JobName}' has no single system to evaluate; use an mc or md configuration");
            output.WriteLine(SinglePointReport.Json(single));
            return Success;
        }));

        var info = new Command("info", "Show the version, the internal units and whether TorchSharp (libtorch) loads.");
        info.SetAction(_ => Guard(error, () =>
        {
            output.WriteLine($"matsim {JobRunner.Version}");
            output.WriteLine("internal units: length Å, energy eV, mass u, charge e, temperature K, time Å·sqrt(u/eV) ≈ 10.18 fs");
            try
            {
                output.WriteLine(TorchRuntime.Describe());
            }
            catch (TorchUnavailableException e)
            {
                output.WriteLine($"TorchSharp: NOT AVAILABLE. {e.Message}");
                return Failure;
            }
            return Success;
        }));

        var root = new RootCommand("MatSim: molecular simulation for materials and chemistry (Monte Carlo, molecular dynamics, adsorption, machine-learned force fields).")
        {
            run, learn, sample, validate, energy, info, NnpCommands.Create(action => Guard(error, action), output),
            CampaignCommands.Create(runner, action => Guard(error, action), output),
            PluginCommands.Create(JobCatalog.Components, action => Guard(error, action), output),
            IpiCommand.Create(runner, action => Guard(error, action), output),
        };
        return root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
    }

    /// <summary>Runs a prepared job; Ctrl-C cancels it, keeping what was written.</summary>
    private static int RunWithCtrlC(JobRunner runner, PreparedRun prepared, TextWriter output)
    {
        using var cancellation = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            runner.Run(prepared, output, cancellation.Token);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
        return Success;
    }

    /// <summary>Bad input is reported as one clear message (exit 2), never a stack trace.</summary>
    private static int Guard(TextWriter error, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Exception thrown)
        {
            Exception e = Failures.Primary(thrown);
            switch (e)
            {
                case InputException:
                    error.WriteLine($"error: {e.Message}");
                    return BadInput;
                case OperationCanceledException:
                    error.WriteLine("cancelled; results written so far are kept");
                    return Cancelled;
                case TorchUnavailableException or CalculatorException or SingularKernelException or IpiException:
                    error.WriteLine($"error: {e.Message}");
                    return Failure;
                case var _ when Environment.GetEnvironmentVariable("MATSIM_DEBUG") == "1":
                    throw;
                default:
                    error.WriteLine($"error: {e.GetType().Name}: {e.Message}");
                    error.WriteLine("This is a bug in MatSim, not in your input; run again with MATSIM_DEBUG=1 for the stack trace and report it.");
                    return Failure;
            }
        }
    }
}
