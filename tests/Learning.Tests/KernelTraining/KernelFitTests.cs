using MatSim.Learning.KernelTraining;
using MatSim.Learning.NetworkTraining;
using MatSim.Potentials.AtomCentred;
using MatSim.Potentials.Kernels;
using MatSim.Simulation.Errors;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.Structures;
using MatSim.TestSupport;

namespace MatSim.Learning.Tests.KernelTraining;

/// <summary>Fitting: accuracy on held-out data, likelihood-based hyperparameters, calibrated variances, files, bad input.</summary>
public sealed class KernelFitTests
{
    private static readonly KernelFitOptions Search = new() { KernelParameters = [1.5, 3, 6], SparsePerElement = 60, Hyperparameters = HyperparameterSelection.Likelihood };

    [Fact]
    public void A_likelihood_fitted_model_predicts_held_out_structures_with_calibrated_uncertainty()
    {
        List<LabelledStructure> training = PairTeacher.Dimers(60, 0.08, 10), test = PairTeacher.Dimers(60, 0.08, 11);
        KernelPotential model = KernelTrainer.Train(training, PairTeacher.DescriptorSet(), Search, out KernelFitReport report);
        Assert.Equal(3 * Search.EnergyRatios.Length * Search.ForceRatios.Length, report.Trials.Count);
        double best = report.Trials.Max(t => t.LogLikelihood);
        Assert.Equal(best, model.Fit.LogLikelihood);

        var energyErrors = new List<double>();
        var forceErrors = new List<double>();
        int energyWithin2 = 0, forceWithin2 = 0;
        foreach (LabelledStructure s in test)
        {
            AtomCentredPrediction p = model.Predict(null, s.Structure.Positions, s.Structure.Elements);
            KernelUncertainty u = model.Uncertainty(null, s.Structure.Positions, s.Structure.Elements, forces: true);
            double error = p.Energy - s.Energy;
            energyErrors.Add(error / s.Structure.Count);
            double energySigma = Math.Sqrt(u.Energy * u.Energy + s.Structure.Count * model.EnergySigma * model.EnergySigma);
            if (Math.Abs(error) < 2 * energySigma) energyWithin2++;
            for (int i = 0; i < s.Structure.Count; i++)
                for (int c = 0; c < 3; c++)
                {
                    double fe = Component(p.Forces![i], c) - Component(s.Forces[i], c);
                    forceErrors.Add(fe);
                    double sigma = Math.Sqrt(u.Forces![3 * i + c] * u.Forces[3 * i + c] + model.ForceSigma * model.ForceSigma);
                    if (Math.Abs(fe) < 2 * sigma) forceWithin2++;
                }
        }
        double forceSpread = Rms(test.SelectMany(s => s.Forces.SelectMany(f => new[] { f.X, f.Y, f.Z })).ToList());
        double forceRmse = Rms(forceErrors);
        Assert.True(forceRmse < 0.1 * forceSpread, $"force RMSE {forceRmse:F4} eV/Å vs spread {forceSpread:F3}");
        // a Gaussian predictive distribution puts 95 % of errors within 2σ; 60 structures leave a ±6 % binomial band
        double energyFraction = energyWithin2 / (double)test.Count, forceFraction = forceWithin2 / (double)forceErrors.Count;
        Assert.InRange(energyFraction, 0.8, 1.0);
        Assert.InRange(forceFraction, 0.8, 1.0);
    }

    [Fact]
    public void Cross_validation_picks_the_least_validation_error_and_generalises()
    {
        List<LabelledStructure> training = PairTeacher.Dimers(40, 0.08, 20), test = PairTeacher.Dimers(30, 0.08, 21);
        KernelPotential model = KernelTrainer.Train(training, PairTeacher.DescriptorSet(), Search with { Hyperparameters = HyperparameterSelection.CrossValidation }, out KernelFitReport report);
        HyperparameterTrial best = report.Trials.MinBy(t => t.CrossValidationError)!;
        Assert.Equal(best.KernelParameter, model.Basis.Kernel.Parameter);
        Assert.Equal(best.ForceRatio, model.Fit.ForceRatio);
        KernelTestMetrics metrics = KernelTestMetrics.Evaluate(model, test, calibration: false);
        double forceSpread = Rms(test.SelectMany(s => s.Forces.SelectMany(f => new[] { f.X, f.Y, f.Z })).ToList());
        Assert.True(metrics.ForceRmse < 0.1 * forceSpread, $"force RMSE {metrics.ForceRmse:F4} eV/Å vs spread {forceSpread:F3}");
    }

