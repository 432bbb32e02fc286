using System.Diagnostics;
using MatSim.TestSupport;

namespace MatSim.Cli.Tests;

/// <summary>
/// The batch scripts the Slurm executor writes, run by bash as Slurm would run them: campaign folders with spaces and
/// quotes reach the program as they are, and text that would break out of a script line is refused. A stand-in
/// `sbatch` records each submission (no Slurm needed); the script's command is `printf` so its arguments can be read.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SlurmScriptTests
{
    private static (int Exit, string Output, string Error) Run(string program, IEnumerable<string> arguments, string? path = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in arguments) start.ArgumentList.Add(a);
        if (path != null) start.Environment["PATH"] = path + ":" + Environment.GetEnvironmentVariable("PATH");
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) start.Environment[k] = v;
        using Process process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }

    /// <summary>A folder with `sbatch` (saves its arguments, prints a job id) and `squeue` (nothing queued) stand-ins.</summary>
    private static string FakeSlurm(string folder)
    {
        string bin = Path.Combine(folder, "bin");
        Directory.CreateDirectory(bin);
        File.WriteAllText(Path.Combine(bin, "sbatch"), "#!/bin/bash\n[ \"$1\" = --version ] && { echo 'slurm (stand-in)'; exit 0; }\nn=$(ls \"$SUBMITTED\" | wc -l)\nprintf '%s\\n' \"$@\" > \"$SUBMITTED/$n.args\"\necho $((100 + n))\n");
        File.WriteAllText(Path.Combine(bin, "squeue"), "#!/bin/bash\nexit 0\n");
        foreach (string tool in new[] { "sbatch", "squeue" })
            File.SetUnixFileMode(Path.Combine(bin, tool), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return bin;
    }

    [Fact]
    public void Paths_with_spaces_and_quotes_reach_the_program_unchanged_through_the_batch_script()
    {
        string root = Repository.TemporaryDirectory("slurm-script");
        string folder = Path.Combine(root, "my \"screening\" it's $HOME `x`");
        Directory.CreateDirectory(folder);
        string file = CampaignCommandTests.WriteCampaign(folder, $"[{Repository.PathOf("data", "frameworks")}]", mixture: false,
            executor: "{kind: slurm, slurm: {command: \"printf '[%s]\\\\n'\", modules: ['gcc/12; touch injected'], time: '00:10:00'}}");
        string output = Path.Combine(folder, "out dir");
        string submitted = Path.Combine(root, "submitted");
        Directory.CreateDirectory(submitted);
        var env = new Dictionary<string, string> { ["SUBMITTED"] = submitted };
        var (exit, printed, error) = Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "matsim.dll"), "campaign", "run", file, "-o", output, "--executor", "slurm"],
            FakeSlurm(root), env);
        Assert.True(exit == 0, error + printed);

        string[] args = File.ReadAllLines(Path.Combine(submitted, "0.args"));
        string script = args[^1];
        Assert.Contains(args, a => a == $"--output={Path.Combine(output, "slurm", "logs", "descriptors-%A_%a.out")}");
        // bash runs the script as Slurm would (module is a stand-in that fails loudly if its argument was split)
        string bin = Path.Combine(root, "modulebin");
        Directory.CreateDirectory(bin);
        File.WriteAllText(Path.Combine(bin, "module"), "#!/bin/bash\n[ \"$#\" -eq 2 ] && [ \"$2\" = 'gcc/12; touch injected' ] || exit 9\n");
        File.SetUnixFileMode(Path.Combine(bin, "module"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var (code, stdout, stderr) = Run("bash", [script], bin, new Dictionary<string, string> { ["SLURM_ARRAY_TASK_ID"] = "0" });
        Assert.True(code == 0, stderr + stdout);
        string[] received = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["[campaign]", "[worker]", $"[{file}]", "[--output]", $"[{output}]", "[--manifest]"], received[..6]);
        Assert.Equal(["[--task]", "[0]"], received[^2..]);
        Assert.False(File.Exists(Path.Combine(folder, "injected")));
    }

    [Theory]
    [InlineData("{partition: 'gpu\\nrm -rf x'}", "not a Slurm partition name")]
    [InlineData("{account: 'a b'}", "not a Slurm account name")]
    [InlineData("{setup: [\"source a\\nrm -rf x\"]}", "a line break or control character")]
    [InlineData("{command: \"matsim\\nrm -rf x\"}", "a line break or control character")]
    public void Text_that_would_break_a_script_line_is_refused(string slurm, string expected)
    {
        string folder = Repository.TemporaryDirectory("slurm-refused");
        string file = CampaignCommandTests.WriteCampaign(folder, $"[{Repository.PathOf("data", "frameworks")}]", mixture: false,
            executor: $"{{kind: slurm, slurm: {slurm}}}");
        var (exit, _, error) = CliRunner.Matsim("validate", file);
        Assert.Equal(MatSimCommandLine.BadInput, exit);
        Assert.Contains(expected, error);
        Assert.Contains("campaign.yaml:", error);
    }
}
