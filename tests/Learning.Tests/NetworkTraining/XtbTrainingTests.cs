using System.Text.Json.Nodes;
using MatSim.Learning.Calculators;
using MatSim.Learning.NetworkTraining;
using MatSim.Simulation.Chemistry;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.IO.ExtXyz;
using MatSim.Simulation.Random;
using MatSim.Simulation.Structures;
using MatSim.TestSupport;

namespace MatSim.Learning.Tests.NetworkTraining;

/// <summary>A small molecular data set labelled by the real GFN2-xTB program trains end to end.</summary>
public sealed class XtbTrainingTests
{
    private static string RequireXtb()
    {
        string? xtb = XtbCalculator.Locate();
        if (xtb == null) Assert.Skip("xtb not found on PATH (Debian package xtb; .ci/run installs it with apt-get install -y xtb)");
        return xtb;
    }

    [Fact]
    public void Water_dimers_labelled_by_gfn2_xtb_train_to_better_than_the_spread_of_the_data()
    {
        string xtb = RequireXtb();
        string folder = Repository.TemporaryDirectory("nnp-xtb");
        var calculator = new CachedCalculator(new XtbCalculator(xtb, timeLimit: TimeSpan.FromMinutes(1)), Path.Combine(folder, "cache"));
        Element o = Elements.FromSymbol("O"), h = Elements.FromSymbol("H");
        Vec3[] dimer = [new(0, 0, 0), new(0.96, 0, 0), new(-0.24, 0.93, 0), new(2.9, 0.1, 0.2), new(3.3, 0.9, 0.1), new(3.3, -0.5, 0.8)];
        var rng = new Rng(12);
        var frames = new List<ExtXyzFrame>();
        for (int k = 0; k < 60; k++)
        {
            var positions = dimer.Select(r => r + 0.08 * new Vec3(rng.NextGaussian(), rng.NextGaussian(), rng.NextGaussian())).ToArray();
            var s = new Structure(null, [o, h, h, o, h, h], positions);
            CalculatorResult labelled = calculator.Calculate(s, TestContext.Current.CancellationToken);
            frames.Add(new ExtXyzFrame { Structure = s, Energy = labelled.Energy, Forces = labelled.Forces });
        }
        string data = Path.Combine(folder, "dimers.xyz");
        ExtXyzWriter.WriteFile(data, frames);
        File.WriteAllText(Path.Combine(folder, "sf.nn"), PairTeacher.Descriptors);
        string output = Path.Combine(folder, "run");
        File.WriteAllText(Path.Combine(folder, "train.yaml"), $$"""
            job: nnp-train
            seed: 2
            data: {files: [dimers.xyz], validation_fraction: 0.15, test_fraction: 0.2}
            descriptors: {from: sf.nn, length_unit: angstrom}
            network: {hidden_layers: [12, 12], activation: t}
            training: {learning_rate: 0.01, learning_rate_decay: 0.99, epochs: 60, batch_size: 4, force_weight: 0.1}
            output: run
            """);
        var runner = new Simulation.Jobs.JobRunner([new NnpTrainingJobFactory()]);
        JsonObject results = runner.Run(runner.Prepare(Path.Combine(folder, "train.yaml")), TextWriter.Null, TestContext.Current.CancellationToken)["results"]!.AsObject();

        List<LabelledStructure> all = ReferenceData.Load(data, Potentials.NeuralNetworks.ModelUnits.AngstromEv);
        double[] perAtom = all.Select(s => s.Energy / s.Structure.Count).ToArray();
        double energySpread = 1e3 * StandardDeviation(perAtom);
        double forceSpread = 1e3 * StandardDeviation(all.SelectMany(s => s.Forces.SelectMany(f => new[] { f.X, f.Y, f.Z })).ToArray());
        double energyRmse = (double)results["test_energy_rmse_meV_per_atom"]!, forceRmse = (double)results["test_force_rmse_meV_per_A"]!;
        Assert.True(energyRmse < 0.5 * energySpread, $"test energy RMSE {energyRmse:F2} meV/atom vs spread {energySpread:F2}");
        Assert.True(forceRmse < 0.5 * forceSpread, $"test force RMSE {forceRmse:F1} meV/Å vs spread {forceSpread:F1}");
    }

    private static double StandardDeviation(double[] x)
    {
        double mean = x.Average();
        return Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / (x.Length - 1));
    }
}
