using System.CommandLine;
using System.Globalization;
using MatSim.Descriptors.SymmetryFunctions;
using MatSim.Potentials.NeuralNetworks;
using MatSim.Potentials.NeuralNetworks.N2p2;
using MatSim.Torch;
using MatSim.Simulation.Errors;
using MatSim.Simulation.IO.ExtXyz;
using MatSim.Simulation.Jobs;
using MatSim.Potentials.AtomCentred;

namespace MatSim.Cli;

/// <summary>`matsim nnp predict|train`: neural-network potentials from the command line.</summary>
internal static class NnpCommands
{
    public static Command Create(Func<Func<int>, int> guard, TextWriter output)
    {
        var model = new Option<string>("--model") { Description = "MatSim .nnp.json file or n2p2 model folder", Required = true };
        var structures = new Option<FileInfo>("--structures") { Description = "extended XYZ (Å, eV) or n2p2 input.data (model units)", Required = true };
        var units = new Option<string?>("--units") { Description = "units of an n2p2 model folder and of .data files, LENGTH,ENERGY (default: a MatSim model's own, angstrom,eV for an n2p2 folder), e.g. bohr,hartree" };
        var write = new Option<FileInfo?>("--output", "-o") { Description = "write predictions: .xyz/.extxyz (Å, eV; ASE keys energy, forces, stress) or .data (n2p2, model units)" };
        var device = new Option<string>("--device") { Description = "cpu or cuda", DefaultValueFactory = _ => "cpu" };
        var predict = new Command("predict", "Energies and forces of structures with a neural-network potential.") { model, structures, units, write, device };
        predict.SetAction(parse => guard(() =>
        {
            ModelUnits? given = parse.GetValue(units) is { } text ? ParseUnits(text) : null;
            using NeuralNetworkPotential potential = NativeModelFile.Load(parse.GetValue(model)!, given, TorchRuntime.ResolveDevice(parse.GetValue(device)!));
            string input = parse.GetValue(structures)!.FullName;
            // --units: the units of an n2p2 folder and of .data files; a MatSim model knows its own, but the data may still be in Bohr
            ModelUnits dataUnits = given ?? potential.Units;
            List<ExtXyzFrame> frames = IsN2p2Data(input) ? N2p2DataFile.Read(input, dataUnits).ToList() : ExtXyzReader.ReadFile(input).ToList();
            var predicted = new List<ExtXyzFrame>();
            int extrapolating = 0;
            double evPerUnit = dataUnits.EvPerEnergy;
            // an n2p2 folder does not say its units: without --units, label the numbers as the model's, not as eV
            bool unitsKnown = given != null || !Directory.Exists(parse.GetValue(model)!);
            if (!unitsKnown)
                output.WriteLine("note: an n2p2 model folder does not record its units; energies are in the model's own energy unit " +
                    "(and written to files as if it were eV and Å). Give --units LENGTH,ENERGY, e.g. --units bohr,hartree, to convert.");
            for (int k = 0; k < frames.Count; k++)
            {
                var s = frames[k].Structure;
                AtomCentredPrediction p;
                try
                {
                    p = potential.Predict(s.Cell, s.Positions, s.Elements);
                }
                catch (Descriptors.SymmetryFunctions.UnknownElementException e)
                {
                    throw new InputException(new SourceLocation(input), $"structure {k + 1}: {e.Message}");
                }
                output.WriteLine(unitsKnown
                    ? string.Create(CultureInfo.InvariantCulture, $"structure {k + 1}: {s.Count} atoms, energy {p.Energy / evPerUnit:R} {dataUnits.Energy} ({p.Energy:R} eV)")
                    : string.Create(CultureInfo.InvariantCulture, $"structure {k + 1}: {s.Count} atoms, energy {p.Energy / evPerUnit:R} (model energy unit)"));
                var outside = ExtrapolationCount.Find(p.Descriptors, potential.Scaling.Statistics);
                if (outside.Count > 0)
                {
                    extrapolating++;
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  extrapolation: {outside.Count} symmetry-function values outside the training range on {outside.Atoms} of {s.Count} atoms: {outside.Functions()}; furthest: {outside.DescribeWorst()}"));
                }
                predicted.Add(frames[k] with
                {
                    Energy = p.Energy,
                    Forces = p.Forces,
                    Stress = s.Cell is { } cell ? -1.0 / cell.Volume * p.Virial : null,
                });
            }
            output.WriteLine(extrapolating == 0
                ? "extrapolation: every symmetry-function value lies inside the training range (scaling.data's min and max)"
                : $"extrapolation: {extrapolating} of {frames.Count} structures leave the training range (scaling.data's min and max); their energies and forces are extrapolations");
            if (parse.GetValue(write) is { } file)
            {
                if (file.Extension == ".data") N2p2DataFile.Write(file.FullName, predicted, dataUnits);
                else ExtXyzWriter.WriteFile(file.FullName, predicted);
                output.WriteLine($"wrote {file.FullName}");
            }
            return MatSimCommandLine.Success;
        }));
        var config = new Argument<FileInfo>("config") { Description = "a YAML configuration with job: nnp-train" };
        var folder = new Option<DirectoryInfo?>("--output", "-o") { Description = "output folder (default: the config's `output:` key)" };
        var train = new Command("train", "Train a network potential on energies and forces (same as `matsim run` of an nnp-train configuration; resumes a killed run).") { config, folder };
        train.SetAction(parse => guard(() =>
        {
            var runner = new JobRunner(JobCatalog.All, JobCatalog.Components);
            PreparedRun prepared = runner.Prepare(parse.GetValue(config)!.FullName, parse.GetValue(folder)?.FullName);
            if (prepared.JobName != "nnp-train")
                throw new InputException(new SourceLocation(prepared.ConfigPath), $"job is '{prepared.JobName}'; `matsim nnp train` runs nnp-train configurations");
            runner.Run(prepared, output);
            return MatSimCommandLine.Success;
        }));
        var command = new Command("nnp", "Neural-network potentials (Behler–Parrinello, n2p2-compatible).") { predict, train };
        return command;
    }

    private static ModelUnits ParseUnits(string text)
    {
        try
        {
            return ModelUnits.Parse(text);
        }
        catch (ArgumentException e)
        {
            throw new InputException(new SourceLocation("--units"), e.Message);
        }
    }

    /// <summary>n2p2 data: a `.data` file, or any file whose first non-empty line is `begin`.</summary>
    private static bool IsN2p2Data(string path)
    {
        if (path.EndsWith(".data", StringComparison.OrdinalIgnoreCase)) return true;
        using var reader = new StreamReader(path);
        string? line;
        while ((line = reader.ReadLine()) != null)
            if (line.Trim().Length > 0) return line.Trim() == "begin";
        return false;
    }
}
