using System.Globalization;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.IO.ExtXyz;
using MatSim.Simulation.Structures;
using MatSim.Simulation.Units;

namespace MatSim.Potentials.Calculators;

/// <summary>One frame of a reference trajectory: positions (Å) and the reference energy (eV).</summary>
public sealed record ReferenceFrame(Structure Structure, double Energy);

/// <summary>
/// Molecular dynamics with the reference method itself, by xtb's own NVT integrator (`xtb --md`,
/// Berendsen thermostat, all atoms free), to draw reference-distribution configurations of
/// molecules and clusters (test sets, candidate pools) at a few ms per step instead of one process
/// per step. Frames come from xtb's `xtb.trj` (Å, energies in Hartree).
/// </summary>
public sealed class XtbDynamics(string executable = "xtb", int method = 2, TimeSpan? timeLimit = null)
{
    /// <summary>Runs `xtb start.xyz --md` in <paramref name="workDirectory"/>; returns the frames dumped every <paramref name="dumpFs"/> fs.</summary>
    public IReadOnlyList<ReferenceFrame> Run(Structure start, double temperature, double picoseconds, double stepFs, double dumpFs, string workDirectory, CancellationToken cancellation = default)
    {
        if (start.Cell != null) throw new ArgumentException("xtb dynamics here handles molecules and clusters (no cell)");
        Directory.CreateDirectory(workDirectory);
        ExtXyzWriter.WriteFile(Path.Combine(workDirectory, "start.xyz"), [new ExtXyzFrame { Structure = start }]);
        File.WriteAllText(Path.Combine(workDirectory, "md.inp"), string.Create(CultureInfo.InvariantCulture, $"""
            $md
               temp={temperature}
               time={picoseconds}
               dump={dumpFs}
               step={stepFs}
               hmass=1
               shake=0
               velo=false
               nvt=true
            $end

            """));
        ProgramRun run = ExternalProgram.Run(executable, ["start.xyz", "--md", "--input", "md.inp", "--gfn", method.ToString(CultureInfo.InvariantCulture)],
            workDirectory, timeLimit ?? TimeSpan.FromMinutes(30), "xtb-md.out", "install it with `apt-get install -y xtb`", XtbCalculator.SingleThreaded, cancellation);
        string trajectory = Path.Combine(workDirectory, "xtb.trj");
        if (run.ExitCode != 0 || !File.Exists(trajectory))
            throw new CalculatorException($"xtb --md failed (exit code {run.ExitCode}) in {workDirectory}; see xtb-md.out");
        return ReadTrajectory(trajectory, start);
    }

    /// <summary>Reads xtb's trajectory: XYZ frames whose comment line starts `energy: E` (Hartree).</summary>
    public static IReadOnlyList<ReferenceFrame> ReadTrajectory(string path, Structure start)
    {
        string[] lines = File.ReadAllLines(path);
        var frames = new List<ReferenceFrame>();
        int n = start.Count;
        for (int at = 0; at + n + 2 <= lines.Length; at += n + 2)
        {
            string[] comment = lines[at + 1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (lines[at].Trim() != n.ToString(CultureInfo.InvariantCulture) || comment.Length < 2 || comment[0] != "energy:")
                throw new CalculatorException($"{path}:{at + 1}: expected an xtb trajectory frame of {n} atoms with 'energy:' in its comment line");
            var positions = new Vec3[n];
            for (int i = 0; i < n; i++)
            {
                string[] f = lines[at + 2 + i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                positions[i] = new Vec3(Number(f[1]), Number(f[2]), Number(f[3]));
            }
            frames.Add(new ReferenceFrame(start.WithPositions(positions), Number(comment[1]) * Units.HartreeInEv));
        }
        return frames;
    }

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
