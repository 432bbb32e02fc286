using MatSim.Simulation.Geometry;
using MatSim.Simulation.Structures;

namespace MatSim.Simulation.IO.ExtXyz;

/// <summary>
/// One frame of an extended XYZ file: the structure and what the file says about it (energy in eV,
/// forces in eV/Å, stress in eV/Å³ in ASE's sign convention, other key=value pairs and per-atom
/// columns, kept as text so they survive a round trip).
/// </summary>
public sealed record ExtXyzFrame
{
    public required Structure Structure { get; init; }
    public double? Energy { get; init; }
    public Vec3[]? Forces { get; init; }
    public Mat3? Stress { get; init; }

    /// <summary>The other key=value pairs of the comment line, values unquoted.</summary>
    public IReadOnlyDictionary<string, string> Info { get; init; } = new Dictionary<string, string>();

    /// <summary>The other per-atom columns: name → (type letter S/R/I/L, values per atom).</summary>
    public IReadOnlyDictionary<string, ExtXyzColumn> Columns { get; init; } = new Dictionary<string, ExtXyzColumn>();
}

/// <summary>A per-atom property of an extended XYZ file that MatSim does not interpret.</summary>
public sealed record ExtXyzColumn(char Type, int Width, string[][] Values);
