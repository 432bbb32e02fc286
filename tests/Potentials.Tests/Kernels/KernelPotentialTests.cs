using MatSim.Descriptors.SymmetryFunctions;
using MatSim.Learning.KernelTraining;
using MatSim.Learning.NetworkTraining;
using MatSim.Potentials.AtomCentred;
using MatSim.Potentials.Kernels;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.Random;
using MatSim.Simulation.Structures;
using MatSim.TestSupport;

namespace MatSim.Potentials.Tests.Kernels;

/// <summary>Exactness of the kernel model: interpolation, derivative kernels, forces, invariances, extensivity.</summary>
public sealed class KernelPotentialTests
{
    private static readonly KernelFitOptions Quick = new()
    {
        KernelParameters = [3], SparsePerElement = 40, EnergyRatios = [1e-4], ForceRatios = [1e-2],
    };

    private static KernelPotential Train(List<LabelledStructure> data, KernelFitOptions options) =>
        KernelTrainer.Train(data, PairTeacher.DescriptorSet(), options, out _);

    [Fact]
    public void A_gpr_without_noise_interpolates_its_training_energies()
    {
        List<LabelledStructure> data = PairTeacher.Dimers(12, 0.1, 1);
        KernelPotential model = Train(data, Quick with { Selection = SparseSelectionMethod.All, UseForces = false, EnergyRatios = [1e-12] });
        foreach (LabelledStructure s in data)
        {
            double predicted = model.Predict(null, s.Structure.Positions, s.Structure.Elements).Energy;
            Assert.True(Math.Abs(predicted - s.Energy) < 1e-5, $"training energy {s.Energy} predicted {predicted}");
        }
        LabelledStructure unseen = PairTeacher.Dimers(1, 0.1, 99)[0];
        double error = Math.Abs(model.Predict(null, unseen.Structure.Positions, unseen.Structure.Elements).Energy - unseen.Energy);
        Assert.True(error > 1e-4, "an unseen structure is not reproduced exactly (the test would pass for any identity map otherwise)");
        // a GP's posterior variance vanishes at its noise-free observations and not elsewhere
        double seen = model.Uncertainty(null, data[0].Structure.Positions, data[0].Structure.Elements, forces: false).Energy;
        double unseenSigma = model.Uncertainty(null, unseen.Structure.Positions, unseen.Structure.Elements, forces: false).Energy;
        Assert.True(seen < 1e-3 * unseenSigma, $"energy σ at a training structure {seen:G3} eV vs an unseen one {unseenSigma:G3} eV");
    }

    [Theory]
    [InlineData("squared-exponential", 3.0)]
    [InlineData("polynomial", 4.0)]
    public void Force_rows_are_minus_the_derivative_of_the_energy_rows(string kernel, double parameter)
    {
        List<LabelledStructure> data = PairTeacher.Dimers(6, 0.1, 2);
        KernelPotential model = Train(data, Quick with
        {
            Kernel = kernel, KernelParameters = [parameter], Scaling = kernel == "polynomial" ? ScalingMode.Scale : ScalingMode.ScaleSigma,
        });
        Structure s = PairTeacher.Dimers(1, 0.1, 3)[0].Structure;
        DescriptorSet set = model.Descriptors;
        int[] elements = DescriptorCalculator.ElementIndices(set, s.Elements);
        StructureRows rows = model.Basis.Rows(DescriptorCalculator.Compute(set, null, s.Positions, elements), forces: true);
        const double h = 1e-5;
        int width = 3 * s.Count;
        for (int atom = 0; atom < s.Count; atom++)
            for (int c = 0; c < 3; c++)
            {
                double[] Energy(double step)
                {
                    Vec3[] moved = s.Positions.ToArray();
                    moved[atom] += step * Axis(c);
                    return model.Basis.Rows(DescriptorCalculator.Compute(set, null, moved, elements), forces: false).Energy;
                }
                double[] plus = Energy(h), minus = Energy(-h);
                for (int m = 0; m < rows.Energy.Length; m++)
                {
                    double numeric = -(plus[m] - minus[m]) / (2 * h), analytic = rows.Forces![m * width + 3 * atom + c];
                    Assert.True(Math.Abs(numeric - analytic) < 1e-6 * (1 + Math.Abs(numeric)), $"sparse {m}, atom {atom}, axis {c}: {analytic} vs {numeric}");
                }
            }
    }

