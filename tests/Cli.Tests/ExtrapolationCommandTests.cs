using MatSim.Potentials.NeuralNetworks;
using MatSim.Potentials.NeuralNetworks.N2p2;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.IO.ExtXyz;
using MatSim.TestSupport;
using static MatSim.Cli.Tests.CliRunner;

namespace MatSim.Cli.Tests;

/// <summary>Extrapolation warnings as users meet them: `nnp predict` counts per structure, md logs them, a limit stops the run (exit 2).</summary>
public sealed class ExtrapolationCommandTests
{
    [Fact]
    public void Predict_counts_the_values_outside_the_training_range_per_structure()
    {
        string water = Repository.RequireShared(WaterModel.Folder);
        string folder = Repository.TemporaryDirectory("nnp-extrapolation");
        ExtXyzFrame frame = WaterModel.Structure();
        string data = Path.Combine(folder, "original-and-compressed.data");
        N2p2DataFile.Write(data, [frame, Compressed(frame, 0.85)], ModelUnits.BohrHartree);

        var (code, output, error) = Matsim("nnp", "predict", "--model", water, "--units", "bohr,hartree", "--structures", data);
        Assert.True(code == 0, error);
        string[] lines = output.Split('\n');
        int second = Array.FindIndex(lines, l => l.StartsWith("structure 2:", StringComparison.Ordinal));
        Assert.DoesNotContain(lines[..second], l => l.Contains("extrapolation: ", StringComparison.Ordinal) && l.StartsWith("  ", StringComparison.Ordinal));
        string flagged = lines[second + 1];
        Assert.StartsWith("  extrapolation: 22 symmetry-function values outside the training range on 21 of 1080 atoms: H function 27", flagged);
        Assert.Contains("extrapolation: 1 of 2 structures leave the training range", output);
    }

    [Fact]
    public void Md_logs_extrapolation_and_stops_at_the_configured_limit()
    {
        string folder = Repository.TemporaryDirectory("md-extrapolation");
        ExtXyzFrame start = ExtXyzReader.ReadFile(Path.Combine(Repository.Root, "data", "structures", "water-27.xyz")).Single();
        ExtXyzWriter.WriteFile(Path.Combine(folder, "water-27-compressed.xyz"), [Compressed(start, 0.85)]);
        string Config(string limit) => $"""
            job: md
            seed: 7
            temperature: 300 K
            time_step: 0.5 fs
            system:
              structure: water-27-compressed.xyz
            energy:
              - type: nnp
                model: {Repository.RequireShared(WaterModel.Folder)}
                units: {"{"}length: bohr, energy: hartree{"}"}
            {limit}
            thermostat: {"{"}type: langevin, time_constant: 50 fs{"}"}
            steps: {"{"}equilibration: 10, production: 100{"}"}
            checkpoint_every: 50
            """;
        string counting = Path.Combine(folder, "counting.yaml");
        File.WriteAllText(counting, Config(""));
        var (code, output, error) = Matsim("run", counting, "-o", Path.Combine(folder, "counting"));
        Assert.True(code == 0, error);
        Assert.Contains("warning: extrapolation: nnp met ", output);
        Assert.Contains("values outside its training range", File.ReadAllText(Path.Combine(folder, "counting", "matsim.log")));

        string stopping = Path.Combine(folder, "stopping.yaml");
        File.WriteAllText(stopping, Config("    max_extrapolation_warnings: 3"));
        (code, _, error) = Matsim("run", stopping, "-o", Path.Combine(folder, "stopping"));
        Assert.Equal(MatSimCommandLine.BadInput, code);
        Assert.Contains("stopping.yaml:11:", error);
        Assert.Contains("more than max_extrapolation_warnings = 3", error);
        Assert.DoesNotContain("bug in MatSim", error);
    }

    private static ExtXyzFrame Compressed(ExtXyzFrame frame, double factor)
    {
        var s = frame.Structure;
        var cell = new Cell(factor * s.Cell!.A, factor * s.Cell.B, factor * s.Cell.C);
        return frame with { Structure = new Simulation.Structures.Structure(cell, s.Elements, s.Positions.ToArray().Select(r => factor * r).ToArray()), Energy = null, Forces = null };
    }
}
