using MatSim.Potentials.Classical;
using MatSim.Simulation.Chemistry;
using MatSim.Simulation.Energy;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.Interop;
using MatSim.Simulation.Random;
using MatSim.Simulation.Systems;
using U = MatSim.Simulation.Units.Units;

namespace MatSim.Cli.Tests.Interop;

/// <summary>MatSim's i-PI client against MatSim's i-PI driver over a real Unix socket.</summary>
public class IpiProtocolTests
{
    private static readonly AtomType Argon = new("Ar", Elements.FromSymbol("Ar"), 39.948);

    private static IEnergyModel Model() => new LennardJones(new LennardJonesOptions
    {
        Types = new Dictionary<string, LennardJonesPair> { ["Ar"] = new(119.8 * U.Boltzmann, 3.405) },
        Cutoff = 7,
        Mode = CutoffMode.Shifted,
        TailCorrection = false,
        Skin = 0.5,
    });

    private static ParticleSystem Gas(Cell cell, int perAxis, ulong seed)
    {
        var system = new ParticleSystem(cell, [Argon], [Species.Atom(Argon)]);
        var rng = new Rng(seed);
        for (int i = 0; i < perAxis; i++)
        for (int j = 0; j < perAxis; j++)
        for (int k = 0; k < perAxis; k++)
            system.AddMolecule(0, [cell.ToCartesian(new Vec3((i + 0.5) / perAxis, (j + 0.5) / perAxis, (k + 0.5) / perAxis)) + 0.3 * rng.NextUnitVector()]);
        return system;
    }

    private static (IpiServer Server, Task<bool> Client, IDisposable Listener) Connect(ParticleSystem clientSystem, IEnergyModel model)
    {
        var address = IpiAddress.Parse($"unix:matsim-protocol-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Task<bool> client = Task.Run(() =>
        {
            using var socket = address.Connect(TimeSpan.FromSeconds(20));
            using var stream = new System.Net.Sockets.NetworkStream(socket);
            return new IpiClient(stream, clientSystem, model).Serve();
        });
        IpiServer server = IpiServer.Accept(address, out var listener);
        return (server, client, listener);
    }

    [Fact]
    public async Task ForcesThroughTheSocketEqualDirectEvaluationAlsoWhenTheCellChanges()
    {
        Cell cell = Cell.FromParameters(17, 18, 16.5, 88, 93, 97);
        ParticleSystem reference = Gas(cell, 5, 1);
        IEnergyModel model = Model();
        var (server, client, listener) = Connect(reference.Clone(), model);
        using (listener)
        using (server)
        {
            foreach (double strain in new[] { 0.0, 0.0, 0.02, -0.01 })
            {
                ParticleSystem state = reference.Clone();
                Mat3 deform = Mat3.Identity + strain * new Mat3(1, 0.3, 0, 0, -0.5, 0.2, 0.1, 0, 1);
                state.Cell = new Cell(deform * cell.A, deform * cell.B, deform * cell.C);
                for (int i = 0; i < state.Count; i++) state.Positions[i] = deform * state.Positions[i];
                state.PositionsChanged();
                EnergyEvaluation direct = model.Bind(state).Evaluate(state, EnergyRequest.Forces | EnergyRequest.Virial);

                IpiForces remote = server.Compute(state.Cell, state.Positions);

                Assert.Equal(direct.Energy, remote.Energy, 1e-12 * Math.Abs(direct.Energy));
                for (int i = 0; i < state.Count; i++) Assert.True((remote.Forces[i] - direct.Forces[i]).Length < 1e-12, $"force on atom {i}");
                for (int a = 0; a < 3; a++)
                for (int b = 0; b < 3; b++)
                    Assert.Equal(direct.Virial[a, b], remote.Virial[a, b], 1e-12);
            }
            server.Exit();
            Assert.True(await client.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken), "the client did not stop on EXIT");
        }
    }

    [Fact]
    public async Task AServerWithOtherAtomsGetsAClearError()
    {
        Cell cell = Cell.Cubic(20);
        var (server, client, listener) = Connect(Gas(cell, 4, 2), Model());
        using (listener)
        using (server)
        {
            ParticleSystem other = Gas(cell, 3, 3);

            Assert.Throws<IpiException>(() => server.Compute(cell, other.Positions));

            IpiException error = await Assert.ThrowsAsync<IpiException>(() => client.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken));
            Assert.Equal("the server sent 27 atoms; the configuration's system has 64 (the same atoms in the same order are needed)", error.Message);
        }
    }
}
