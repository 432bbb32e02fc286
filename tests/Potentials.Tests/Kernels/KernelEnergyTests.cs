using MatSim.Conformance;
using MatSim.Learning.KernelTraining;
using MatSim.Potentials.AtomCentred;
using MatSim.Potentials.Kernels;
using MatSim.Simulation.Energy;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.Structures;
using MatSim.Simulation.Systems;
using MatSim.TestSupport;

namespace MatSim.Potentials.Tests.Kernels;

/// <summary>The kernel model through the engines' potential contract (`type: kernel`), in a periodic cell.</summary>
public sealed class KernelEnergyTests
{
    private static readonly Lazy<KernelPotential> Model = new(() => KernelTrainer.Train(PairTeacher.Dimers(20, 0.08, 30), PairTeacher.DescriptorSet(),
        new KernelFitOptions { KernelParameters = [3], SparsePerElement = 60, EnergyRatios = [1e-4], ForceRatios = [1e-2] }, out _));

    /// <summary>Four dimers in a 13 Å triclinic box (the 6 Å cutoff is below half its widths).</summary>
    private static ParticleSystem Box()
    {
        List<Structure> dimers = PairTeacher.Dimers(4, 0.05, 31).Select(d => d.Structure).ToList();
        var cell = new Cell(new Vec3(13, 0, 0), new Vec3(0.5, 13, 0), new Vec3(0.3, -0.4, 13));
        Vec3[] centres = [new(2, 2, 2), new(8, 3, 7), new(3, 9, 9), new(9, 9, 3)];
        var positions = new List<Vec3>();
        for (int k = 0; k < dimers.Count; k++)
        {
            Vec3 centre = dimers[k].Positions.ToArray().Aggregate(Vec3.Zero, (a, b) => a + b) / dimers[k].Count;
            positions.AddRange(dimers[k].Positions.ToArray().Select(r => r - centre + centres[k]));
        }
        return SystemBuilder.FromStructure(new Structure(cell, dimers.SelectMany(d => d.Elements), positions));
    }

    [Fact]
    public void The_kernel_energy_model_passes_the_conformance_checks()
    {
        var model = new AtomCentredEnergy(Model.Value);
        EnergyConformance.ForcesAreMinusTheGradient(model, Box(), sampledAtoms: 6, tolerance: 1e-6);
        EnergyConformance.VirialIsMinusTheStrainDerivative(model, Box(), 1e-6);
        EnergyConformance.ExtensiveUnderReplication(model, Box(), new Replication(2, 1, 1), 1e-10);
        EnergyConformance.IncrementalEqualsFull(model, Box(), moves: 40, relativeTolerance: 1e-9, maxTranslation: 0.2, insertAndDelete: false);
    }

    [Fact]
    public void The_predictive_variance_comes_through_the_contract_on_request_only()
    {
        ParticleSystem system = Box();
        IBoundEnergy bound = new AtomCentredEnergy(Model.Value).Bind(system);
        EnergyEvaluation plain = bound.Evaluate(system);
        EnergyEvaluation withVariance = bound.Evaluate(system, EnergyRequest.Variance);
        Assert.Equal(0, plain.EnergyVariance);
        Structure s = system.ToStructure();
        double sigma = Model.Value.Uncertainty(s.Cell, s.Positions, s.Elements, forces: false).Energy;
        Assert.True(sigma > 0);
        Assert.Equal(sigma * sigma, withVariance.EnergyVariance, 1e-12 * sigma * sigma);
        Assert.Equal(plain.Energy, withVariance.Energy);
    }
}
