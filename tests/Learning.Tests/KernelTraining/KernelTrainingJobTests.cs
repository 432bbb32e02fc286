using System.Text.Json.Nodes;
using MatSim.Learning.KernelTraining;
using MatSim.Potentials.Kernels;
using MatSim.Simulation.IO.ExtXyz;
using MatSim.Simulation.Jobs;
using MatSim.TestSupport;

namespace MatSim.Learning.Tests.KernelTraining;

/// <summary>`job: kernel-train` from a configuration: model file, test errors, calibration, plots; bad input named.</summary>
public sealed class KernelTrainingJobTests
{
    private static string Prepare(string kernel)
    {
        string folder = Repository.TemporaryDirectory("kernel-train");
        ExtXyzWriter.WriteFile(Path.Combine(folder, "dimers.extxyz"),
            PairTeacher.Dimers(50, 0.08, 40).Select(s => new ExtXyzFrame { Structure = s.Structure, Energy = s.Energy, Forces = s.Forces }).ToList());
        File.WriteAllText(Path.Combine(folder, "sf.nn"), PairTeacher.Descriptors);
        File.WriteAllText(Path.Combine(folder, "train.yaml"), $"""
            job: kernel-train
            seed: 4
            data: {"{"}files: [dimers.extxyz], test_fraction: 0.2, nested_folds: 3{"}"}
            descriptors: {"{"}from: sf.nn, length_unit: angstrom{"}"}
            kernel: {kernel}
            output: run
            """);
        return folder;
    }

    [Fact]
    public void Training_from_a_configuration_reports_test_errors_and_calibration_and_writes_a_usable_model()
    {
        string folder = Prepare("{length_scales: [2, 4], sparse: 50, hyperparameters: cv, folds: 4}");
        var runner = new JobRunner([new KernelTrainingJobFactory()]);
        JsonObject results = runner.Run(runner.Prepare(Path.Combine(folder, "train.yaml")), TextWriter.Null, TestContext.Current.CancellationToken)["results"]!.AsObject();
        Assert.Equal(40, (int)results["training_structures"]!);
        JsonNode test = results["test"]!;
        Assert.Equal(10, (int)test["structures"]!);
        Assert.True((double)test["force_rmse_meV_per_A"]! > 0);
        Assert.Equal(3, test["force_within_1_2_3_sigma"]!.AsArray().Count);
        JsonNode nested = results["nested_cv"]!;
        Assert.Equal(3, (int)nested["folds"]!);
        Assert.True((double)nested["force_rmse_meV_per_A_std"]! > 0);
        string run = Path.Combine(folder, "run");
        foreach (string file in new[] { "model.kernel.json", "hyperparameters.csv", "parity_forces.png", "parity_energy.png" })
            Assert.True(File.Exists(Path.Combine(run, file)), file);
        Assert.Equal(1 + 2 * 5 * 5, File.ReadAllLines(Path.Combine(run, "hyperparameters.csv")).Length);
        KernelPotential model = KernelModelFile.Read(Path.Combine(run, "model.kernel.json"));
        Assert.Equal("4", model.Provenance["seed"]);
    }

    [Fact]
    public void A_bad_kernel_setting_is_an_error_at_its_line()
    {
        string folder = Prepare("{length_scales: [2, -1]}");
        var runner = new JobRunner([new KernelTrainingJobFactory()]);
        var error = Assert.Throws<Simulation.Errors.InputException>(() => runner.Prepare(Path.Combine(folder, "train.yaml")));
        Assert.Contains("train.yaml:5", error.Message);
        Assert.Contains("length_scales", error.Message);
    }
}
