namespace MatSim.Cli;

public static class Program
{
    public static int Main(string[] args) => MatSimCommandLine.Run(args, Console.Out, Console.Error);
}
