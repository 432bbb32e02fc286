using MatSim.Potentials.NeuralNetworks;
using MatSim.Potentials.NeuralNetworks.N2p2;
using MatSim.Simulation.Errors;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.IO.ExtXyz;
using MatSim.Simulation.Random;
using MatSim.Simulation.Structures;

namespace MatSim.Learning.NetworkTraining;

/// <summary>A structure with its reference energy (eV) and forces (eV/Å).</summary>
public sealed record LabelledStructure(Structure Structure, double Energy, Vec3[] Forces);

/// <summary>Reads reference data: extended XYZ (ASE keys `energy` and `forces`, Å and eV) or n2p2 `input.data` (in given units).</summary>
public static class ReferenceData
{
    public static List<LabelledStructure> Load(string path, ModelUnits n2p2Units)
    {
        bool n2p2 = path.EndsWith(".data", StringComparison.OrdinalIgnoreCase);
        IEnumerable<ExtXyzFrame> frames = n2p2 ? N2p2DataFile.Read(path, n2p2Units) : ExtXyzReader.ReadFile(path);
        var result = new List<LabelledStructure>();
        int line = 1;
        foreach (ExtXyzFrame frame in frames)
        {
            int k = result.Count + 1;
            // extended XYZ: frame k starts at `line` (count line), its atoms follow the comment line
            var where = new SourceLocation(path, n2p2 ? 0 : line);
            string name = $"structure {k}";
            if (frame.Energy is not { } energy) throw new InputException(where, $"{name} has no energy (ASE key 'energy')");
            if (!double.IsFinite(energy)) throw new InputException(where, $"{name}: the energy is {energy}");
            if (frame.Forces is not { } forces) throw new InputException(where, $"{name} has no forces (ASE key 'forces')");
            for (int i = 0; i < forces.Length; i++)
                if (!double.IsFinite(forces[i].X) || !double.IsFinite(forces[i].Y) || !double.IsFinite(forces[i].Z))
                    throw new InputException(new SourceLocation(path, n2p2 ? 0 : line + 2 + i), $"{name}: the force on atom {i + 1} is not finite ({forces[i]})");
            result.Add(new LabelledStructure(frame.Structure, energy, forces));
            line += frame.Structure.Count + 2;
        }
        if (result.Count == 0) throw new InputException(new SourceLocation(path), "no structures in the file");
        return result;
    }
}

/// <summary>A random split of structure indices into training, validation and test sets.</summary>
public sealed record DataSplit(int[] Training, int[] Validation, int[] Test)
{
    public static DataSplit Create(int count, double validationFraction, double testFraction, ulong seed)
    {
        if (validationFraction < 0 || testFraction < 0 || validationFraction + testFraction >= 1)
            throw new ArgumentException("validation and test fractions must be non-negative and sum to less than 1");
        int[] order = Rng.ForStream(seed, 0x5917).Permutation(count);
        int test = (int)Math.Round(testFraction * count), validation = (int)Math.Round(validationFraction * count);
        if (count - test - validation < 1) throw new ArgumentException($"{count} structures leave none for training");
        return new DataSplit(order[(test + validation)..], order[test..(test + validation)], order[..test]);
    }
}
