using FireOptimizer;
using MatSim.Potentials.Classical;
using MatSim.Simulation.Chemistry;
using MatSim.Simulation.Energy;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.Random;
using MatSim.Simulation.Systems;

// The LJ13 cluster, a perturbed icosahedron, relaxed by FIRE with MatSim's Lennard-Jones
// (ε = 1 eV, σ = 1 Å, so energies print in ε). Known global minimum: −44.326801 ε
// (Wales & Doye, J. Phys. Chem. A 101, 5111 (1997)).
ulong seed = args.Length > 0 ? ulong.Parse(args[0]) : 1;
ParticleSystem cluster = Lj13.Perturbed(seed, 0.1);
IBoundEnergy energy = Lj13.Model().Bind(cluster);
Console.WriteLine($"start:   E = {energy.TotalEnergy(cluster):F6} ε");
MinimisationResult result = new Fire().Minimise(cluster, energy, maxForce: 1e-6, maxSteps: 20_000);
Console.WriteLine($"relaxed: E = {result.Energy:F6} ε after {result.Steps} FIRE steps (max force {result.MaxForce:G2} ε/σ, converged: {result.Converged})");
Console.WriteLine("LJ13 global minimum (Wales & Doye 1997): −44.326801 ε");

/// <summary>The LJ13 test system: 13 atoms in a box far larger than the cluster.</summary>
public static class Lj13
{
    private static readonly AtomType Atom = new("X", Elements.FromSymbol("Ar"), 1.0);

    /// <summary>Lennard-Jones with ε = 1 eV and σ = 1 Å, every pair inside the cutoff.</summary>
    public static IEnergyModel Model() => new LennardJones(new LennardJonesOptions
    {
        Types = new Dictionary<string, LennardJonesPair> { ["X"] = new(1.0, 1.0) },
        Cutoff = 4.5,
        Mode = CutoffMode.Truncated,
        TailCorrection = false,
        Skin = 0.5,
    });

    /// <summary>An icosahedron (centre + 12 vertices at the nearest-neighbour distance 2^{1/6}), displaced by up to <paramref name="noise"/> per axis.</summary>
    public static ParticleSystem Perturbed(ulong seed, double noise)
    {
        var system = new ParticleSystem(Cell.Cubic(12), [Atom], [Species.Atom(Atom)]);
        double phi = (1 + Math.Sqrt(5)) / 2, scale = Math.Pow(2, 1.0 / 6) / Math.Sqrt(1 + phi * phi);
        var rng = new Rng(seed);
        var centre = new Vec3(6, 6, 6);
        var sites = new List<Vec3> { Vec3.Zero };
        foreach (int s1 in new[] { -1, 1 })
        foreach (int s2 in new[] { -1, 1 })
        {
            sites.Add(new Vec3(0, s1, s2 * phi));
            sites.Add(new Vec3(s1, s2 * phi, 0));
            sites.Add(new Vec3(s2 * phi, 0, s1));
        }
        foreach (Vec3 site in sites)
        {
            var jitter = new Vec3(rng.NextDouble() - 0.5, rng.NextDouble() - 0.5, rng.NextDouble() - 0.5) * (2 * noise);
            system.AddMolecule(0, [centre + scale * site + jitter]);
        }
        return system;
    }
}
