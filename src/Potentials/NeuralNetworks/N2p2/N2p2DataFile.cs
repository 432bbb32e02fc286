using System.Globalization;
using MatSim.Simulation.Chemistry;
using MatSim.Simulation.Errors;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.IO;
using MatSim.Simulation.IO.ExtXyz;
using MatSim.Simulation.Structures;

namespace MatSim.Potentials.NeuralNetworks.N2p2;

/// <summary>
/// n2p2's `input.data` format: per structure `begin`, optional `comment`, three `lattice` lines
/// (periodic) or none (cluster), `atom x y z element charge n fx fy fz` lines, `energy`, `charge`,
/// `end`. Numbers are in the model's units (<see cref="ModelUnits"/>); frames are returned in Å and
/// eV with the same record the extended XYZ reader uses.
/// </summary>
public static class N2p2DataFile
{
    public static IEnumerable<ExtXyzFrame> Read(string path, ModelUnits units)
    {
        if (!File.Exists(path)) throw new InputException(new SourceLocation(path), "file not found");
        double length = units.AngstromPerLength, energy = units.EvPerEnergy;
        using var reader = new StreamReader(path);
        int number = 0;
        Builder? current = null;
        string? raw;
        while ((raw = reader.ReadLine()) != null)
        {
            number++;
            string[] f = raw.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (f.Length == 0 || f[0].StartsWith('#')) continue;
            var where = new SourceLocation(path, number);
            if (f[0] == "begin")
            {
                if (current != null) throw new InputException(where, "'begin' before the 'end' of the previous structure");
                current = new Builder(where);
                continue;
            }
            if (current == null) throw new InputException(where, $"'{f[0]}' outside a begin … end block");
            switch (f[0])
            {
                case "comment":
                    current.Comment = raw.Trim()[7..].Trim();
                    break;
                case "lattice":
                    if (current.Lattice.Count == 3) throw new InputException(where, "more than three lattice lines");
                    current.Lattice.Add(length * Vector(f, 1, where));
                    break;
                case "atom":
                    if (f.Length < 10) throw new InputException(where, $"atom line has {f.Length - 1} fields; expected x y z element charge n fx fy fz");
                    if (!Elements.TryFromSymbol(f[4], out Element? element)) throw new InputException(where, $"'{f[4]}' is not an element symbol");
                    current.Positions.Add(length * Vector(f, 1, where));
                    current.Elements.Add(element);
                    current.Charges.Add(Number(f, 5, where));
                    current.Forces.Add(energy / length * Vector(f, 7, where));
                    break;
                case "energy":
                    current.Energy = energy * Number(f, 1, where);
                    break;
                case "charge":
                    break;
                case "end":
                    yield return current.Build();
                    current = null;
                    break;
                default:
                    throw new InputException(where, $"unknown line type '{f[0]}'; expected begin, comment, lattice, atom, energy, charge or end");
            }
        }
        if (current != null) throw new InputException(new SourceLocation(path, number), "file ends inside a structure (no 'end')");
    }

    /// <summary>Writes frames (Å, eV) in the model's units; missing forces/energies are written as 0.</summary>
    public static void Write(string path, IEnumerable<ExtXyzFrame> frames, ModelUnits units) =>
        AtomicFile.Write(path, writer => Write(writer, frames, units));

    public static void Write(TextWriter writer, IEnumerable<ExtXyzFrame> frames, ModelUnits units)
    {
        double length = units.AngstromPerLength, energy = units.EvPerEnergy;
        foreach (ExtXyzFrame frame in frames)
        {
            Structure s = frame.Structure;
            writer.WriteLine("begin");
            if (frame.Info.TryGetValue("comment", out string? comment)) writer.WriteLine($"comment {comment}");
            if (s.Cell is { } cell)
                foreach (Vec3 a in new[] { cell.A, cell.B, cell.C })
                    writer.WriteLine($"lattice {N(a.X / length)} {N(a.Y / length)} {N(a.Z / length)}");
            for (int i = 0; i < s.Count; i++)
            {
                Vec3 r = s.Positions[i] / length;
                Vec3 force = frame.Forces is { } forces ? forces[i] * (length / energy) : Vec3.Zero;
                writer.WriteLine($"atom {N(r.X)} {N(r.Y)} {N(r.Z)} {s.Elements[i].Symbol} {N(s.Charges[i])} {N(0)} {N(force.X)} {N(force.Y)} {N(force.Z)}");
            }
            writer.WriteLine($"energy {N((frame.Energy ?? 0) / energy)}");
            writer.WriteLine($"charge {N(s.Charges.Sum())}");
            writer.WriteLine("end");
        }
    }

    private static string N(double x) => x.ToString("E16", CultureInfo.InvariantCulture);

    private static double Number(string[] f, int index, SourceLocation where) =>
        index < f.Length && double.TryParse(f[index], NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)
            ? v
            : throw new InputException(where, index < f.Length ? $"field {index + 1} '{f[index]}' is not a finite number" : $"field {index + 1} is missing");

    private static Vec3 Vector(string[] f, int first, SourceLocation where) =>
        new(Number(f, first, where), Number(f, first + 1, where), Number(f, first + 2, where));

    private sealed class Builder(SourceLocation start)
    {
        public string? Comment;
        public readonly List<Vec3> Lattice = [];
        public readonly List<Vec3> Positions = [];
        public readonly List<Element> Elements = [];
        public readonly List<double> Charges = [];
        public readonly List<Vec3> Forces = [];
        public double? Energy;

        public ExtXyzFrame Build()
        {
            if (Lattice.Count is not (0 or 3)) throw new InputException(start, $"structure has {Lattice.Count} lattice lines; expected 3 (periodic) or none");
            if (Positions.Count == 0) throw new InputException(start, "structure has no atoms");
            Cell? cell = null;
            try
            {
                if (Lattice.Count == 3) cell = new Cell(Lattice[0], Lattice[1], Lattice[2]);
            }
            catch (ArgumentException e)
            {
                throw new InputException(start, e.Message);
            }
            var info = new Dictionary<string, string>();
            if (Comment != null) info["comment"] = Comment;
            return new ExtXyzFrame
            {
                Structure = new Structure(cell, Elements, Positions, charges: Charges),
                Energy = Energy,
                Forces = Forces.ToArray(),
                Info = info,
            };
        }
    }
}
