using MatSim.Sampling.Flows;
using MatSim.Simulation.Errors;
using MatSim.TestSupport;
using static TorchSharp.torch;

namespace MatSim.Sampling.Tests;

public sealed class FlowFileTests
{
    [Theory]
    [InlineData(CouplingKind.Affine)]
    [InlineData(CouplingKind.Spline)]
    public void A_saved_flow_loads_with_identical_densities(CouplingKind coupling)
    {
        string path = Path.Combine(Repository.TemporaryDirectory("flow-file"), "f.flow.json");
        using var flow = FlowLayerTests.RandomFlow(6, coupling, 8);
        var provenance = new FlowProvenance("dw4", 4, 2, 1);
        FlowFile.Write(flow, provenance, path);
        var (loaded, read) = FlowFile.Read(path, provenance);
        using (loaded)
        {
            Assert.Equal(provenance, read);
            using var generator = new Generator(5, CPU);
            using var x = randn([50, 6], ScalarType.Float64, generator: generator);
            using var _ = no_grad();
            Assert.Equal(flow.LogProbability(x).data<double>().ToArray(), loaded.LogProbability(x).data<double>().ToArray());
        }
    }

    [Fact]
    public void A_flow_for_another_system_size_is_refused_with_both_sizes()
    {
        string path = Path.Combine(Repository.TemporaryDirectory("flow-file"), "dw4.flow.json");
        using var flow = FlowLayerTests.RandomFlow(6, CouplingKind.Affine, 8);
        FlowFile.Write(flow, new FlowProvenance("dw4", 4, 2, 1), path);
        var error = Assert.Throws<InputException>(() => FlowFile.Read(path, new FlowProvenance("lj13", 13, 3, 1)));
        Assert.Contains("4 particles in 2D", error.Message);
        Assert.Contains("13 particles in 3D", error.Message);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void A_file_that_is_not_a_flow_is_refused()
    {
        string path = Path.Combine(Repository.TemporaryDirectory("flow-file"), "bad.flow.json");
        File.WriteAllText(path, "{\"format\": \"something-else\"}");
        Assert.Contains("not a MatSim flow file", Assert.Throws<InputException>(() => FlowFile.Read(path)).Message);
        File.WriteAllText(path, "{ not json");
        Assert.Contains("invalid JSON", Assert.Throws<InputException>(() => FlowFile.Read(path)).Message);
    }
}
