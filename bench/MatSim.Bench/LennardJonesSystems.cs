using MatSim.Potentials.Classical;
using MatSim.Simulation.Chemistry;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.Random;
using MatSim.Simulation.Systems;

namespace MatSim.Bench;

/// <summary>The LJ fluid in reduced units (σ = 1 Å, ε = 1 eV, m = 1 u: τ is one internal time unit).</summary>
internal static class LennardJonesSystems
{
    private static readonly AtomType Particle = new("LJ", Elements.FromSymbol("Ar"), 1.0);

    public static double Kelvin(double reduced) => reduced / MatSim.Simulation.Units.Units.Boltzmann;

    /// <summary>An fcc lattice of 4 n³ atoms at density ρ* (LAMMPS' `lattice fcc ρ`).</summary>
    public static ParticleSystem Fcc(int cellsPerAxis, double density)
    {
        int atoms = 4 * cellsPerAxis * cellsPerAxis * cellsPerAxis;
        var system = new ParticleSystem(Cell.Cubic(Math.Cbrt(atoms / density)), [Particle], [Species.Atom(Particle)], atoms);
        LatticeFill.Fill(system, 0, atoms, LatticeKind.FaceCentredCubic, new Rng(1));
        return system;
    }

    /// <summary>n³ atoms on a simple-cubic lattice at density ρ* (e.g. 1000 atoms for n = 10).</summary>
    public static ParticleSystem SimpleCubic(int perAxis, double density)
    {
        int atoms = perAxis * perAxis * perAxis;
        var system = new ParticleSystem(Cell.Cubic(Math.Cbrt(atoms / density)), [Particle], [Species.Atom(Particle)], atoms);
        LatticeFill.Fill(system, 0, atoms, LatticeKind.SimpleCubic, new Rng(1));
        return system;
    }

    public static LennardJones Model(double cutoff, double skin, bool tail) => new(new LennardJonesOptions
    {
        Types = new Dictionary<string, LennardJonesPair> { ["LJ"] = new(1, 1) },
        Cutoff = cutoff,
        Skin = skin,
        TailCorrection = tail,
    });
}
