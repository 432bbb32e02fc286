using FireOptimizer;
using MatSim.Simulation.Systems;

namespace MatSim.Cli.Tests.Plugins;

/// <summary>The custom-engine example (examples/FireOptimizer): a user's FIRE loop over MatSim's library API.</summary>
public class CustomEngineTests
{
    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    public void TheUsersFireLoopFindsTheLj13GlobalMinimum(ulong seed)
    {
        ParticleSystem cluster = Lj13.Perturbed(seed, 0.1);

        MinimisationResult result = new Fire().Minimise(cluster, Lj13.Model().Bind(cluster), maxForce: 1e-6, maxSteps: 20_000);

        Assert.True(result.Converged, $"max force {result.MaxForce} after {result.Steps} steps");
        Assert.Equal(-44.326801, result.Energy, 1e-6);   // Wales & Doye, J. Phys. Chem. A 101, 5111 (1997), in ε
    }
}
