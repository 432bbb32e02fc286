using MatSim.Potentials.Classical;
using MatSim.Sampling.Targets;
using MatSim.Simulation.Chemistry;
using MatSim.Simulation.Energy;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.Random;
using MatSim.Simulation.Systems;

namespace MatSim.Sampling.Tests;

public sealed class TargetTests
{
    public static TheoryData<string> Targets => ["double-well", "mueller-brown", "dw4", "lj13", "potential"];

    internal static ITargetEnergy Create(string name) => name switch
    {
        "double-well" => new DoubleWell(),
        "mueller-brown" => new MuellerBrown(0.1),
        "dw4" => new MultiDoubleWell(),
        "lj13" => new LennardJonesCluster(),
        _ => new PotentialTarget(() => ArgonCluster(13), ArgonModel()),
    };

    internal static ParticleSystem ArgonCluster(int atoms)
    {
        var argon = new AtomType("Ar", Elements.FromSymbol("Ar"), 39.948);
        var system = new ParticleSystem(null, [argon], [Species.Atom(argon)], atoms);
        for (int i = 0; i < atoms; i++) system.AddMolecule(0, [new Vec3(0, 0, 0)]);
        return system;
    }

    /// <summary>σ = 2^(−1/6), ε = 1: the LJ13 convention (minimum −1 at r = 1), no cutoff in a 13-atom cluster.</summary>
    internal static LennardJones ArgonModel() => new(new LennardJonesOptions
    {
        Types = new Dictionary<string, LennardJonesPair> { ["Ar"] = new(1, Math.Pow(2, -1.0 / 6)) },
        Cutoff = 100,
    });

    internal static double[] Configuration(ITargetEnergy target, ulong seed)
    {
        var rng = new Rng(seed);
        int n = target.Dimension();
        // particles on a jittered grid with spacing ~1.1 (LJ) or ~3.5 (DW4) so nothing overlaps
        double spacing = target is MultiDoubleWell ? 3.5 : 1.1;
        var x = new double[n];
        int d = target.SpatialDimension, side = (int)Math.Ceiling(Math.Pow(target.Particles, 1.0 / d));
        for (int i = 0; i < target.Particles; i++)
            for (int a = 0; a < d; a++)
            {
                int cell = i / (int)Math.Pow(side, a) % side;
                x[i * d + a] = target.Particles == 1 ? rng.NextGaussian() : spacing * cell + 0.1 * rng.NextGaussian();
            }
        return x;
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Gradient_equals_the_finite_difference_of_the_energy(string name)
    {
        ITargetEnergy target = Create(name);
        double[] x = Configuration(target, 4);
        var gradient = new double[x.Length];
        target.Energy(x, gradient);
        const double h = 1e-6;
        for (int k = 0; k < x.Length; k++)
        {
            double[] plus = (double[])x.Clone(), minus = (double[])x.Clone();
            plus[k] += h;
            minus[k] -= h;
            double fd = (target.Energy(plus, []) - target.Energy(minus, [])) / (2 * h);
            Assert.True(Math.Abs(fd - gradient[k]) < 1e-5 * Math.Max(1, Math.Abs(fd)), $"{name} coordinate {k}: {gradient[k]} vs FD {fd}");
        }
    }

    [Fact]
    public void LJ13_pair_energy_equals_MatSims_Lennard_Jones_model()
    {
        var cluster = new LennardJonesCluster(restraint: 0);
        double[] x = Configuration(cluster, 6);
        ParticleSystem system = ArgonCluster(13);
        for (int i = 0; i < 13; i++) system.Positions[i] = new Vec3(x[3 * i], x[3 * i + 1], x[3 * i + 2]);
        double reference = ArgonModel().Bind(system).TotalEnergy(system);
        Assert.Equal(reference, cluster.Energy(x, []), 10);
        Assert.Equal(reference, new PotentialTarget(() => ArgonCluster(13), ArgonModel()).Energy(x, []), 10);
    }

    [Fact]
    public void Restraint_is_half_the_sum_of_squared_distances_to_the_centre()
    {
        double[] x = [0, 0, 0, 2, 0, 0];   // two particles 2 apart: each 1 from the centre
        var cluster = new LennardJonesCluster(particles: 2, restraint: 3);
        var bare = new LennardJonesCluster(particles: 2, restraint: 0);
        Assert.Equal(0.5 * 3 * 2, cluster.Energy(x, []) - bare.Energy(x, []), 12);
    }

    [Theory]
    [InlineData("dw4")]
    [InlineData("lj13")]
    [InlineData("potential")]
    public void Pair_targets_are_invariant_to_translation_rotation_and_permutation(string name)
    {
        ITargetEnergy target = Create(name);
        double[] x = Configuration(target, 8);
        double u = target.Energy(x, []);
        int n = target.Particles, d = target.SpatialDimension;
        var rng = new Rng(2);
        double[] moved = (double[])x.Clone();
        for (int i = 0; i < n; i++)
            for (int a = 0; a < d; a++) moved[i * d + a] += 0.7 * (a + 1);
        Assert.Equal(u, target.Energy(moved, []), 9);
        int[] p = rng.Permutation(n);
        double[] permuted = new double[x.Length];
        for (int i = 0; i < n; i++) Array.Copy(x, p[i] * d, permuted, i * d, d);
        Assert.Equal(u, target.Energy(permuted, []), 9);
        double angle = 0.83, c = Math.Cos(angle), s = Math.Sin(angle);
        double[] rotated = (double[])x.Clone();
        for (int i = 0; i < n; i++)
        {
            rotated[i * d] = c * x[i * d] - s * x[i * d + 1];
            rotated[i * d + 1] = s * x[i * d] + c * x[i * d + 1];
        }
        Assert.Equal(u, target.Energy(rotated, []), 9);
    }

    [Fact]
    public void Double_well_and_Mueller_Brown_have_their_published_minima()
    {
        var wells = new DoubleWell();
        Assert.True(wells.Energy([-1.7808, 0], []) < wells.Energy([-1.70, 0], []) && wells.Energy([-1.7808, 0], []) < wells.Energy([-1.86, 0], []));
        var mb = new MuellerBrown();
        Assert.Equal(-146.70, mb.Energy([-0.558, 1.442], []), 1);
        Assert.Equal(-108.17, mb.Energy([0.623, 0.028], []), 1);
        Assert.Equal(-80.77, mb.Energy([-0.050, 0.467], []), 1);
    }

    [Fact]
    public void Centre_of_mass_free_map_is_an_isometry_that_drops_the_centre()
    {
        ITargetEnergy target = new LennardJonesCluster();
        var map = new CoordinateMap(target);
        Assert.Equal(36, map.FlowDimension);
        double[] x = Configuration(target, 3);
        var y = new double[map.FlowDimension];
        map.ToFlow(x, y);
        var back = new double[x.Length];
        map.ToCartesian(y, back);
        for (int a = 0; a < 3; a++)
        {
            double centre = Enumerable.Range(0, 13).Average(i => x[3 * i + a]);
            Assert.Equal(0, Enumerable.Range(0, 13).Sum(i => back[3 * i + a]), 9);
            for (int i = 0; i < 13; i++) Assert.Equal(x[3 * i + a] - centre, back[3 * i + a], 9);
        }
        double normX = Enumerable.Range(0, 39).Sum(k => back[k] * back[k]), normY = y.Sum(v => v * v);
        Assert.Equal(normX, normY, 9);
        Assert.Equal(target.Energy(x, []), target.Energy(back, []), 9);
    }
}
