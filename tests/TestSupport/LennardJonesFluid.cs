using MatSim.Potentials.Classical;
using MatSim.Simulation.Chemistry;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.Random;
using MatSim.Simulation.Systems;

namespace MatSim.TestSupport;

/// <summary>
/// The Lennard-Jones fluid in reduced units: σ = 1 Å, ε = 1 eV, m = 1 u, so lengths, energies and
/// times (τ = sqrt(mσ²/ε) = one internal time unit) are the reduced numbers, and T* = k_B T / ε.
/// </summary>
public static class LennardJonesFluid
{
    public static readonly AtomType Particle = new("LJ", Elements.FromSymbol("Ar"), 1.0);

    public static double Kelvin(double reducedTemperature) => reducedTemperature / MatSim.Simulation.Units.Units.Boltzmann;

    public static ParticleSystem Create(int atoms, double density, LatticeKind lattice = LatticeKind.FaceCentredCubic, ulong seed = 1)
    {
        double edge = Math.Cbrt(atoms / density);
        var system = new ParticleSystem(Cell.Cubic(edge), [Particle], [Species.Atom(Particle)], atoms);
        LatticeFill.Fill(system, 0, atoms, lattice, new Rng(seed));
        return system;
    }

    public static LennardJones Model(double cutoff, CutoffMode mode = CutoffMode.Truncated, bool tail = true, double skin = 0.3) => new(new LennardJonesOptions
    {
        Types = new Dictionary<string, LennardJonesPair> { ["LJ"] = new(1, 1) },
        Cutoff = cutoff,
        Mode = mode,
        TailCorrection = tail,
        Skin = skin,
    });
}
