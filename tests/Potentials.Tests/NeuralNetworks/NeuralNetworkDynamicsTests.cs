using MatSim.Potentials.NeuralNetworks;
using MatSim.Simulation.Engines.Dynamics;
using MatSim.Simulation.Random;
using MatSim.Simulation.Systems;
using MatSim.Simulation.Units;
using MatSim.TestSupport;

namespace MatSim.Potentials.Tests.NeuralNetworks;

/// <summary>The network potential drives MatSim's MD: NVE conserves energy.</summary>
public sealed class NeuralNetworkDynamicsTests
{
    [Fact]
    public void Nve_water_conserves_energy()
    {
        using NeuralNetworkPotential model = WaterModel.Load();
        ParticleSystem system = SystemBuilder.FromStructure(SmallWater.Box(9.9));
        var md = new MolecularDynamicsEngine(system, new NeuralNetworkEnergy(model).Bind(system), Units.FemtosecondsToInternal(0.25), ThermostatOptions.None, new Rng(3));
        md.InitializeVelocities(300);
        double start = md.PotentialEnergy + md.KineticEnergy, worst = 0, kinetic = 0;
        for (int step = 0; step < 200; step++)
        {
            md.Advance();
            worst = Math.Max(worst, Math.Abs(md.PotentialEnergy + md.KineticEnergy - start));
            kinetic += md.KineticEnergy / 200;
        }
        // velocity Verlet's fluctuation of the total energy is O(dt²); 1 % of the kinetic energy is a loose bound at 0.25 fs
        Assert.True(worst < 0.01 * kinetic, $"total energy wandered by {worst:E2} eV (kinetic energy {kinetic:F3} eV)");
        Assert.True(md.Temperature > 50, "the system should stay hot");
    }
}
