using System.Text.Json.Nodes;
using MatSim.Potentials.NeuralNetworks;
using MatSim.Potentials.NeuralNetworks.N2p2;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.IO.ExtXyz;
using MatSim.Simulation.Random;
using MatSim.TestSupport;
using static TorchSharp.torch;
using MatSim.Potentials.AtomCentred;
using static MatSim.Cli.Tests.CliRunner;

namespace MatSim.Cli.Tests;

/// <summary>`matsim nnp predict|train` as users run them: n2p2's reference, bad input, killed training.</summary>
public sealed class NnpCommandTests
{
    internal static string Water => Repository.RequireShared("reference/n2p2-h2o");

    [Fact]
    public void Predict_prints_n2p2s_energy_and_writes_forces_in_both_formats()
    {
        string folder = Repository.TemporaryDirectory("nnp-predict");
        var (code, output, error) = Matsim("nnp", "predict", "--model", Water, "--units", "bohr,hartree",
            "--structures", Path.Combine(Water, "input.data"), "-o", Path.Combine(folder, "out.data"));
        Assert.True(code == 0, error);
        Assert.Contains("energy -27564.5473478", output);
        (code, _, error) = Matsim("nnp", "predict", "--model", Water, "--units", "bohr,hartree",
            "--structures", Path.Combine(Water, "input.data"), "-o", Path.Combine(folder, "out.xyz"));
        Assert.True(code == 0, error);
        ExtXyzFrame frame = ExtXyzReader.ReadFile(Path.Combine(folder, "out.xyz")).Single();
        ExtXyzFrame data = N2p2DataFile.Read(Path.Combine(folder, "out.data"), ModelUnits.BohrHartree).Single();
        Assert.Equal(frame.Energy!.Value, data.Energy!.Value, 1e-6);
        Assert.Equal(1080, frame.Forces!.Length);
        Assert.True((frame.Forces[5] - data.Forces![5]).Length < 1e-9);

        // without --units the folder's units are unknown: the energy is labelled as the model's, not as eV
        (code, string plain, error) = Matsim("nnp", "predict", "--model", Water, "--structures", Path.Combine(Water, "input.data"));
        Assert.True(code == 0, error);
        Assert.Contains("energy -27564.5473478", plain);
        Assert.Contains("(model energy unit)", plain);
        Assert.DoesNotContain(" eV)", plain);
    }

    public static TheoryData<string> ReferenceModels => new(N2p2Reference.All);

    /// <summary>Every n2p2 model of the reference material through the command: energies to 1e-8 relative, forces to 1e-7 (model units).</summary>
    [Theory]
    [MemberData(nameof(ReferenceModels))]
    public void Predict_reproduces_every_n2p2_reference_model(string name)
    {
        var reference = new N2p2Reference(name);
        string output = Path.Combine(Repository.TemporaryDirectory("nnp-predict-" + name), "out.data");
        var (code, _, error) = Matsim("nnp", "predict", "--model", reference.Folder, "--units", "bohr,hartree",
            "--structures", Path.Combine(reference.Folder, "input.data"), "-o", output);
        Assert.True(code == 0, error);
        ExtXyzFrame[] predicted = N2p2DataFile.Read(output, ModelUnits.BohrHartree).ToArray();
        double hartree = ModelUnits.BohrHartree.EvPerEnergy, bohr = ModelUnits.BohrHartree.AngstromPerLength;
        var expected = reference.Expected();
        for (int s = 0; s < expected.Count; s++)
        {
            double energy = predicted[s].Energy!.Value / hartree;
            Assert.True(Math.Abs(energy - expected[s].Energy) <= 1e-8 * Math.Abs(expected[s].Energy), $"structure {s + 1}: {energy:R} vs n2p2 {expected[s].Energy:R}");
            for (int i = 0; i < expected[s].Forces.Length; i++)
            {
                Vec3 d = predicted[s].Forces![i] * (bohr / hartree) - expected[s].Forces[i];
                Assert.True(Math.Max(Math.Abs(d.X), Math.Max(Math.Abs(d.Y), Math.Abs(d.Z))) <= 1e-7, $"structure {s + 1} atom {i + 1}: {d}");
            }
        }
    }

