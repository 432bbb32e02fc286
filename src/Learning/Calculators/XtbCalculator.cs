using System.Globalization;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.IO.ExtXyz;
using MatSim.Simulation.Structures;
using MatSim.Simulation.Units;

namespace MatSim.Learning.Calculators;

/// <summary>The reference calculator failed (not installed, crashed, timed out, unreadable output); the message says which and shows its output.</summary>
public sealed class CalculatorException(string message) : Exception(message);

/// <summary>
/// GFN-xTB energies and forces of molecules and clusters by the `xtb` program (Grimme's group;
/// Debian package `xtb`), run as an external process in its own working folder, one thread, with
/// a time limit. Reads the ORCA-style `.engrad` file xtb writes with `--grad` (Hartree, Hartree/Bohr).
/// </summary>
public sealed class XtbCalculator(string executable = "xtb", int method = 2, int charge = 0, int unpairedElectrons = 0, TimeSpan? timeLimit = null) : IReferenceCalculator
{
    /// <summary>The xtb executable on PATH, or null.</summary>
    public static string? Locate()
    {
        foreach (string directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(directory, "xtb");
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>xtb's OpenMP settings: one thread per calculation (MatSim runs calculations in parallel), a large stack.</summary>
    internal static readonly IReadOnlyDictionary<string, string> SingleThreaded = new Dictionary<string, string> { ["OMP_NUM_THREADS"] = "1", ["OMP_STACKSIZE"] = "512M" };

    public string Name => $"GFN{method}-xTB";
    public string Settings => string.Create(CultureInfo.InvariantCulture, $"xtb --gfn {method} --chrg {charge} --uhf {unpairedElectrons}");

    /// <summary>Energy (eV) and forces (eV/Å) of a non-periodic structure; files are left in <paramref name="workDirectory"/>.</summary>
    public CalculatorResult Calculate(Structure structure, string workDirectory, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        if (structure.Cell != null) throw new ArgumentException("the xtb calculator here handles molecules and clusters (no cell)");
        Directory.CreateDirectory(workDirectory);
        ExtXyzWriter.WriteFile(Path.Combine(workDirectory, "input.xyz"), [new ExtXyzFrame { Structure = structure }]);
        string[] arguments = ["input.xyz", "--gfn", method.ToString(CultureInfo.InvariantCulture), "--grad",
            "--chrg", charge.ToString(CultureInfo.InvariantCulture), "--uhf", unpairedElectrons.ToString(CultureInfo.InvariantCulture)];
        ProgramRun run = ExternalProgram.Run(executable, arguments, workDirectory, timeLimit ?? TimeSpan.FromMinutes(5), "xtb.out",
            "install it with `apt-get install -y xtb`", SingleThreaded, cancellation);
        if (run.ExitCode != 0 || !File.Exists(Path.Combine(workDirectory, "input.engrad")))
            throw new CalculatorException($"{Name} failed (exit code {run.ExitCode}) in {workDirectory}: {Tail(run.Output)}");
        return Parse(structure, Path.Combine(workDirectory, "input.engrad"));
    }

    private CalculatorResult Parse(Structure structure, string path)
    {
        double[] numbers;
        try
        {
            numbers = File.ReadLines(path).Where(l => !l.TrimStart().StartsWith('#') && l.Trim().Length > 0)
                .SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray();
        }
        catch (FormatException e)
        {
            throw new CalculatorException($"{path}: unreadable gradient file ({e.Message})");
        }
        if (numbers.Length == 0) throw new CalculatorException($"{path}: empty gradient file");
        int n = (int)numbers[0];
        if (n != structure.Count || numbers.Length < 2 + 3 * n) throw new CalculatorException($"{path}: expected {structure.Count} atoms with energy and gradient");
        double energy = numbers[1] * Units.HartreeInEv;
        double forceUnit = Units.HartreeInEv / Units.BohrInAngstrom;
        var forces = new Vec3[n];
        for (int i = 0; i < n; i++) forces[i] = -forceUnit * new Vec3(numbers[2 + 3 * i], numbers[3 + 3 * i], numbers[4 + 3 * i]);
        return new CalculatorResult(energy, forces, null, new Dictionary<string, string> { ["method"] = Name, ["folder"] = Path.GetDirectoryName(path) ?? "" });
    }

    private static string Tail(string text) => text.Length <= 2000 ? text : "…" + text[^2000..];
}
