using System.Globalization;
using MatSim.Descriptors.SymmetryFunctions;
using MatSim.Potentials.AtomCentred;
using MatSim.Potentials.NeuralNetworks;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.IO.ExtXyz;
using MatSim.TestSupport;

namespace MatSim.Potentials.Tests.NeuralNetworks;

/// <summary>
/// MatSim reproduces n2p2's own prediction (nnp-predict of n2p2 2.3) for every n2p2 model of the
/// reference material: water with Gaussian functions, compact functions with every asymmetric
/// subtype, weighted compact functions on QM9 molecules, and the weights n2p2 trained on (H2O)8.
/// </summary>
public sealed class N2p2ReferenceTests
{
    public static TheoryData<string> Models => new(N2p2Reference.All);

    [Theory]
    [MemberData(nameof(Models))]
    public void Energies_and_forces_match_n2p2(string name)
    {
        var reference = new N2p2Reference(name);
        using NeuralNetworkPotential model = reference.Load();
        var expected = reference.Expected();
        ExtXyzFrame[] frames = reference.Structures().Take(expected.Count).ToArray();
        double hartree = ModelUnits.BohrHartree.EvPerEnergy, bohr = ModelUnits.BohrHartree.AngstromPerLength;
        for (int s = 0; s < expected.Count; s++)
        {
            (double expectedEnergy, Vec3[] expectedForces) = expected[s];
            var structure = frames[s].Structure;
            AtomCentredPrediction p = model.Predict(structure.Cell, structure.Positions, structure.Elements);
            double energy = p.Energy / hartree;
            Assert.True(Math.Abs(energy - expectedEnergy) <= 1e-8 * Math.Abs(expectedEnergy), $"{name} structure {s + 1}: energy {energy:R} vs n2p2 {expectedEnergy:R}");
            Assert.Equal(expectedForces.Length, p.Forces!.Length);
            double worst = 0;
            for (int i = 0; i < expectedForces.Length; i++)
            {
                Vec3 d = p.Forces[i] * (bohr / hartree) - expectedForces[i];
                worst = Math.Max(worst, Math.Max(Math.Abs(d.X), Math.Max(Math.Abs(d.Y), Math.Abs(d.Z))));
            }
            Assert.True(worst <= 1e-7, $"{name} structure {s + 1}: largest force deviation {worst:E3} (model units)");
        }
    }

    /// <summary>The raw symmetry-function values of every atom equal n2p2's (function.data of nnp-predict, 10 decimals).</summary>
    [Fact]
    public void Compact_function_values_match_n2p2_atom_by_atom()
    {
        var reference = new N2p2Reference("n2p2-compact-asym");
        using NeuralNetworkPotential model = reference.Load();
        var structure = reference.Structures().First().Structure;
        StructureDescriptors descriptors = DescriptorCalculator.Compute(model.Descriptors, structure.Cell, structure.Positions, structure.Elements);
        string[] lines = File.ReadAllLines(Path.Combine(reference.Folder, "function.data"));
        Assert.Equal(structure.Count, int.Parse(lines[0].Trim(), CultureInfo.InvariantCulture));
        var worst = (Deviation: 0.0, Atom: 0, Function: 0);
        for (int i = 0; i < structure.Count; i++)
        {
            double[] n2p2 = lines[i + 1].Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            ReadOnlySpan<double> ours = descriptors.Of(i);
            Assert.Equal(n2p2.Length, ours.Length);
            for (int k = 0; k < n2p2.Length; k++)
                if (Math.Abs(ours[k] - n2p2[k]) > worst.Deviation) worst = (Math.Abs(ours[k] - n2p2[k]), i, k);
        }
        var function = model.Descriptors.FunctionsOf(descriptors.ElementOfAtom[worst.Atom])[worst.Function];
        Assert.True(worst.Deviation <= 1e-9, $"atom {worst.Atom + 1}, function {worst.Function + 1} (input.nn line {function.LineNumber}): deviation {worst.Deviation:E3}");
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