    [Fact]
    public void Squared_errors_from_the_normal_equations_equal_the_errors_of_explicit_predictions()
    {
        List<LabelledStructure> data = PairTeacher.Dimers(6, 0.08, 22);
        KernelPotential model = KernelTrainer.Train(PairTeacher.Dimers(10, 0.08, 23), PairTeacher.DescriptorSet(), Search with { KernelParameters = [3] }, out _);
        var descriptors = data.Select(s => Descriptors.SymmetryFunctions.DescriptorCalculator.Compute(model.Descriptors, null, s.Structure.Positions, s.Structure.Elements)).ToArray();
        NormalEquations sums = KernelTrainer.Accumulate(model.Basis, descriptors, data, model.ElementOffsets, true, Enumerable.Range(0, data.Count).ToArray(), new int[data.Count])[0];
        (double energy, double forces) = sums.SquaredErrors(model.Fit.Weights);
        double expectedEnergy = 0, expectedForces = 0;
        foreach (LabelledStructure s in data)
        {
            var p = model.Predict(null, s.Structure.Positions, s.Structure.Elements);
            expectedEnergy += (p.Energy - s.Energy) * (p.Energy - s.Energy) / s.Structure.Count;
            for (int i = 0; i < s.Structure.Count; i++) expectedForces += (p.Forces![i] - s.Forces[i]).LengthSquared;
        }
        Assert.Equal(expectedEnergy, energy, 1e-6 * (1 + expectedEnergy));
        Assert.Equal(expectedForces, forces, 1e-6 * (1 + expectedForces));
    }

    [Fact]
    public void Uncertainty_grows_away_from_the_training_data()
    {
        KernelPotential model = KernelTrainer.Train(PairTeacher.Dimers(40, 0.05, 12), PairTeacher.DescriptorSet(), Search with { KernelParameters = [3] }, out _);
        Structure typical = PairTeacher.Dimers(1, 0.05, 13)[0].Structure, distorted = PairTeacher.Dimers(1, 0.3, 14)[0].Structure;
        double near = model.Uncertainty(null, typical.Positions, typical.Elements, false).MaxAtomEnergy;
        double far = model.Uncertainty(null, distorted.Positions, distorted.Elements, false).MaxAtomEnergy;
        Assert.True(far > 3 * near, $"σ of a strongly distorted dimer {far:G3} eV vs a typical one {near:G3} eV");
    }

    [Fact]
    public void A_saved_model_loads_with_identical_predictions_and_uncertainties()
    {
        KernelPotential model = KernelTrainer.Train(PairTeacher.Dimers(20, 0.08, 15), PairTeacher.DescriptorSet(), Search with { KernelParameters = [3] }, out _);
        string path = Path.Combine(Repository.TemporaryDirectory("kernel-file"), "model.kernel.json");
        KernelModelFile.Write(model, path);
        KernelPotential loaded = KernelModelFile.Read(path);
        Structure s = PairTeacher.Dimers(1, 0.08, 16)[0].Structure;
        AtomCentredPrediction a = model.Predict(null, s.Positions, s.Elements), b = loaded.Predict(null, s.Positions, s.Elements);
        Assert.Equal(a.Energy, b.Energy);
        Assert.Equal(a.Forces, b.Forces);
        Assert.Equal(model.Uncertainty(null, s.Positions, s.Elements, true).Forces, loaded.Uncertainty(null, s.Positions, s.Elements, true).Forces);

        File.WriteAllText(path, File.ReadAllText(path).Replace("\"Format\": 1", "\"Format\": 7"));
        var error = Assert.Throws<InputException>(() => KernelModelFile.Read(path));
        Assert.Contains("format 7", error.Message);
    }

    [Fact]
    public void Duplicate_structures_are_removed_and_reported_and_the_exact_gpr_still_factorises()
    {
        List<LabelledStructure> data = PairTeacher.Dimers(8, 0.08, 17);
        data.AddRange(data.Take(4));
        KernelPotential model = KernelTrainer.Train(data, PairTeacher.DescriptorSet(),
            Search with { KernelParameters = [3], Selection = SparseSelectionMethod.All, EnergyRatios = [1e-8], ForceRatios = [1e-6] }, out KernelFitReport report);
        Assert.Equal(4, report.Duplicates);
        Assert.Equal(8 * 4, report.SparseCounts[0]);
        Assert.True(double.IsFinite(model.Predict(null, data[0].Structure.Positions, data[0].Structure.Elements).Energy));
    }

    [Fact]
    public void Overlapping_atoms_give_a_clear_error_not_a_nan_model()
    {
        List<LabelledStructure> data = PairTeacher.Dimers(5, 0.08, 18);
        Structure s = data[0].Structure;
        Vec3[] positions = s.Positions.ToArray();
        positions[1] = positions[0];
        data.Add(new LabelledStructure(s.WithPositions(positions), data[0].Energy, data[0].Forces));
        var error = Assert.Throws<SingularKernelException>(() => KernelTrainer.Train(data, PairTeacher.DescriptorSet(), Search, out _));
        Assert.Contains("structure 6", error.Message);
    }

    private static double Component(Vec3 v, int c) => c == 0 ? v.X : c == 1 ? v.Y : v.Z;

    private static double Rms(IReadOnlyCollection<double> x) => Math.Sqrt(x.Sum(v => v * v) / x.Count);
}
