using MatSim.Simulation.Config;
using MatSim.Simulation.Plugins;

namespace MatSim.Simulation.Tests.Config;

/// <summary>
/// A mapping with declared options lets its reader read only those (nested mappings and list items included) and
/// records what was read, so that declarations, configurations and the generated key reference cannot drift apart.
/// </summary>
public class DeclaredOptionsTests
{
    private static ConfigMap Parse(string yaml) => ConfigDocument.Parse(yaml, "test.yaml", ".");

    private static readonly OptionInfo[] Options =
    [
        new("temperature", "K", null, ""),
        new("cycles.production", "", null, ""),
        new("components[].molecule", "", null, ""),
    ];

    [Fact]
    public void DeclaredKeysAreReadAtEveryDepthAndRecordedAsConsulted()
    {
        ConfigMap map = Parse("temperature: 300 K\ncycles: {production: 10}\ncomponents: [{molecule: a}, {molecule: b}]");
        map.Declare(Options);

        map.RequiredString("temperature", "");
        Assert.Equal(10, map.RequiredMap("cycles", "").RequiredInt("production", ""));
        Assert.Equal(["a", "b"], map.Required("components", "").AsList().Select(c => c.AsMap().RequiredString("molecule", "")));
        Assert.Equal(["components", "components[].molecule", "cycles", "cycles.production", "temperature"],
            map.Node.Context.Consulted.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("pressure", "pressure")]
    [InlineData("cycles.initialization", "cycles.initialization")]
    [InlineData("components[].mole_fraction", "components[].mole_fraction")]
    public void ReadingAnUndeclaredKeyIsTheReadersFault(string key, string reported)
    {
        ConfigMap map = Parse("temperature: 300 K\ncycles: {production: 10}\ncomponents: [{molecule: a}]");
        map.Declare(Options);

        var fault = Assert.Throws<UndeclaredOptionException>(() =>
        {
            switch (key.Split('.')[0])
            {
                case "cycles": map.RequiredMap("cycles", "").Optional("initialization"); break;
                case "components[]": map.Required("components", "").AsList()[0].AsMap().Optional("mole_fraction"); break;
                default: map.Optional(key); break;
            }
        });
        Assert.Contains($"'{reported}'", fault.Message);
    }

    [Fact]
    public void AMappingWithoutDeclarationsIsReadFreely()
    {
        ConfigMap map = Parse("anything: 1\natom_types: {Ar: {epsilon: 1 K}}");
        map.Declare([new("atom_types", "", "none", "TYPE: {epsilon, sigma}")]);
        Assert.Throws<UndeclaredOptionException>(() => map.Optional("anything"));
        // a key declared as a whole (its own keys are the user's names) opens a free mapping
        Assert.NotNull(map.RequiredMap("atom_types", "").RequiredMap("Ar", "").Optional("epsilon"));
    }
}
