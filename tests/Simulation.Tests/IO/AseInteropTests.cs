using System.Text.Json;
using MatSim.Simulation.Chemistry;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.IO.ExtXyz;
using MatSim.Simulation.Structures;
using MatSim.TestSupport;

namespace MatSim.Simulation.Tests.IO;

/// <summary>Extended XYZ exchanged with the real ASE (Debian's python3-ase), both ways.</summary>
public class AseInteropTests
{
    private static readonly string Script = Repository.PathOf("tests", "Simulation.Tests", "IO", "ase_extxyz.py");

    private static JsonElement RunAse(string python, string mode, string file)
    {
        ExternalProgram.Result result = ExternalProgram.Run(python, [Script, mode, file]);
        Assert.True(result.ExitCode == 0, $"ASE failed: {result.Error}");
        return JsonDocument.Parse(result.Output).RootElement[0];
    }

    private static double[] Flat(JsonElement array) =>
        array.EnumerateArray().SelectMany(e => e.ValueKind == JsonValueKind.Array ? Flat(e) : [e.GetDouble()]).ToArray();

    [Fact]
    public void AseReadsWhatMatSimWrites()
    {
        string python = ExternalProgram.RequirePythonWith("ase", "python3-ase");
        string folder = Repository.TemporaryDirectory("ase-read");
        string file = Path.Combine(folder, "water.extxyz");
        var structure = new Structure(
            Cell.FromParameters(9.5, 10.5, 11.5, 85, 95, 100),
            [Elements.FromSymbol("O"), Elements.FromSymbol("H"), Elements.FromSymbol("H")],
            [new Vec3(1.1, 2.2, 3.3), new Vec3(1.9, 2.8, 3.3), new Vec3(0.3, 2.8, 3.3)],
            charges: [-0.8476, 0.4238, 0.4238]);
        Vec3[] forces = [new(0.1, 0.2, 0.3), new(-0.1, 0, 0.05), new(0, -0.2, -0.35)];
        ExtXyzWriter.WriteFile(file, [new ExtXyzFrame
        {
            Structure = structure, Energy = -15.125, Forces = forces, Stress = new Mat3(1, 2, 3, 2, 5, 6, 3, 6, 9),
        }]);

        JsonElement ase = RunAse(python, "read", file);
        Assert.Equal(["O", "H", "H"], ase.GetProperty("symbols").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(structure.Positions.SelectMany(v => new[] { v.X, v.Y, v.Z }), Flat(ase.GetProperty("positions")));
        Mat3 cell = structure.Cell!.Matrix;
        Assert.Equal(new[] { cell.XX, cell.XY, cell.XZ, cell.YX, cell.YY, cell.YZ, cell.ZX, cell.ZY, cell.ZZ }, Flat(ase.GetProperty("cell")));
        Assert.All(ase.GetProperty("pbc").EnumerateArray(), p => Assert.True(p.GetBoolean()));
        Assert.Equal(structure.Charges, Flat(ase.GetProperty("charges")));
        Assert.Equal(-15.125, ase.GetProperty("energy").GetDouble());
        Assert.Equal(forces.SelectMany(v => new[] { v.X, v.Y, v.Z }), Flat(ase.GetProperty("forces")));
        Assert.Equal([1.0, 2, 3, 2, 5, 6, 3, 6, 9], Flat(ase.GetProperty("stress")));
    }

    [Fact]
    public void MatSimReadsWhatAseWrites()
    {
        string python = ExternalProgram.RequirePythonWith("ase", "python3-ase");
        string folder = Repository.TemporaryDirectory("ase-write");
        string file = Path.Combine(folder, "co2.extxyz");
        JsonElement ase = RunAse(python, "write", file);

        ExtXyzFrame frame = Assert.Single(ExtXyzReader.ReadFile(file));
        Structure s = frame.Structure;
        Assert.Equal("CO2", s.Formula);
        double[] positions = Flat(ase.GetProperty("positions"));
        for (int k = 0; k < positions.Length; k++) Assert.Equal(positions[k], s.Positions[k / 3][k % 3], 1e-7);
        double[] cell = Flat(ase.GetProperty("cell"));
        Mat3 m = s.Cell!.Matrix;
        for (int k = 0; k < 9; k++) Assert.Equal(cell[k], m[k / 3, k % 3], 1e-7);
        Assert.Equal(Flat(ase.GetProperty("charges")), s.Charges, (a, b) => Math.Abs(a - b) < 1e-7);
        Assert.Equal(ase.GetProperty("energy").GetDouble(), frame.Energy!.Value, 1e-7);
        double[] forces = Flat(ase.GetProperty("forces"));
        for (int k = 0; k < forces.Length; k++) Assert.Equal(forces[k], frame.Forces![k / 3][k % 3], 1e-7);
        double[] stress = Flat(ase.GetProperty("stress"));
        for (int k = 0; k < 9; k++) Assert.Equal(stress[k], frame.Stress!.Value[k / 3, k % 3], 1e-7);
        Assert.Equal("co2 in box", frame.Info["config_type"]);
    }
}
