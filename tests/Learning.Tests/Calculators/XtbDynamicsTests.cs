using MatSim.Learning.Calculators;
using MatSim.Simulation.IO.ExtXyz;
using MatSim.Simulation.Random;
using MatSim.Simulation.Structures;
using MatSim.TestSupport;

namespace MatSim.Learning.Tests.Calculators;

/// <summary>MD with xtb itself (`xtb --md`): the initial velocities come from MatSim's seed, so runs repeat exactly.</summary>
public sealed class XtbDynamicsTests
{
    [Fact]
    public void The_same_seed_gives_the_same_xtb_trajectory_and_another_seed_another()
    {
        string? xtb = XtbCalculator.Locate();
        if (xtb == null) Assert.Skip("xtb not found on PATH (Debian package xtb; .ci/run installs it with apt-get install -y xtb)");
        Structure start = ExtXyzReader.ReadFile(Repository.PathOf("data", "structures", "water-tetramer.xyz")).First().Structure;
        string folder = Repository.TemporaryDirectory("xtb-md");
        var dynamics = new XtbDynamics(xtb, timeLimit: TimeSpan.FromMinutes(2));
        IReadOnlyList<ReferenceFrame> Run(string name, ulong seed) =>
            dynamics.Run(start, 300, 0.05, 0.5, 10, Path.Combine(folder, name), Rng.ForStream(seed, 0), TestContext.Current.CancellationToken);
        IReadOnlyList<ReferenceFrame> a = Run("a", 1), b = Run("b", 1), c = Run("c", 2);
        Assert.Equal(5, a.Count);
        Assert.Equal(a[^1].Energy, b[^1].Energy);
        Assert.Equal(a[^1].Structure.Positions.ToArray(), b[^1].Structure.Positions.ToArray());
        Assert.NotEqual(a[^1].Energy, c[^1].Energy);
        // the first frame is the start; the next, 10 fs later, has moved, by less than 0.3 Å per atom
        Assert.Equal(start.Positions.ToArray(), a[0].Structure.Positions.ToArray(), (p, q) => (p - q).Length < 1e-8);
        double moved = a[1].Structure.Positions.ToArray().Zip(start.Positions.ToArray(), (p, q) => (p - q).Length).Max();
        Assert.InRange(moved, 1e-3, 0.3);
    }
}
