using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using MatSim.Learning.Calculators;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.Structures;

namespace QuantumEspressoCalculator;

/// <summary>
/// Quantum ESPRESSO (pw.x) as a MatSim reference calculator. The user's input template holds
/// everything but the structure (&amp;CONTROL with tprnfor/tstress, &amp;SYSTEM, &amp;ELECTRONS,
/// ATOMIC_SPECIES, K_POINTS); this class fills in the placeholders {nat}, {ntyp} (counts) and
/// {structure} (CELL_PARAMETERS and ATOMIC_POSITIONS in Å), runs `pw.x -in pw.in` in the work
/// folder and reads the final total energy (Ry) and forces (Ry/Bohr). The template text is part of
/// <see cref="Settings"/>, so a changed template never reuses cached results.
/// </summary>
public sealed partial class PwCalculator(string template, string command = "pw.x", TimeSpan? timeLimit = null) : IReferenceCalculator
{
    private const double RydbergInEv = 13.605693122994, BohrInAngstrom = 0.529177210903;

    public string Name => "quantum-espresso";
    public string Settings => template;

    public CalculatorResult Calculate(Structure structure, string workDirectory, CancellationToken cancellation = default)
    {
        Directory.CreateDirectory(workDirectory);
        File.WriteAllText(Path.Combine(workDirectory, "pw.in"), Input(structure));
        ProgramRun run = ExternalProgram.Run(command, ["-in", "pw.in"], workDirectory, timeLimit ?? TimeSpan.FromHours(1), "pw.out",
            "Debian: apt-get install -y quantum-espresso", cancellation: cancellation);
        if (run.ExitCode != 0) throw new CalculatorException($"pw.x failed (exit code {run.ExitCode}); see {workDirectory}/pw.out");
        return Parse(run.Output, structure.Count);
    }

    /// <summary>The pw.x input for a structure (clusters get a cubic box 10 Å larger than their extent).</summary>
    public string Input(Structure structure)
    {
        Cell cell = structure.Cell ?? Box(structure);
        var text = new StringBuilder("CELL_PARAMETERS angstrom\n");
        foreach (Vec3 v in new[] { cell.A, cell.B, cell.C }) text.AppendLine(F(v));
        text.AppendLine("ATOMIC_POSITIONS angstrom");
        for (int i = 0; i < structure.Count; i++) text.AppendLine($"{structure.Elements[i].Symbol} {F(structure.Positions[i])}");
        return template.Replace("{nat}", structure.Count.ToString(CultureInfo.InvariantCulture))
            .Replace("{ntyp}", structure.Elements.DistinctBy(e => e.Number).Count().ToString(CultureInfo.InvariantCulture))
            .Replace("{structure}", text.ToString());
    }

    private static Cell Box(Structure s)
    {
        double extent = 0;
        for (int i = 0; i < s.Count; i++)
            for (int j = 0; j < s.Count; j++) extent = Math.Max(extent, (s.Positions[i] - s.Positions[j]).Length);
        double edge = extent + 10;
        return new Cell(new Vec3(edge, 0, 0), new Vec3(0, edge, 0), new Vec3(0, 0, edge));
    }

    /// <summary>The last "!    total energy" line and the "force =" lines of the final step.</summary>
    public static CalculatorResult Parse(string output, int atoms)
    {
        Match[] energies = EnergyLine().Matches(output).ToArray();
        if (energies.Length == 0) throw new CalculatorException("pw.x output has no '!    total energy' line (not converged?)");
        double energy = double.Parse(energies[^1].Groups[1].Value, CultureInfo.InvariantCulture) * RydbergInEv;
        Match[] forces = ForceLine().Matches(output).ToArray();
        if (forces.Length < atoms) throw new CalculatorException($"pw.x output has {forces.Length} force lines for {atoms} atoms (tprnfor = .true. in the template?)");
        double unit = RydbergInEv / BohrInAngstrom;
        Vec3[] f = forces[..atoms].Select(m => unit * new Vec3(N(m, 1), N(m, 2), N(m, 3))).ToArray();
        return new CalculatorResult(energy, f, null, new Dictionary<string, string> { ["program"] = "pw.x" });
    }

    private static double N(Match m, int group) => double.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture);

    private static string F(Vec3 v) => string.Create(CultureInfo.InvariantCulture, $"{v.X:F10} {v.Y:F10} {v.Z:F10}");

    [GeneratedRegex(@"^!\s+total energy\s+=\s+(-?\d+\.\d+)\s+Ry", RegexOptions.Multiline)]
    private static partial Regex EnergyLine();

    [GeneratedRegex(@"atom\s+\d+\s+type\s+\d+\s+force\s+=\s+(-?\d+\.\d+)\s+(-?\d+\.\d+)\s+(-?\d+\.\d+)")]
    private static partial Regex ForceLine();
}
