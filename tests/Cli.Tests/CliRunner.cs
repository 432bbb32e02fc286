namespace MatSim.Cli.Tests;

/// <summary>Runs the `matsim` command line in-process and captures what it prints.</summary>
internal static class CliRunner
{
    public static (int Exit, string Output, string Error) Matsim(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = MatSimCommandLine.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
