using MatSim.Potentials.Classical;
using MatSim.Simulation.Engines.Dynamics;
using MatSim.Simulation.Random;
using MatSim.Simulation.Systems;
using MatSim.TestSupport;

namespace MatSim.Potentials.Tests.Engines;

public class MolecularDynamicsTests
{
    [Fact]
    public void NveEnergyDriftOfTheLennardJonesFluidIsBelow1e4PerAtom()
    {
        // reduced units; ρ* = 0.8442, melted from fcc at T* = 1.44 (T* ≈ 0.72 after); dt = 0.005;
        // cutoff 2.5σ with the linear force shift, so that energy and force are continuous. Drift =
        // slope of a least-squares line through E(t), times the run length; the O(dt²) oscillation
        // of E around it is bounded separately. (With a force that jumps at r_c — truncated or
        // energy-shifted — the drift is a random walk of order 1e-4 per atom over these steps.)
        ParticleSystem system = LennardJonesFluid.Create(500, 0.8442);
        var model = LennardJonesFluid.Model(2.5, mode: CutoffMode.ForceShifted, tail: false);
        var md = new MolecularDynamicsEngine(system, model.Bind(system), 0.005, ThermostatOptions.None, new Rng(5));
        md.InitializeVelocities(LennardJonesFluid.Kelvin(1.44));
        for (int i = 0; i < 1000; i++) md.Advance();
        var (drift, spread) = DriftAndSpread(md, 10_000, () => (md.PotentialEnergy + md.KineticEnergy) / system.Count);
        Assert.True(Math.Abs(drift) < 1e-4, $"drift {drift:G3} per atom over 10^4 steps");
        Assert.True(spread < 2e-4, $"energy fluctuates by {spread:G3} per atom");
    }

    [Theory]
    [InlineData(ThermostatKind.Langevin)]
    [InlineData(ThermostatKind.Csvr)]
    public void ThermostatsHoldTheTargetTemperature(ThermostatKind kind)
    {
        ParticleSystem system = LennardJonesFluid.Create(256, 0.8);
        var model = LennardJonesFluid.Model(2.5, mode: CutoffMode.Shifted, tail: false);
        double target = LennardJonesFluid.Kelvin(1.2);
        var md = new MolecularDynamicsEngine(system, model.Bind(system), 0.005, new ThermostatOptions(kind, target, 0.5), new Rng(11));
        md.InitializeVelocities(LennardJonesFluid.Kelvin(2.0));
        for (int i = 0; i < 2000; i++) md.Advance();
        const int blocks = 10, perBlock = 600;
        var means = new double[blocks];
        for (int b = 0; b < blocks; b++)
        {
            for (int i = 0; i < perBlock; i++)
            {
                md.Advance();
                means[b] += md.Temperature / perBlock;
            }
        }
        double mean = means.Average();
        double se = Math.Sqrt(means.Sum(m => (m - mean) * (m - mean)) / (blocks * (blocks - 1)));
        // BAOAB's configurational sampling error at dt = 0.005 is far below the statistical error
        Assert.True(Math.Abs(mean - target) < 4 * se + 0.002 * target, $"<T> = {mean:F1} ± {se:F1} K, target {target:F1} K");
    }

    [Fact]
    public void CsvrConservesTheExtendedEnergy()
    {
        ParticleSystem system = LennardJonesFluid.Create(256, 0.8);
        var model = LennardJonesFluid.Model(2.5, mode: CutoffMode.ForceShifted, tail: false);
        var md = new MolecularDynamicsEngine(system, model.Bind(system), 0.004,
            new ThermostatOptions(ThermostatKind.Csvr, LennardJonesFluid.Kelvin(1.0), 0.2), new Rng(3));
        md.InitializeVelocities(LennardJonesFluid.Kelvin(1.0));
        for (int i = 0; i < 500; i++) md.Advance();
        var (drift, _) = DriftAndSpread(md, 5000, () => (md.PotentialEnergy + md.KineticEnergy + md.ThermostatEnergy) / system.Count);
        Assert.True(Math.Abs(drift) < 1e-4, $"conserved quantity drifted by {drift:G3} per atom");
    }

    /// <summary>Least-squares drift of a quantity over a run (slope × steps) and its spread around the mean.</summary>
    private static (double Drift, double Spread) DriftAndSpread(MolecularDynamicsEngine md, int steps, Func<double> quantity)
    {
        double sx = 0, sy = 0, sxx = 0, sxy = 0, syy = 0;
        for (int i = 0; i < steps; i++)
        {
            md.Advance();
            double e = quantity();
            sx += i;
            sy += e;
            sxx += (double)i * i;
            sxy += i * e;
            syy += e * e;
        }
        double slope = (steps * sxy - sx * sy) / (steps * sxx - sx * sx);
        return (slope * steps, Math.Sqrt(Math.Max(0, syy / steps - sy * sy / ((double)steps * steps))));
    }

    [Fact]
    public void RigidMoleculesAreRefusedWithAReason()
    {
        ParticleSystem system = Classical.TestSystems.Mixture(1);
        var model = new Potentials.Classical.LennardJones(Classical.TestSystems.LennardJonesFor(5));
        var e = Assert.Throws<NotSupportedException>(() => new MolecularDynamicsEngine(system, model.Bind(system), 0.1, ThermostatOptions.None, new Rng(1)));
        Assert.Contains("rigid multi-atom molecules", e.Message);
    }
}
