using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using MatSim.Simulation.Energy;
using MatSim.Simulation.Interop;
using MatSim.Simulation.Systems;

namespace MatSim.Bench;

/// <summary>
/// One i-PI step for 1000 LJ atoms (ρ* = 0.8442, 2.5σ): MatSim's i-PI driver sends positions over a
/// Unix or TCP socket to a MatSim client (`matsim ipi`'s loop, on another thread) that evaluates and
/// returns energy, forces and virial, versus the same evaluation called directly. The difference is
/// the protocol's cost per step.
/// </summary>
[MemoryDiagnoser]
public class IpiBenchmarks
{
    private readonly EnergyEvaluation evaluation = new();
    private ParticleSystem system = null!;
    private IBoundEnergy direct = null!;
    private IpiServer server = null!;
    private Socket listener = null!;
    private Task client = null!;

    [Params("unix", "tcp")]
    public string Transport { get; set; } = "unix";

    [GlobalSetup]
    public void Setup()
    {
        system = LennardJonesSystems.SimpleCubic(10, 0.8442);
        direct = LennardJonesSystems.Model(2.5, 0.3, tail: false).Bind(system);
        var address = IpiAddress.Parse(Transport == "unix" ? $"unix:matsim-bench-{Environment.ProcessId}" : $"127.0.0.1:{31000 + Environment.ProcessId % 1000}");
        ParticleSystem clientSystem = system.Clone();
        var model = LennardJonesSystems.Model(2.5, 0.3, tail: false);
        client = Task.Run(() =>
        {
            using Socket socket = address.Connect(TimeSpan.FromSeconds(30));
            using var stream = new NetworkStream(socket);
            new IpiClient(stream, clientSystem, model).Serve();
        });
        server = IpiServer.Accept(address, out listener);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        server.Exit();
        client.Wait();
        server.Dispose();
        listener.Dispose();
    }

    [Benchmark(Baseline = true)]
    public double Direct()
    {
        evaluation.Reset(system.Count, EnergyRequest.Forces | EnergyRequest.Virial);
        direct.Compute(evaluation);
        return evaluation.Energy;
    }

    [Benchmark]
    public double ThroughTheSocket() => server.Compute(system.Cell, system.Positions).Energy;
}
