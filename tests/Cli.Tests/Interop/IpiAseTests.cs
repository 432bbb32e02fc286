using System.Text.Json;
using MatSim.Simulation.Energy;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.IO.ExtXyz;
using MatSim.Simulation.Jobs;
using MatSim.Simulation.Structures;
using MatSim.Simulation.Systems;
using MatSim.TestSupport;

namespace MatSim.Cli.Tests.Interop;

/// <summary>
/// MatSim as the force engine of ASE: a Python script (Debian's python3-ase) evaluates SPC/E water
/// (Lennard-Jones + Ewald) through SocketIOCalculator, which launches `matsim ipi`; what ASE
/// received must equal MatSim's own energies, forces and stresses for the same configurations.
/// </summary>
public class IpiAseTests
{
    private const string Config = """
        job: mc
        seed: 5
        temperature: 298 K
        system:
          cell: {density: 0.033427 1/angstrom^3}
          species:
            - file: DATA/molecules/spce-water.yaml
          fill:
            - {species: water, count: 64}
        energy:
          - {type: lj, cutoff: 6 angstrom}
          - {type: ewald, cutoff: 6 angstrom, precision: 1e-6}
        cycles: {equilibration: 0, production: 10}
        blocks: 2
        """;

    [Fact]
    public void AseGetsMatSimsEnergiesForcesAndStressesThroughTheSocket()
    {
        string python = ExternalProgram.RequirePythonWith("ase.calculators.socketio", "python3-ase");
        string folder = Directory.CreateTempSubdirectory("matsim-ipi").FullName;
        string config = Path.Combine(folder, "water.yaml");
        File.WriteAllText(config, Config.Replace("DATA", Path.Combine(Repository.Root, "data")));
        var (system, model) = ((ISinglePoint)new JobRunner(JobCatalog.All, JobCatalog.Components).Prepare(config).Job).SinglePoint();
        string start = Path.Combine(folder, "start.extxyz"), received = Path.Combine(folder, "received.extxyz");
        ExtXyzWriter.WriteFile(start, [new ExtXyzFrame { Structure = system.ToStructure() }]);
        string[] matsim = ["dotnet", Path.Combine(AppContext.BaseDirectory, "matsim.dll"), "ipi", config];
        string socketName = $"matsim-test-{Environment.ProcessId}";

        ExternalProgram.Result run = ExternalProgram.Run(python,
            [Path.Combine(AppContext.BaseDirectory, "Interop", "ase_socket_client.py"), start, received, socketName, JsonSerializer.Serialize(matsim)],
            TimeSpan.FromMinutes(3));

        Assert.True(run.ExitCode == 0, $"the ASE script failed:\n{run.Output}\n{run.Error}");
        Assert.True(run.Output.Contains("matsim ipi: 4 force evaluations"), run.Output + run.Error);
        List<ExtXyzFrame> frames = ExtXyzReader.ReadFile(received).ToList();
        Assert.Equal(4, frames.Count);
        foreach (ExtXyzFrame frame in frames)
        {
            ParticleSystem copy = system.Clone();
            Structure s = frame.Structure;
            copy.Cell = s.Cell;
            for (int i = 0; i < copy.Count; i++) copy.Positions[i] = s.Positions[i];
            copy.PositionsChanged();
            EnergyEvaluation own = model.Bind(copy).Evaluate(copy, EnergyRequest.Forces | EnergyRequest.Virial);
            // ASE converts with CODATA 2014 atomic units, MatSim with CODATA 2018: 1e-8 relative.
            Assert.Equal(own.Energy, frame.Energy!.Value, 1e-7 * Math.Abs(own.Energy) + 1e-9);
            for (int i = 0; i < copy.Count; i++)
                Assert.True((frame.Forces![i] - own.Forces[i]).Length < 1e-7 * (1 + own.Forces[i].Length), $"force on atom {i}");
            Mat3 stress = frame.Stress!.Value, expected = -1 / copy.Cell!.Volume * own.Virial;
            for (int a = 0; a < 3; a++)
            for (int b = 0; b < 3; b++)
                Assert.Equal(expected[a, b], stress[a, b], 1e-7 * Math.Abs(expected[a, b]) + 1e-10);
        }
    }
}
