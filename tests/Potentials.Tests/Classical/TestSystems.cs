using MatSim.Potentials.Classical;
using MatSim.Simulation.Chemistry;
using MatSim.Simulation.Energy;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.Random;
using MatSim.Simulation.Systems;
using U = MatSim.Simulation.Units.Units;

namespace MatSim.Potentials.Tests.Classical;

/// <summary>Small systems for model tests: molecules on a lattice with random orientations (no overlaps).</summary>
internal static class TestSystems
{
    public static readonly AtomType Ow = new("OW", Elements.FromSymbol("O"), 15.9994);
    public static readonly AtomType Hw = new("HW", Elements.FromSymbol("H"), 1.008);
    public static readonly AtomType Cc = new("C_co2", Elements.FromSymbol("C"), 12.0);
    public static readonly AtomType Oc = new("O_co2", Elements.FromSymbol("O"), 15.9994);
    public static readonly AtomType Ar = new("Ar", Elements.FromSymbol("Ar"), 39.948);

    /// <summary>SPC/E water: r_OH = 1 Å, HOH = 109.47° (Berendsen et al., J. Phys. Chem. 91, 6269 (1987)).</summary>
    public static Species Water()
    {
        double angle = 109.47 * Math.PI / 180;
        return new Species("water", ["OW", "HW", "HW"], [-0.8476, 0.4238, 0.4238],
            [Vec3.Zero, new Vec3(1, 0, 0), new Vec3(Math.Cos(angle), Math.Sin(angle), 0)], [15.9994, 1.008, 1.008]);
    }

    /// <summary>TraPPE CO2: C–O 1.16 Å, q_C = +0.70, q_O = −0.35 (Potoff &amp; Siepmann, AIChE J. 47, 1676 (2001)).</summary>
    public static Species CarbonDioxide() =>
        new("co2", ["O_co2", "C_co2", "O_co2"], [-0.35, 0.70, -0.35],
            [new Vec3(-1.16, 0, 0), Vec3.Zero, new Vec3(1.16, 0, 0)], [15.9994, 12.0, 15.9994]);

    public static Species Argon() => Species.Atom(Ar);

    public static LennardJonesOptions LennardJonesFor(double cutoff, CutoffMode mode = CutoffMode.Truncated, bool tail = true) => new()
    {
        Types = new Dictionary<string, LennardJonesPair>
        {
            ["OW"] = new(78.19743111 * U.Boltzmann, 3.16555789),
            ["HW"] = new(0, 1),
            ["C_co2"] = new(27.0 * U.Boltzmann, 2.80),
            ["O_co2"] = new(79.0 * U.Boltzmann, 3.05),
            ["Ar"] = new(119.8 * U.Boltzmann, 3.405),
        },
        Cutoff = cutoff,
        Mode = mode,
        TailCorrection = tail,
        Skin = 0.5,
    };

    /// <summary>Water, CO2 and argon in a triclinic cell, one molecule per lattice site.</summary>
    public static ParticleSystem Mixture(ulong seed, int perAxis = 3, double spacing = 4.2)
    {
        var rng = new Rng(seed);
        double edge = perAxis * spacing;
        Cell cell = Cell.FromParameters(edge, edge * 1.05, edge * 0.97, 84, 97, 102);
        var system = new ParticleSystem(cell, [Ow, Hw, Cc, Oc, Ar], [Water(), CarbonDioxide(), Argon()]);
        var positions = new Vec3[3];
        int index = 0;
        for (int i = 0; i < perAxis; i++)
        for (int j = 0; j < perAxis; j++)
        for (int k = 0; k < perAxis; k++, index++)
        {
            int species = index % 3;
            Species s = system.Species[species];
            Vec3 centre = cell.ToCartesian(new Vec3((i + 0.5) / perAxis, (j + 0.5) / perAxis, (k + 0.5) / perAxis));
            s.Place(centre + 0.3 * rng.NextUnitVector(), rng.NextRotation(), positions.AsSpan(0, s.AtomCount));
            system.AddMolecule(species, positions.AsSpan(0, s.AtomCount));
        }
        return system;
    }

    public static IEnergyModel ClassicalModel(double cutoff) => new CompositeEnergy(
    [
        new LennardJones(LennardJonesFor(cutoff)),
        new Ewald(new EwaldOptions { RealCutoff = cutoff, Precision = 1e-6 }),
    ]);
}