    [Fact]
    public void Forces_and_virial_are_minus_the_gradient_of_the_predicted_energy()
    {
        KernelPotential model = Train(PairTeacher.Dimers(10, 0.1, 4), Quick);
        Structure s = PairTeacher.Dimers(1, 0.1, 5)[0].Structure;
        AtomCentredPrediction p = model.Predict(null, s.Positions, s.Elements);
        const double h = 1e-5;
        for (int atom = 0; atom < s.Count; atom++)
            for (int c = 0; c < 3; c++)
            {
                Vec3[] plus = s.Positions.ToArray(), minus = s.Positions.ToArray();
                plus[atom] += h * Axis(c);
                minus[atom] -= h * Axis(c);
                double numeric = -(model.Predict(null, plus, s.Elements).Energy - model.Predict(null, minus, s.Elements).Energy) / (2 * h);
                double analytic = c == 0 ? p.Forces![atom].X : c == 1 ? p.Forces![atom].Y : p.Forces![atom].Z;
                Assert.True(Math.Abs(numeric - analytic) < 1e-6 * (1 + Math.Abs(numeric)), $"atom {atom} axis {c}: {analytic} vs {numeric}");
            }
        // virial of an isolated cluster: W = Σ r_i ⊗ F_i
        Mat3 expected = Mat3.Zero;
        for (int i = 0; i < s.Count; i++) expected += Mat3.Outer(s.Positions[i], p.Forces![i]);
        for (int a = 0; a < 3; a++)
            for (int b = 0; b < 3; b++)
                Assert.True(Math.Abs(expected[a, b] - p.Virial[a, b]) < 1e-8 * (1 + Math.Abs(expected[a, b])), $"W[{a},{b}] {p.Virial[a, b]} vs {expected[a, b]}");
    }

    [Fact]
    public void Predictions_are_invariant_to_rotation_translation_and_permutation_and_extensive()
    {
        KernelPotential model = Train(PairTeacher.Dimers(10, 0.1, 6), Quick);
        Structure s = PairTeacher.Dimers(1, 0.1, 7)[0].Structure;
        AtomCentredPrediction p = model.Predict(null, s.Positions, s.Elements);
        KernelUncertainty u = model.Uncertainty(null, s.Positions, s.Elements, forces: false);

        Mat3 rotation = PairTeacher.RandomRotation(new Rng(8));
        var shift = new Vec3(3.1, -2.2, 0.7);
        Vec3[] rotated = s.Positions.ToArray().Select(r => rotation * r + shift).ToArray();
        AtomCentredPrediction q = model.Predict(null, rotated, s.Elements);
        Assert.Equal(p.Energy, q.Energy, 1e-10);
        for (int i = 0; i < s.Count; i++) Assert.True((rotation * p.Forces![i] - q.Forces![i]).Length < 1e-9, $"force on atom {i} does not rotate with the structure");
        Assert.Equal(u.Energy, model.Uncertainty(null, rotated, s.Elements, forces: false).Energy, 1e-9);

        // swap the two hydrogens of the first molecule
        int[] order = [0, 2, 1, 3, 4, 5];
        AtomCentredPrediction swapped = model.Predict(null, order.Select(i => s.Positions[i]).ToArray(), order.Select(i => s.Elements[i]).ToArray());
        Assert.Equal(p.Energy, swapped.Energy, 1e-10);
        Assert.True((p.Forces![1] - swapped.Forces![2]).Length < 1e-10);

        // two copies far apart: twice the energy (beyond the 6 Å cutoff)
        Vec3[] doubled = [.. s.Positions, .. s.Positions.ToArray().Select(r => r + new Vec3(30, 0, 0))];
        AtomCentredPrediction pair = model.Predict(null, doubled, [.. s.Elements, .. s.Elements]);
        Assert.Equal(2 * p.Energy, pair.Energy, 1e-9);
    }

    private static Vec3 Axis(int c) => c == 0 ? new Vec3(1, 0, 0) : c == 1 ? new Vec3(0, 1, 0) : new Vec3(0, 0, 1);
}
