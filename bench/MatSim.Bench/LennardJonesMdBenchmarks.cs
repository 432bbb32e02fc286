using BenchmarkDotNet.Attributes;
using MatSim.Simulation.Engines.Dynamics;
using MatSim.Simulation.Random;
using MatSim.Simulation.Systems;

namespace MatSim.Bench;

/// <summary>
/// LAMMPS' classic LJ benchmark (bench/lammps/in.lj): fcc 20³ cells = 32 000 atoms, ρ* = 0.8442,
/// T* = 1.44, lj/cut 2.5σ, skin 0.3σ, NVE, dt = 0.005τ. One operation = 100 steps, neighbour-list
/// rebuilds included (MatSim rebuilds when an atom moved half the skin; LAMMPS every 20 steps).
/// atom-steps/s = 32 000 × 100 / mean time. Compare with `bench/lammps/run.sh` run alongside.
/// </summary>
[MemoryDiagnoser]
public class LennardJonesMdBenchmarks
{
    private MolecularDynamicsEngine md = null!;

    [Params(20)]
    public int CellsPerAxis { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        ParticleSystem system = LennardJonesSystems.Fcc(CellsPerAxis, 0.8442);
        var energy = LennardJonesSystems.Model(2.5, 0.3, tail: false).Bind(system);
        md = new MolecularDynamicsEngine(system, energy, 0.005, ThermostatOptions.None, new Rng(87287));
        md.InitializeVelocities(LennardJonesSystems.Kelvin(1.44));
        for (int i = 0; i < 100; i++) md.Advance();   // past the first rebuilds of the melting lattice
    }

    [Benchmark(OperationsPerInvoke = 100)]
    public double HundredSteps()
    {
        for (int i = 0; i < 100; i++) md.Advance();
        return md.PotentialEnergy;
    }
}
