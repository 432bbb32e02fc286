using System.Text.Json.Nodes;
using MatSim.Simulation.Jobs;

namespace MatSim.Simulation.Tests.Jobs;

public class JobResultsTests
{
    [Fact]
    public void Undefined_numbers_become_null_and_are_named()
    {
        var results = new JsonObject
        {
            ["fine"] = 1.5,
            ["points"] = new JsonArray(new JsonObject { ["enthalpy"] = double.NaN, ["loading"] = 2.0 }, double.PositiveInfinity),
            ["nested"] = new JsonObject { ["error"] = double.NegativeInfinity, ["name"] = "CO2" },
        };
        List<string> changed = JobResults.ReplaceNonFinite(results);
        Assert.Equal(["points[0].enthalpy", "points[1]", "nested.error"], changed);
        Assert.Equal("""{"fine":1.5,"points":[{"enthalpy":null,"loading":2},null],"nested":{"error":null,"name":"CO2"}}""", results.ToJsonString());
    }
}
