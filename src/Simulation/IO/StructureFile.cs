using MatSim.Simulation.Errors;
using MatSim.Simulation.IO.Cif;
using MatSim.Simulation.IO.ExtXyz;
using MatSim.Simulation.Structures;

namespace MatSim.Simulation.IO;

/// <summary>A structure read from a file, with what the reader noticed.</summary>
public sealed record LoadedStructure(Structure Structure, string Name, IReadOnlyList<string> Warnings, bool HasCharges);

/// <summary>Reads a structure from a CIF or (extended) XYZ file, chosen by the file's extension.</summary>
public static class StructureFile
{
    public static readonly string[] Extensions = [".cif", ".xyz", ".extxyz"];

    /// <summary>Reads the structure; for XYZ files, frame <paramref name="frame"/> (0 = first, -1 = last).</summary>
    public static LoadedStructure Read(string path, int frame = 0)
    {
        string extension = Path.GetExtension(path).ToLowerInvariant();
        string name = Path.GetFileNameWithoutExtension(path);
        switch (extension)
        {
            case ".cif":
                CifStructure cif = CifReader.ReadFile(path);
                return new LoadedStructure(cif.Structure, name, cif.Warnings, cif.HasCharges);
            case ".xyz" or ".extxyz":
                ExtXyzFrame selected = SelectFrame(path, frame);
                bool charged = selected.Structure.Charges.Any(q => q != 0);
                return new LoadedStructure(selected.Structure, name, [], charged);
            default:
                throw new InputException(new SourceLocation(path),
                    $"unknown structure format '{extension}'; expected one of {string.Join(", ", Extensions)}");
        }
    }

    private static ExtXyzFrame SelectFrame(string path, int frame)
    {
        ExtXyzFrame? last = null;
        int index = 0;
        foreach (ExtXyzFrame f in ExtXyzReader.ReadFile(path))
        {
            if (index++ == frame) return f;
            last = f;
        }
        if (frame == -1 && last != null) return last;
        throw new InputException(new SourceLocation(path),
            index == 0 ? "the file holds no frames" : $"frame {frame} requested but the file holds {index} frames (0 to {index - 1})");
    }
}
