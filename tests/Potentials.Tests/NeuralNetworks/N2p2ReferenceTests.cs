using MatSim.Potentials.AtomCentred;
using MatSim.Potentials.NeuralNetworks;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.IO.ExtXyz;
using MatSim.TestSupport;

namespace MatSim.Potentials.Tests.NeuralNetworks;

/// <summary>MatSim reproduces n2p2's own prediction for its water model (issue 6 acceptance).</summary>
public sealed class N2p2ReferenceTests
{
    [Fact]
    public void Water_energy_and_forces_match_n2p2()
    {
        using NeuralNetworkPotential model = WaterModel.Load();
        ExtXyzFrame frame = WaterModel.Structure();
        (double expectedEnergy, Vec3[] expectedForces) = WaterModel.Expected();
        AtomCentredPrediction p = model.Predict(frame.Structure.Cell, frame.Structure.Positions, frame.Structure.Elements);
        double hartree = ModelUnits.BohrHartree.EvPerEnergy, bohr = ModelUnits.BohrHartree.AngstromPerLength;
        double energy = p.Energy / hartree;
        Assert.True(Math.Abs(energy - expectedEnergy) <= 1e-8 * Math.Abs(expectedEnergy), $"energy {energy:R} Ha vs n2p2 {expectedEnergy:R}");
        Assert.Equal(expectedForces.Length, p.Forces!.Length);
        double worst = 0;
        for (int i = 0; i < expectedForces.Length; i++)
        {
            Vec3 f = p.Forces[i] * (bohr / hartree);
            Vec3 d = f - expectedForces[i];
            worst = Math.Max(worst, Math.Max(Math.Abs(d.X), Math.Max(Math.Abs(d.Y), Math.Abs(d.Z))));
        }
        Assert.True(worst <= 1e-7, $"largest force deviation {worst:E3} Ha/Bohr");
    }

    [Fact]
    public void Batched_torch_networks_and_the_fused_cpu_sweep_agree()
    {
        using NeuralNetworkPotential model = WaterModel.Load();
        var s = WaterModel.Structure().Structure;
        AtomCentredPrediction fused = model.Predict(s.Cell, s.Positions, s.Elements);
        AtomCentredPrediction batched = model.Predict(Descriptors.SymmetryFunctions.DescriptorCalculator.Compute(model.Descriptors, s.Cell, s.Positions, s.Elements));
        Assert.Equal(batched.Energy, fused.Energy, 1e-9);
        for (int i = 0; i < s.Count; i++)
        {
            Assert.True((batched.Forces![i] - fused.Forces![i]).Length < 1e-10, $"atom {i}: {batched.Forces[i]} vs {fused.Forces[i]}");
            Assert.Equal(batched.AtomEnergies[i], fused.AtomEnergies[i], 1e-10);
        }
        for (int a = 0; a < 3; a++)
            for (int b = 0; b < 3; b++) Assert.Equal(batched.Virial[a, b], fused.Virial[a, b], 1e-8);
    }
}
