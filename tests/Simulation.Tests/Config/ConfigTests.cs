using MatSim.Simulation.Config;
using MatSim.Simulation.Errors;
using MatSim.Simulation.Units;

namespace MatSim.Simulation.Tests.Config;

public class ConfigTests
{
    private static ConfigMap Parse(string yaml) => ConfigDocument.Parse(yaml, "test.yaml", ".");

    private const string Example = """
        job: mc
        temperature: 298 K
        box:
          length: 12.8 angstrom
          count: 500
        """;

    [Fact]
    public void ReadsTypedValuesWithUnitsAndRecordsDefaults()
    {
        ConfigMap root = Parse(Example);
        Assert.Equal("mc", root.RequiredString("job", "the job"));
        Assert.Equal(298.0, root.RequiredQuantity("temperature", Dimension.Temperature, "the temperature"));
        ConfigMap box = root.RequiredMap("box", "the box");
        Assert.Equal(12.8, box.RequiredQuantity("length", Dimension.Length, "edge"));
        Assert.Equal(500, box.RequiredInt("count", "atoms"));
        Assert.Equal(MatSim.Simulation.Units.Units.BarToInternal(1), root.Quantity("pressure", Dimension.Pressure, "1 bar"), 1e-20);
        box.EnsureNoUnknownKeys();
        root.EnsureNoUnknownKeys();
        IReadOnlyDictionary<string, object> resolved = root.Resolved();
        Assert.Equal("298 K", resolved["temperature"]);
        Assert.Equal("1 bar", resolved["pressure"]);
        Assert.Equal(500, ((IReadOnlyDictionary<string, object>)resolved["box"])["count"]);
    }

    [Fact]
    public void UnknownKeyIsNamedWithItsLineColumnAndASuggestion()
    {
        ConfigMap root = Parse(Example + "\ntemprature: 300 K\n");
        root.RequiredString("job", "the job");
        root.RequiredQuantity("temperature", Dimension.Temperature, "the temperature");
        root.OptionalMap("box");
        InputException e = Assert.Throws<InputException>(root.EnsureNoUnknownKeys);
        Assert.Contains("unknown key 'temprature'", e.Message);
        Assert.Contains("did you mean 'temperature'?", e.Message);
        Assert.Equal(new SourceLocation("test.yaml", 6, 1), e.Location);
    }

    [Fact]
    public void NestedUnknownKeyCarriesItsPath()
    {
        ConfigMap box = Parse(Example + "\n  colour: blue\n").RequiredMap("box", "the box");
        box.RequiredInt("count", "atoms");
        box.Optional("length");
        InputException e = Assert.Throws<InputException>(box.EnsureNoUnknownKeys);
        Assert.Contains("unknown key 'box.colour'", e.Message);
        Assert.Contains("allowed here: count, length", e.Message);
        Assert.Equal(6, e.Location!.Line);
        Assert.Equal(3, e.Location.Column);
    }

    [Theory]
    [InlineData("temperature: 298\n", "temperature: '298' has no unit", 1, 14)]
    [InlineData("temperature: 10 bar\n", "'bar' is not a unit of temperature", 1, 14)]
    [InlineData("temperature: [1, 2]\n", "expected a single value", 1, 14)]
    [InlineData("job: mc\n", "missing key 'temperature'", 1, 1)]
    public void WrongValuesNameTheKeyAndPosition(string yaml, string message, int line, int column)
    {
        ConfigMap root = Parse(yaml);
        InputException e = Assert.Throws<InputException>(() => root.RequiredQuantity("temperature", Dimension.Temperature, "the temperature"));
        Assert.Contains(message, e.Message);
        Assert.Equal(line, e.Location!.Line);
        Assert.Equal(column, e.Location.Column);
    }

    [Theory]
    [InlineData("count: many\n", "count: 'many' is not a whole number")]
    [InlineData("count: 2.5\n", "is not a whole number")]
    [InlineData("count:\n  a: 1\n", "expected a single value, found a mapping")]
    public void WrongTypesNameTheKey(string yaml, string message)
    {
        InputException e = Assert.Throws<InputException>(() => Parse(yaml).RequiredInt("count", "a count"));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void LargeCountsMayBeWrittenInScientificNotation()
    {
        Assert.Equal(1_000_000, Parse("cycles: 1e6\n").RequiredInt("cycles", "cycles"));
        Assert.Equal(20000, Parse("cycles: 20_000\n").RequiredInt("cycles", "cycles"));
    }

    [Theory]
    [InlineData("a: 1\na: 2\n", "Duplicate key a", 2)]
    [InlineData("a: [1, 2\n", "not valid YAML", 2)]
    [InlineData("- 1\n- 2\n", "expected a mapping", 1)]
    [InlineData("", "the configuration is empty", 1)]
    public void MalformedDocumentsAreReportedWithTheLine(string yaml, string message, int line)
    {
        InputException e = Assert.Throws<InputException>(() => Parse(yaml));
        Assert.Contains(message, e.Message);
        Assert.Equal(line, e.Location!.Line);
    }

    [Fact]
    public void ChoicesAreCaseInsensitiveAndListTheAlternatives()
    {
        Assert.Equal("shifted", Parse("mode: Shifted\n").Choice("mode", "truncated", "truncated", "shifted"));
        InputException e = Assert.Throws<InputException>(() => Parse("mode: smooth\n").Choice("mode", "truncated", "truncated", "shifted"));
        Assert.Contains("not one of: truncated, shifted", e.Message);
    }

    [Fact]
    public void MissingFilesAreNamedWithWhereTheyWereLookedFor()
    {
        InputException e = Assert.Throws<InputException>(() => Parse("structure: nowhere.cif\n").RequiredFile("structure", "a CIF"));
        Assert.Contains("file 'nowhere.cif' not found", e.Message);
    }
}
