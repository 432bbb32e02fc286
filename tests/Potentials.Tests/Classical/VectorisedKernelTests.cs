using MatSim.Conformance;
using MatSim.Potentials.Classical;
using MatSim.Simulation.Energy;
using MatSim.Simulation.Random;
using MatSim.Simulation.Systems;
using MatSim.TestSupport;

namespace MatSim.Potentials.Tests.Classical;

/// <summary>The AVX2 kernel (one atom type, forces requested) against the scalar loop and finite differences.</summary>
public class VectorisedKernelTests
{
    private static ParticleSystem Fluid(ulong seed)
    {
        ParticleSystem system = LennardJonesFluid.Create(500, 0.8442, seed: seed);
        var rng = new Rng(seed);
        Span<MatSim.Simulation.Geometry.Vec3> r = system.Positions;
        for (int i = 0; i < r.Length; i++) r[i] += 0.15 * rng.NextUnitVector();
        system.PositionsChanged();
        return system;
    }

    [Theory]
    [InlineData(CutoffMode.Truncated)]
    [InlineData(CutoffMode.ForceShifted)]
    public void VectorisedAndScalarLoopsAgree(CutoffMode mode)
    {
        Assert.SkipUnless(LennardJonesKernel.Supported, "this CPU has no AVX2; only the scalar loop runs");
        ParticleSystem system = Fluid(3);
        IBoundEnergy energy = LennardJonesFluid.Model(2.5, mode: mode, tail: false).Bind(system);
        EnergyEvaluation vectorised = energy.Evaluate(system, EnergyRequest.ForcesAndVirial);
        // asking for per-atom energies takes the scalar loop
        EnergyEvaluation scalar = energy.Evaluate(system, EnergyRequest.ForcesAndVirial | EnergyRequest.AtomEnergies);
        Assert.Equal(scalar.Energy, vectorised.Energy, 1e-10 * Math.Abs(scalar.Energy));
        for (int i = 0; i < system.Count; i++)
            Assert.True((scalar.Forces[i] - vectorised.Forces[i]).Length < 1e-10, $"force on atom {i}");
        Assert.Equal(scalar.Virial.Trace, vectorised.Virial.Trace, 1e-9 * Math.Abs(scalar.Virial.Trace));
        Assert.Equal(scalar.Virial.XY, vectorised.Virial.XY, 1e-9);
        Assert.Equal(scalar.Energy, scalar.AtomEnergies.ToArray().Sum(), 1e-9);
    }

    [Fact]
    public void VectorisedForcesAreMinusTheGradient() =>
        EnergyConformance.ForcesAreMinusTheGradient(LennardJonesFluid.Model(2.5, tail: false), Fluid(4), sampledAtoms: 6, tolerance: 1e-5);

    [Fact]
    public void VectorisedVirialIsMinusTheStrainDerivative() =>
        EnergyConformance.VirialIsMinusTheStrainDerivative(LennardJonesFluid.Model(2.5, mode: CutoffMode.ForceShifted, tail: false), Fluid(5), 1e-4);
}
