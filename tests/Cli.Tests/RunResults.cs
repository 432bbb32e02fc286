using System.Text.Json.Nodes;

namespace MatSim.Cli.Tests;

/// <summary>What a run folder's results.json says about the physics, for comparing runs that must agree to the bit.</summary>
internal static class RunResults
{
    /// <summary>
    /// The results less what measures the machine or this process rather than the physics (times, rates, memory, live
    /// tensors, the reference calls a resumed session made itself).
    /// </summary>
    public static string Physics(string folder) =>
        WithoutMachineFigures(JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "results.json")))!["results"]!).ToJsonString();

    private static readonly string[] MachineFigures = ["seconds", "wall", "per_second", "resident", "live_tensors", "this_session"];

    private static JsonNode WithoutMachineFigures(JsonNode node)
    {
        if (node is JsonObject o)
            foreach (string key in o.Select(p => p.Key).ToList())
            {
                if (MachineFigures.Any(m => key.Contains(m, StringComparison.Ordinal))) o.Remove(key);
                else if (o[key] is { } child) WithoutMachineFigures(child);
            }
        if (node is JsonArray a)
            foreach (JsonNode? child in a)
                if (child != null) WithoutMachineFigures(child);
        return node;
    }
}
