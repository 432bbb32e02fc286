using MatSim.Conformance;
using MatSim.Potentials.Classical;
using MatSim.Simulation.Energy;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.Random;
using MatSim.Simulation.Systems;
using MatSim.TestSupport;

namespace MatSim.Potentials.Tests.Classical;

/// <summary>Lennard-Jones and Ewald through the conformance checks every energy model must pass.</summary>
public class ConformanceTests
{
    private const double Cutoff = 6.0;

    public static TheoryData<string> Models => new() { "lj", "lj-shifted", "lj-force-shifted", "ewald", "lj+ewald" };

    private static IEnergyModel Model(string name) => name switch
    {
        "lj" => new LennardJones(TestSystems.LennardJonesFor(Cutoff)),
        "lj-shifted" => new LennardJones(TestSystems.LennardJonesFor(Cutoff, mode: CutoffMode.Shifted, tail: false)),
        "lj-force-shifted" => new LennardJones(TestSystems.LennardJonesFor(Cutoff, mode: CutoffMode.ForceShifted, tail: false)),
        "ewald" => new Ewald(new EwaldOptions { RealCutoff = Cutoff, Precision = 1e-7 }),
        _ => TestSystems.ClassicalModel(Cutoff),
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void ForcesAreMinusTheGradient(string name) =>
        EnergyConformance.ForcesAreMinusTheGradient(Model(name), TestSystems.Mixture(1), sampledAtoms: 8, tolerance: 1e-6);

    // The tail correction's pressure is the virial integral beyond the cutoff, not the strain
    // derivative of its energy (which keeps r_c fixed): compare the models without it.
    public static TheoryData<string> ModelsWithoutTail => new() { "lj-no-tail", "lj-shifted", "lj-force-shifted", "ewald", "lj-no-tail+ewald" };

    [Theory]
    [MemberData(nameof(ModelsWithoutTail))]
    public void VirialIsMinusTheStrainDerivative(string name)
    {
        IEnergyModel lj = new LennardJones(TestSystems.LennardJonesFor(Cutoff, tail: false));
        IEnergyModel model = name switch
        {
            "lj-no-tail" => lj,
            "lj-no-tail+ewald" => new CompositeEnergy([lj, Model("ewald")]),
            _ => Model(name),
        };
        EnergyConformance.VirialIsMinusTheStrainDerivative(model, TestSystems.Mixture(2), tolerance: 1e-5);
    }

    [Fact]
    public void TailPressureIsTheVirialIntegral()
    {
        // For one type: P_tail = (16/3) π ρ² ε σ³ [(2/3)(σ/r_c)⁹ − (σ/r_c)³] (Allen & Tildesley eq. 2.144)
        var options = TestSystems.LennardJonesFor(Cutoff);
        ParticleSystem system = TestSystems.Mixture(5);
        var argonOnly = new ParticleSystem(system.Cell, system.Types, system.Species);
        for (int m = 0; m < system.MoleculeCount; m++)
            if (system.Species[system.SpeciesOf(m)].Name == "Ar")
                argonOnly.AddMolecule(system.SpeciesOf(m), system.Positions.Slice(system.FirstAtomOf(m), 1));
        double withTail = new LennardJones(options).Bind(argonOnly).Evaluate(argonOnly, EnergyRequest.Virial).Virial.Trace;
        double without = new LennardJones(options with { TailCorrection = false }).Bind(argonOnly).Evaluate(argonOnly, EnergyRequest.Virial).Virial.Trace;
        double volume = argonOnly.Cell!.Volume, rho = argonOnly.Count / volume;
        LennardJonesPair ar = options.Types["Ar"];
        double x = ar.Sigma / Cutoff;
        double pTail = 16.0 / 3 * Math.PI * rho * rho * ar.Epsilon * Math.Pow(ar.Sigma, 3) * (2.0 / 3 * Math.Pow(x, 9) - Math.Pow(x, 3));
        Assert.Equal(3 * volume * pTail, withTail - without, 1e-12);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void InvariantToTranslationRotationAndPermutation(string name)
    {
        IEnergyModel model = Model(name);
        EnergyConformance.InvariantToTranslation(model, TestSystems.Mixture(3), new Vec3(3.7, -11.2, 25.1), 1e-9);
        EnergyConformance.InvariantToRotation(model, TestSystems.Mixture(4), new Rng(5).NextRotation(), 1e-9);
        EnergyConformance.InvariantToPermutation(model, TestSystems.Mixture(6), seed: 9, 1e-9);
    }

    [Theory]
    [InlineData("lj", 1e-10)]
    [InlineData("lj-shifted", 1e-10)]
    [InlineData("lj-force-shifted", 1e-10)]
    // Ewald at a fixed precision: the supercell's k-vectors differ, so agreement is to the precision
    [InlineData("ewald", 1e-6)]
    public void ExtensiveUnderReplication(string name, double tolerance) =>
        EnergyConformance.ExtensiveUnderReplication(Model(name), TestSystems.Mixture(7), new Replication(2, 1, 2), tolerance);

    [Theory]
    [MemberData(nameof(Models))]
    public void IncrementalEqualsFullAfterThousandsOfMoves(string name) =>
        EnergyConformance.IncrementalEqualsFull(Model(name), TestSystems.Mixture(8), moves: 3000, relativeTolerance: 1e-10);

    [Theory]
    [InlineData("lj-shifted")]
    [InlineData("lj-force-shifted")]
    [InlineData("ewald")]
    public void SmoothAcrossTheCutoff(string name) =>
        EnergyConformance.SmoothAcrossTheCutoff(Model(name), TestSystems.Mixture(10), molecule: 2, new Vec3(1, 0.3, 0.2), pathLength: 2, steps: 400, tolerance: 1e-5);

    [Fact]
    public void TheSmoothnessCheckCatchesATruncatedPotential()
    {
        var e = Assert.Throws<ConformanceException>(() => EnergyConformance.SmoothAcrossTheCutoff(
            new LennardJones(TestSystems.LennardJonesFor(Cutoff, tail: false)), TestSystems.Mixture(10), molecule: 2, new Vec3(1, 0.3, 0.2), 2, 400, 1e-5));
        Assert.Contains("a jump at the cutoff", e.Message);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void ThreadSafe(string name) => EnergyConformance.ThreadSafe(Model(name), TestSystems.Mixture(11), threads: 4, repeats: 3);

    [Fact]
    public void ACutoffBeyondHalfTheCellIsRefusedForMonteCarlo()
    {
        ParticleSystem system = TestSystems.Mixture(9, perAxis: 2);   // widths ≈ 8 Å
        IBoundEnergy lj = new LennardJones(TestSystems.LennardJonesFor(12)).Bind(system);
        var move = new MoveProposal();
        move.Displace(system, 0)[0] = system.Positions[0];
        var e = Assert.Throws<InvalidOperationException>(() => lj.Propose(move));
        Assert.Contains("more than half the smallest cell width", e.Message);
    }

    [Fact]
    public void AMissingAtomTypeIsNamed()
    {
        var options = TestSystems.LennardJonesFor(Cutoff) with
        {
            Types = new Dictionary<string, LennardJonesPair> { ["OW"] = new(0.01, 3), ["HW"] = new(0, 1) },
        };
        var e = Assert.Throws<MissingParametersException>(() => new LennardJones(options).Bind(TestSystems.Mixture(1)));
        Assert.Equal("C_co2", e.Type);
    }
}
