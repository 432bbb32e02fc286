using System.Text.Json;
using MatSim.Simulation.Engines.MonteCarlo;
using MatSim.Simulation.Errors;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.IO;
using MatSim.Simulation.Statistics;
using MatSim.Simulation.Systems;

namespace MatSim.Simulation.Engines;

/// <summary>The molecules of a system (framework atoms are rebuilt from the configuration).</summary>
public sealed record MoleculeState(int Species, double[] Positions);

/// <summary>
/// Everything a run needs to continue exactly where it was: position in the run, random stream,
/// molecules, velocities, move step sizes and statistics, accumulators, and how much of the
/// trajectory file belongs to it. Written atomically as JSON; loaded only by the configuration
/// (hash) that wrote it.
/// </summary>
public sealed record Checkpoint
{
    public const string FileName = "checkpoint.json";

    public required string Job { get; init; }
    public required string ConfigHash { get; init; }
    public required long Step { get; init; }
    public bool Finished { get; init; }
    public required ulong[] Rng { get; init; }
    public required double[] Cell { get; init; }
    public required List<MoleculeState> Molecules { get; init; }
    public double Energy { get; init; }
    public List<MoveRecord> Moves { get; init; } = [];
    public Dictionary<string, BlockAverageState> Averages { get; init; } = [];
    public Dictionary<string, double> Values { get; init; } = [];
    public FluctuationState? Fluctuations { get; init; }
    public long TrajectoryBytes { get; init; }
    public double[]? Velocities { get; init; }

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = false,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static List<MoleculeState> MoleculesOf(ParticleSystem system) =>
        Enumerable.Range(0, system.MoleculeCount).Select(m =>
        {
            ReadOnlySpan<Vec3> r = system.Positions.Slice(system.FirstAtomOf(m), system.AtomCountOf(m));
            var flat = new double[3 * r.Length];
            for (int a = 0; a < r.Length; a++) (flat[3 * a], flat[3 * a + 1], flat[3 * a + 2]) = (r[a].X, r[a].Y, r[a].Z);
            return new MoleculeState(system.SpeciesOf(m), flat);
        }).ToList();

    public static double[] CellOf(ParticleSystem system)
    {
        Mat3 m = system.Cell!.Matrix;
        return [m.XX, m.XY, m.XZ, m.YX, m.YY, m.YZ, m.ZX, m.ZY, m.ZZ];
    }

    /// <summary>Replaces the system's molecules (and cell) with the checkpoint's.</summary>
    public void RestoreInto(ParticleSystem system)
    {
        system.Cell = new Cell(new Vec3(Cell[0], Cell[1], Cell[2]), new Vec3(Cell[3], Cell[4], Cell[5]), new Vec3(Cell[6], Cell[7], Cell[8]));
        while (system.MoleculeCount > 0) system.RemoveMolecule(system.MoleculeCount - 1);
        foreach (MoleculeState m in Molecules)
        {
            var r = new Vec3[m.Positions.Length / 3];
            for (int a = 0; a < r.Length; a++) r[a] = new Vec3(m.Positions[3 * a], m.Positions[3 * a + 1], m.Positions[3 * a + 2]);
            system.AddMolecule(m.Species, r);
        }
    }

    public void Save(string directory) =>
        AtomicFile.WriteStream(Path.Combine(directory, FileName), stream => JsonSerializer.Serialize(stream, this, Json));

    /// <summary>The checkpoint in a run folder, or null; an error when it belongs to another configuration.</summary>
    public static Checkpoint? Load(string directory, string job, string configHash)
    {
        string path = Path.Combine(directory, FileName);
        if (!File.Exists(path)) return null;
        Checkpoint? checkpoint;
        try
        {
            using FileStream stream = File.OpenRead(path);
            checkpoint = JsonSerializer.Deserialize<Checkpoint>(stream, Json);
        }
        catch (JsonException e)
        {
            throw new InputException(new SourceLocation(path), $"the checkpoint cannot be read ({e.Message}); delete it to start afresh");
        }
        if (checkpoint == null || checkpoint.Job != job || checkpoint.ConfigHash != configHash)
            throw new InputException(new SourceLocation(path),
                "this output folder holds a checkpoint of a different configuration; use another output folder or delete the checkpoint");
        return checkpoint;
    }
}