    /// <summary>
    /// --units gives the units of .data files for a MatSim model too: it was ignored, and data in other units than the
    /// model's were read in the model's (n2p2's Bohr/Hartree water model kept as .nnp.json, its structure written in Å/eV).
    /// </summary>
    [Fact]
    public void A_matsim_model_reads_n2p2_data_in_the_units_given()
    {
        string folder = Repository.TemporaryDirectory("nnp-native-units");
        string native = Path.Combine(folder, "water.nnp.json"), data = Path.Combine(folder, "water-angstrom.data");
        using (NeuralNetworkPotential water = WaterModel.Load()) NativeModelFile.Write(water, native);
        N2p2DataFile.Write(data, [WaterModel.Structure()], ModelUnits.AngstromEv);
        var (code, output, error) = Matsim("nnp", "predict", "--model", native, "--units", "angstrom,eV", "--structures", data);
        Assert.True(code == 0, error);
        double expected = WaterModel.Expected().Energy * ModelUnits.BohrHartree.EvPerEnergy;
        Assert.Contains($"energy {expected.ToString("F4", System.Globalization.CultureInfo.InvariantCulture)[..^2]}", output);
        Assert.Contains("every symmetry-function value lies inside the training range", output);
    }

    [Fact]
    public void Bad_model_files_are_reported_with_file_and_line()
    {
        string folder = Repository.TemporaryDirectory("nnp-bad");
        string Copy(string name)
        {
            string model = Path.Combine(folder, name);
            Directory.CreateDirectory(model);
            foreach (string f in Directory.GetFiles(Water)) File.Copy(f, Path.Combine(model, Path.GetFileName(f)));
            return model;
        }
        string malformed = Copy("malformed");
        string[] lines = File.ReadAllLines(Path.Combine(malformed, "input.nn"));
        int sf = Array.FindIndex(lines, l => l.StartsWith("symfunction_short H 2", StringComparison.Ordinal));
        lines[sf] = "symfunction_short H 2 H 0.001 zero 12.00";
        File.WriteAllLines(Path.Combine(malformed, "input.nn"), lines);
        var (code, _, error) = Matsim("nnp", "predict", "--model", malformed, "--units", "bohr,hartree", "--structures", Path.Combine(Water, "input.data"));
        Assert.Equal(MatSimCommandLine.BadInput, code);
        Assert.Contains($"input.nn:{sf + 1}", error);
        Assert.Contains("'zero'", error);

        string shortWeights = Copy("short-weights");
        string weights = Path.Combine(shortWeights, "weights.008.data");
        File.WriteAllLines(weights, File.ReadAllLines(weights).SkipLast(1));
        (code, _, error) = Matsim("nnp", "predict", "--model", shortWeights, "--units", "bohr,hartree", "--structures", Path.Combine(Water, "input.data"));
        Assert.Equal(MatSimCommandLine.BadInput, code);
        Assert.Contains("weights.008.data", error);
        Assert.Contains("needs", error);

        string unknown = Copy("unknown-element");
        File.WriteAllText(Path.Combine(unknown, "input.nn"), File.ReadAllText(Path.Combine(unknown, "input.nn")).Replace("elements                        H O", "elements                        H Xx"));
        (code, _, error) = Matsim("nnp", "predict", "--model", unknown, "--units", "bohr,hartree", "--structures", Path.Combine(Water, "input.data"));
        Assert.Equal(MatSimCommandLine.BadInput, code);
        Assert.Contains("'Xx' is not an element", error);

        string carbon = Path.Combine(folder, "methane.xyz");
        File.WriteAllText(carbon, "2\nLattice=\"9 0 0 0 9 0 0 0 9\" Properties=species:S:1:pos:R:3 pbc=\"T T T\"\nC 0 0 0\nH 1.09 0 0\n");
        (code, _, error) = Matsim("nnp", "predict", "--model", Water, "--units", "bohr,hartree", "--structures", carbon);
        Assert.Equal(MatSimCommandLine.BadInput, code);
        Assert.Contains("atom 1 is C, an element the model does not have", error);
    }

