using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.IO;
using MatSim.Simulation.Structures;

namespace MatSim.Learning.Calculators;

/// <summary>
/// Runs a reference calculator at most once per distinct input: results are stored in a folder
/// under the SHA-256 of (calculator, settings, cell, elements, positions to 1e-10 Å), written
/// atomically, and reused by later calls and later runs. Failed calculations are retried (each
/// attempt in a fresh work folder); when all attempts fail the error lists every reason.
/// </summary>
public sealed class CachedCalculator(IReferenceCalculator inner, string folder, int attempts = 2) : IReferenceCalculator
{
    private int calculations;
    private int hits;

    public string Name => inner.Name;
    public string Settings => inner.Settings;
    /// <summary>Calculations actually run (not served from the cache) by this instance.</summary>
    public int Calculations => calculations;
    /// <summary>Results served from the cache by this instance.</summary>
    public int Hits => hits;

    public CalculatorResult Calculate(Structure structure, CancellationToken cancellation = default) =>
        Calculate(structure, Path.Combine(folder, "work"), cancellation);

    public CalculatorResult Calculate(Structure structure, string workDirectory, CancellationToken cancellation = default)
    {
        string key = Key(structure);
        string path = Path.Combine(folder, key[..2], key + ".json");
        if (File.Exists(path))
        {
            Interlocked.Increment(ref hits);
            return Read(path);
        }
        var failures = new List<string>();
        for (int attempt = 1; attempt <= attempts; attempt++)
        {
            cancellation.ThrowIfCancellationRequested();
            try
            {
                CalculatorResult result = inner.Calculate(structure, Path.Combine(workDirectory, $"{key}-{attempt}"), cancellation);
                Interlocked.Increment(ref calculations);
                Validate(result, structure.Count);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                AtomicFile.WriteAllText(path, JsonSerializer.Serialize(Stored.From(result)));
                return result;
            }
            catch (CalculatorException e)
            {
                failures.Add($"attempt {attempt}: {e.Message}");
            }
        }
        throw new CalculatorException($"{inner.Name} failed {attempts} times for structure {key[..12]}: {string.Join(" | ", failures)}");
    }

    /// <summary>Garbage from the calculator (NaN, wrong number of forces) is a failure, never a stored result.</summary>
    private void Validate(CalculatorResult result, int atoms)
    {
        if (!double.IsFinite(result.Energy)) throw new CalculatorException($"{inner.Name} returned the energy {result.Energy}");
        if (result.Forces.Length != atoms) throw new CalculatorException($"{inner.Name} returned {result.Forces.Length} forces for {atoms} atoms");
        for (int i = 0; i < atoms; i++)
            if (!double.IsFinite(result.Forces[i].X + result.Forces[i].Y + result.Forces[i].Z))
                throw new CalculatorException($"{inner.Name} returned a non-finite force on atom {i + 1}");
    }

    /// <summary>The cache key of a structure for this calculator.</summary>
    public string Key(Structure structure)
    {
        var text = new StringBuilder();
        text.Append(inner.Name).Append('\n').Append(inner.Settings).Append('\n');
        if (structure.Cell is { } cell)
            foreach (Vec3 v in new[] { cell.A, cell.B, cell.C }) Append(text, v);
        text.Append('\n');
        for (int i = 0; i < structure.Count; i++)
        {
            text.Append(structure.Elements[i].Symbol).Append(' ');
            Append(text, structure.Positions[i]);
            text.Append('\n');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static void Append(StringBuilder text, Vec3 v) =>
        text.Append(string.Create(CultureInfo.InvariantCulture, $"{Math.Round(v.X, 10):R} {Math.Round(v.Y, 10):R} {Math.Round(v.Z, 10):R} "));

    private static CalculatorResult Read(string path)
    {
        Stored stored = JsonSerializer.Deserialize<Stored>(File.ReadAllText(path)) ?? throw new CalculatorException($"{path}: empty cache entry");
        return stored.ToResult();
    }

    /// <summary>The JSON form of a cached result (forces as flat x, y, z triples; stress row by row).</summary>
    private sealed record Stored(double Energy, double[] Forces, double[]? Stress, Dictionary<string, string> Metadata)
    {
        public static Stored From(CalculatorResult r) => new(r.Energy, r.Forces.SelectMany(f => new[] { f.X, f.Y, f.Z }).ToArray(),
            r.Stress is { } s ? [s.XX, s.XY, s.XZ, s.YX, s.YY, s.YZ, s.ZX, s.ZY, s.ZZ] : null, new Dictionary<string, string>(r.Metadata));

        public CalculatorResult ToResult() => new(Energy,
            Enumerable.Range(0, Forces.Length / 3).Select(i => new Vec3(Forces[3 * i], Forces[3 * i + 1], Forces[3 * i + 2])).ToArray(),
            Stress is { } s ? new Mat3(s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8]) : null, Metadata);
    }
}
