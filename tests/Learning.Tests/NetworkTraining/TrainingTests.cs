using System.Globalization;
using System.Text.Json.Nodes;
using MatSim.Potentials.NeuralNetworks;
using MatSim.Potentials.NeuralNetworks.N2p2;
using MatSim.Learning.NetworkTraining;
using MatSim.Simulation.Errors;
using MatSim.Simulation.Jobs;
using MatSim.TestSupport;
using static TorchSharp.torch;

namespace MatSim.Learning.Tests.NetworkTraining;

/// <summary>The nnp-train job end to end on small data; splits; bad data.</summary>
public sealed class TrainingTests
{
    internal static string Config(string data, string output, int epochs, string extra = "", string optimizer = "adam", string trainingExtra = "") => $"""
        job: nnp-train
        seed: 5
        data:
          files: [{data}]
          validation_fraction: 0.2
          test_fraction: 0.2
        descriptors:
          from: {Path.Combine(Repository.RequireShared(WaterModel.Folder), "input.nn")}
          length_unit: bohr
        network: {"{"}hidden_layers: [10, 10], activation: t{"}"}
        training: {"{"}learning_rate: {(optimizer == "lbfgs" ? 1 : 0.005)}, optimizer: {optimizer}, epochs: {epochs}, batch_size: 4, force_weight: 0.05{trainingExtra}{"}"}
        output: {output}
        {extra}
        """;

    internal static JsonObject Run(string folder, string config)
    {
        string path = Path.Combine(folder, "train.yaml");
        File.WriteAllText(path, config);
        var runner = new JobRunner([new NnpTrainingJobFactory()]);
        return runner.Run(runner.Prepare(path), TextWriter.Null, TestContext.Current.CancellationToken);
    }

    [Fact]
    public void Training_lowers_the_errors_and_writes_a_model_that_reproduces_its_reported_test_error()
    {
        string folder = Repository.TemporaryDirectory("nnp-train");
        string data = WaterData.Perturbed(folder, 30);
        string output = Path.Combine(folder, "run");
        JsonObject results = Run(folder, Config(data, output, 6));
        string[] curve = File.ReadAllLines(Path.Combine(output, "learning_curve.csv"));
        Assert.Equal(7, curve.Length);
        double first = double.Parse(curve[1].Split(',')[4], CultureInfo.InvariantCulture), last = double.Parse(curve[^1].Split(',')[4], CultureInfo.InvariantCulture);
        Assert.True(last < 0.7 * first, $"validation force RMSE went from {first} to {last} meV/Å");
        foreach (string file in new[] { "model.nnp.json", "n2p2/input.nn", "n2p2/scaling.data", "n2p2/weights.001.data", "n2p2/weights.008.data", "learning_curve.png", "parity_energy.png", "parity_forces.png" })
            Assert.True(File.Exists(Path.Combine(output, file)), $"{file} missing");

        AssertTheWrittenModelGivesTheReportedTestError(output, data, results);
    }

    /// <summary>energy_scale: auto — the networks' unit must reach the written model (its normalisation's conv_energy).</summary>
    [Fact]
    public void A_model_trained_with_an_energy_scale_reproduces_its_reported_test_error()
    {
        string folder = Repository.TemporaryDirectory("nnp-train-scaled");
        string data = WaterData.Perturbed(folder, 30);
        string output = Path.Combine(folder, "run");
        JsonObject results = Run(folder, Config(data, output, 3, trainingExtra: ", energy_scale: auto"));
        AssertTheWrittenModelGivesTheReportedTestError(output, data, results);
    }

    /// <summary>The written model, evaluated independently on the test structures, gives the reported test RMSE.</summary>
    private static void AssertTheWrittenModelGivesTheReportedTestError(string output, string data, JsonObject results)
    {
        using NeuralNetworkPotential model = NativeModelFile.Read(Path.Combine(output, "model.nnp.json"), CPU);
        List<LabelledStructure> all = ReferenceData.Load(data, ModelUnits.AngstromEv);
        DataSplit split = DataSplit.Create(all.Count, 0.2, 0.2, 5);
        double squares = 0;
        foreach (int i in split.Test)
        {
            var s = all[i].Structure;
            double e = model.Predict(s.Cell, s.Positions, s.Elements, forces: false).Energy;
            squares += Math.Pow((e - all[i].Energy) / s.Count, 2);
        }
        double rmse = 1e3 * Math.Sqrt(squares / split.Test.Length);
        // and the n2p2 folder written beside it (its conv_energy, atom_energy lines) predicts the same
        using NeuralNetworkPotential folder = N2p2ModelReader.Read(Path.Combine(output, "n2p2"), ModelUnits.AngstromEv, CPU);
        var first = all[split.Test[0]].Structure;
        Assert.Equal(model.Predict(first.Cell, first.Positions, first.Elements, forces: false).Energy,
            folder.Predict(first.Cell, first.Positions, first.Elements, forces: false).Energy, 1e-8);
        Assert.Equal((double)results["results"]!["test_energy_rmse_meV_per_atom"]!, rmse, 1e-6);
        Assert.Contains("trained_by", model.Provenance.Keys);
    }

    [Fact]
    public void Lbfgs_and_the_training_set_size_curve_work_end_to_end()
    {
        string folder = Repository.TemporaryDirectory("nnp-lbfgs");
        string data = WaterData.Perturbed(folder, 30);
        string output = Path.Combine(folder, "run");
        Run(folder, Config(data, output, 4, "learning_curve_sizes: [6]", optimizer: "lbfgs"));
        string[] curve = File.ReadAllLines(Path.Combine(output, "learning_curve.csv"));
        double first = double.Parse(curve[1].Split(',')[4], CultureInfo.InvariantCulture), last = double.Parse(curve[^1].Split(',')[4], CultureInfo.InvariantCulture);
        Assert.True(last < first, $"L-BFGS: validation force RMSE went from {first} to {last} meV/Å");
        string[] sizes = File.ReadAllLines(Path.Combine(output, "learning_curve_size.csv"));
        Assert.Equal(["6", "18"], sizes.Skip(1).Select(l => l.Split(',')[0]));
        Assert.True(File.Exists(Path.Combine(output, "learning_curve_size.png")));
    }

    [Fact]
    public void Splits_are_disjoint_complete_and_fixed_by_the_seed()
    {
        DataSplit a = DataSplit.Create(100, 0.1, 0.2, 3), b = DataSplit.Create(100, 0.1, 0.2, 3), c = DataSplit.Create(100, 0.1, 0.2, 4);
        Assert.Equal(a.Training, b.Training);
        Assert.NotEqual(a.Training, c.Training);
        Assert.Equal(Enumerable.Range(0, 100), a.Training.Concat(a.Validation).Concat(a.Test).Order());
        Assert.Equal((70, 10, 20), (a.Training.Length, a.Validation.Length, a.Test.Length));
    }

    [Fact]
    public void A_non_finite_force_is_reported_with_file_and_line()
    {
        string folder = Repository.TemporaryDirectory("nnp-bad-data");
        string path = Path.Combine(folder, "bad.xyz");
        File.WriteAllText(path, """
            2
            Lattice="5 0 0 0 5 0 0 0 5" Properties=species:S:1:pos:R:3:forces:R:3 energy=-1.5 pbc="T T T"
            H 0 0 0 0.1 0.2 0.3
            H 0.8 0 0 nan 0 0
            """);
        var e = Assert.Throws<InputException>(() => ReferenceData.Load(path, ModelUnits.AngstromEv));
        Assert.Contains("bad.xyz:4", e.Message);
        Assert.Contains("nan", e.Message);
    }
}
