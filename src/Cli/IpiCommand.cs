using System.CommandLine;
using System.Net.Sockets;
using MatSim.Simulation.Config;
using MatSim.Simulation.Errors;
using MatSim.Simulation.Interop;
using MatSim.Simulation.Jobs;

namespace MatSim.Cli;

/// <summary>`matsim ipi --address HOST:PORT|unix:NAME CONFIG`: a MatSim potential as the force engine of i-PI or ASE.</summary>
internal static class IpiCommand
{
    public static Command Create(JobRunner runner, Func<Func<int>, int> guard, TextWriter output)
    {
        var configArgument = new Argument<FileInfo>("config")
        {
            Description = "an mc or md configuration: its system gives the atoms (same order as the server's) and its energy the potential",
        };
        var addressOption = new Option<string>("--address", "-a")
        {
            Description = "the i-PI server: HOST:PORT, or unix:NAME for the Unix socket ipi_NAME in the temporary folder (i-PI's and ASE's convention)",
            Required = true,
        };
        var waitOption = new Option<double>("--wait") { Description = "seconds to keep retrying while the server is not yet listening", DefaultValueFactory = _ => 60 };
        var command = new Command("ipi", "Serve energies, forces and virials of a configuration's potential to an i-PI server (i-PI, ASE SocketIOCalculator).")
        {
            configArgument, addressOption, waitOption,
        };
        command.SetAction(parse => guard(() =>
        {
            IpiAddress address = IpiAddress.Parse(parse.GetValue(addressOption)!);
            PreparedRun prepared = runner.Prepare(parse.GetValue(configArgument)!.FullName);
            if (prepared.Job is not ISinglePoint single)
                throw new InputException(new SourceLocation(prepared.ConfigPath), $"job '{prepared.JobName}' has no single system to serve; use an mc or md configuration");
            var (system, model) = single.SinglePoint();
            using Socket socket = address.Connect(TimeSpan.FromSeconds(parse.GetValue(waitOption)));
            using var stream = new NetworkStream(socket, ownsSocket: false);
            output.WriteLine($"matsim ipi: connected to {address.Text}; serving {model.Name} for {system.Count} atoms");
            var client = new IpiClient(stream, system, model);
            bool exited = client.Serve();
            output.WriteLine($"matsim ipi: {client.Evaluations} force evaluations; the server {(exited ? "sent EXIT" : "closed the connection")}");
            return MatSimCommandLine.Success;
        }));
        return command;
    }
}