    [Fact]
    public void A_killed_training_run_resumes_from_its_checkpoint_and_ends_as_an_uninterrupted_one()
    {
        string folder = Repository.TemporaryDirectory("nnp-resume");
        string config = Path.Combine(folder, "train.yaml");
        File.WriteAllText(config, Training(folder, frames: 24, hidden: 8, epochs: 14));
        string straight = Path.Combine(folder, "straight"), resumed = Path.Combine(folder, "resumed");
        Assert.Equal(0, Matsim("nnp", "train", config, "-o", straight).Exit);
        KilledRun.KillWhenCheckpointed(config, resumed, Path.Combine(resumed, "training-checkpoint.json"), minimumStep: 3, stepProperty: "CompletedEpochs");
        var (code, output, error) = Matsim("nnp", "train", config, "-o", resumed);
        Assert.True(code == 0, error);
        Assert.Contains("resuming after epoch", File.ReadAllText(Path.Combine(resumed, "matsim.log")));
        JsonNode a = JsonNode.Parse(File.ReadAllText(Path.Combine(straight, "results.json")))!["results"]!;
        JsonNode b = JsonNode.Parse(File.ReadAllText(Path.Combine(resumed, "results.json")))!["results"]!;
        Assert.Equal((double)a["test_force_rmse_meV_per_A"]!, (double)b["test_force_rmse_meV_per_A"]!, 1e-6);
        Assert.Equal((double)a["test_energy_rmse_meV_per_atom"]!, (double)b["test_energy_rmse_meV_per_atom"]!, 1e-6);
        _ = output;
    }

    /// <summary>A small water box with random displacements, labelled by n2p2's water model.</summary>
    /// <summary>An nnp-train configuration on perturbed frames of n2p2's water box with its symmetry functions, two hidden layers.</summary>
    internal static string Training(string folder, int frames, int hidden, int epochs) => $$"""
        job: nnp-train
        seed: 4
        data: {files: [{{PerturbedWater(folder, frames)}}], validation_fraction: 0.2, test_fraction: 0.2}
        descriptors: {from: {{Path.Combine(Water, "input.nn")}}, length_unit: bohr}
        network: {hidden_layers: [{{hidden}}, {{hidden}}], activation: t}
        training: {learning_rate: 0.005, epochs: {{epochs}}, batch_size: 4, force_weight: 0.05}
        """;

    internal static string PerturbedWater(string folder, int frames)
    {
        using NeuralNetworkPotential model = N2p2ModelReader.Read(Water, ModelUnits.BohrHartree, CPU);
        var big = N2p2DataFile.Read(Path.Combine(Water, "input.data"), ModelUnits.BohrHartree).First().Structure;
        var atoms = Enumerable.Range(0, big.Count).Where(i => big.Positions[i - i % 3] is var o && o.X < 8 && o.Y < 8 && o.Z < 8 && o.X >= 0 && o.Y >= 0 && o.Z >= 0).ToArray();
        var cell = Cell.Cubic(9.5);
        var start = new Simulation.Structures.Structure(cell, atoms.Select(i => big.Elements[i]), atoms.Select(i => big.Positions[i - i % 3] + big.Cell!.MinimumImage(big.Positions[i] - big.Positions[i - i % 3])));
        var rng = new Rng(9);
        var labelled = new List<ExtXyzFrame>();
        for (int f = 0; f < frames; f++)
        {
            var s = start.WithPositions(start.Positions.Select(r => r + 0.05 * new Vec3(rng.NextGaussian(), rng.NextGaussian(), rng.NextGaussian())).ToArray());
            AtomCentredPrediction p = model.Predict(s.Cell, s.Positions, s.Elements);
            labelled.Add(new ExtXyzFrame { Structure = s, Energy = p.Energy, Forces = p.Forces });
        }
        string path = Path.Combine(folder, "water.xyz");
        ExtXyzWriter.WriteFile(path, labelled);
        return path;
    }
}
