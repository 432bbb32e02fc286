using MatSim.Simulation.Chemistry;
using MatSim.Simulation.Errors;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.IO.ExtXyz;
using MatSim.Simulation.Structures;
using MatSim.TestSupport;

namespace MatSim.Simulation.Tests.IO;

public class ExtXyzTests
{
    private static List<ExtXyzFrame> Read(string text) => ExtXyzReader.Read(new StringReader(text), "test.xyz").ToList();

    [Fact]
    public void ReadsWhatAseWrites()
    {
        // As ase.io.write(..., format="extxyz") writes a periodic water molecule with a calculator.
        const string text = """
            3
            Lattice="10.0 0.0 0.0 0.0 11.0 0.0 1.0 0.0 12.0" Properties=species:S:1:pos:R:3:initial_charges:R:1:forces:R:3 energy=-14.25 stress="1 2 3 2 5 6 3 6 9" config_type="bulk water" is_training pbc="T T T"
            O        1.00000000       2.00000000       3.00000000      -0.84760000       0.10000000      -0.20000000       0.30000000
            H        1.80000000       2.60000000       3.00000000       0.42380000       0.00000000       0.10000000      -0.10000000
            H        0.20000000       2.60000000       3.00000000       0.42380000      -0.10000000       0.10000000      -0.20000000
            """;
        ExtXyzFrame frame = Assert.Single(Read(text));
        Structure s = frame.Structure;
        Assert.Equal(3, s.Count);
        Assert.Equal(new Vec3(1, 0, 12), s.Cell!.C);
        Assert.Equal("H2O", s.Formula);
        Assert.Equal(-0.8476, s.Charges[0]);
        Assert.Equal(-14.25, frame.Energy);
        Assert.Equal(new Vec3(0.1, -0.2, 0.3), frame.Forces![0]);
        Assert.Equal(6.0, frame.Stress!.Value.YZ);
        Assert.Equal("bulk water", frame.Info["config_type"]);
        Assert.Equal("T", frame.Info["is_training"]);
    }

    [Fact]
    public void ReadsTheNistTriclinicReferenceConfiguration()
    {
        string path = Repository.RequireShared("reference/lj-nist/config3-triclinic.extxyz");
        ExtXyzFrame frame = Assert.Single(ExtXyzReader.ReadFile(path));
        Assert.Equal(300, frame.Structure.Count);
        Assert.Equal(new Vec3(1.7364817766693041, 9.84807753012208, 0.0), frame.Structure.Cell!.B);
        Assert.Contains("NIST", frame.Info["comment"]);
    }

    [Fact]
    public void PlainXyzIsANonPeriodicStructure()
    {
        ExtXyzFrame frame = Assert.Single(Read("2\nhydrogen molecule\nH 0 0 0\nH 0 0 0.74\n"));
        Assert.Null(frame.Structure.Cell);
        Assert.Equal(0.74, frame.Structure.Positions[1].Z);
    }

    [Fact]
    public void WriteThenReadGivesTheSameFrameToTheLastBit()
    {
        var rng = new MatSim.Simulation.Random.Rng(3);
        Cell cell = Cell.FromParameters(9.1, 10.3, 11.7, 80, 95, 105);
        Element[] elements = [Elements.FromSymbol("C"), Elements.FromSymbol("O"), Elements.FromSymbol("O"), Elements.FromSymbol("Ar")];
        Vec3[] r = elements.Select(_ => new Vec3(10 * rng.NextDouble(), 10 * rng.NextDouble(), 10 * rng.NextDouble())).ToArray();
        var structure = new Structure(cell, elements, r, ["C_co2", "O_co2", "O_co2", "Ar"], [0.6512, -0.3256, -0.3256, 0], [0, 0, 0, -1]);
        var frame = new ExtXyzFrame
        {
            Structure = structure,
            Energy = Math.PI,
            Forces = r.Select(v => -1.0 / 3 * v).ToArray(),
            Stress = new Mat3(1, 2, 3, 2, 5, 6, 3, 6, 9),
            Info = new Dictionary<string, string> { ["comment"] = "a \"quoted\" comment with spaces", ["step"] = "17" },
        };
        var writer = new StringWriter();
        ExtXyzWriter.Write(writer, frame);
        writer.Write('\n'); // blank lines between frames are tolerated
        ExtXyzWriter.Write(writer, frame);
        List<ExtXyzFrame> back = Read(writer.ToString());
        Assert.Equal(2, back.Count);
        ExtXyzFrame again = back[1];
        Assert.Equal(structure.Positions, again.Structure.Positions);
        Assert.Equal(structure.Types, again.Structure.Types);
        Assert.Equal(structure.Charges, again.Structure.Charges);
        Assert.Equal(structure.Molecules, again.Structure.Molecules);
        Assert.Equal(cell.Matrix, again.Structure.Cell!.Matrix);
        Assert.Equal(frame.Forces, again.Forces);
        Assert.Equal(frame.Energy, again.Energy);
        Assert.Equal(frame.Stress, again.Stress);
        Assert.Equal(frame.Info["comment"], again.Info["comment"]);
    }

    [Fact]
    public void FramesAreStreamedOneAtATime()
    {
        // The second frame is broken; the first can still be read before enumeration reaches it.
        const string text = "1\n\nAr 0 0 0\n2\n\nAr 0 0 0\n";
        using IEnumerator<ExtXyzFrame> frames = ExtXyzReader.Read(new StringReader(text), "stream.xyz").GetEnumerator();
        Assert.True(frames.MoveNext());
        Assert.Equal(1, frames.Current.Structure.Count);
        InputException e = Assert.Throws<InputException>(() => frames.MoveNext());
        Assert.Contains("ends after 1 of the 2 atoms", e.Message);
    }

    [Theory]
    [InlineData("two\n\nAr 0 0 0\n", 1, "number of atoms")]
    [InlineData("1\n\nAr 0 zero 0\n", 3, "pos value 'zero' is not a number")]
    [InlineData("1\nLattice=\"1 0 0 0 1 0\" Properties=species:S:1:pos:R:3\nAr 0 0 0\n", 2, "expected 9")]
    [InlineData("1\nLattice=\"1 0 0 0 1 0 0 0 1\" pbc=\"T T F\"\nAr 0 0 0\n", 2, "partly periodic")]
    [InlineData("1\nProperties=species:S:1:pos:R:3:forces:R:3\nAr 0 0 0\n", 3, "Properties announce 7")]
    [InlineData("1\nProperties=species:S:1:pos:Q:3\nAr 0 0 0\n", 2, "should be S, R, I or L")]
    [InlineData("1\ncomment=\"unclosed\nAr 0 0 0\n", 2, "not closed")]
    [InlineData("1\n\nQq 0 0 0\n", 3, "cannot tell the element")]
    public void BadFilesGetAnErrorWithTheLine(string text, int line, string message)
    {
        InputException e = Assert.Throws<InputException>(() => Read(text));
        Assert.Contains(message, e.Message);
        Assert.Equal(line, e.Location!.Line);
    }
}
