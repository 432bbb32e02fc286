using System.Globalization;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.IO.ExtXyz;
using MatSim.Simulation.Random;
using MatSim.Simulation.Structures;
using MatSim.Simulation.Units;

namespace MatSim.Learning.Calculators;

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
    /// <summary>
    /// Runs `xtb start.xyz --md` in <paramref name="workDirectory"/>; returns the frames dumped every
    /// <paramref name="dumpFs"/> fs. The initial velocities are drawn here from the seed (xtb's own
    /// are random per run), so the same seed gives the same trajectory.
    /// </summary>
    public IReadOnlyList<ReferenceFrame> Run(Structure start, double temperature, double picoseconds, double stepFs, double dumpFs, string workDirectory,
        Rng rng, CancellationToken cancellation = default)
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
               restart=true
               nvt=true
            $end

            """));
        File.WriteAllText(Path.Combine(workDirectory, "mdrestart"), RestartFile(start, temperature, rng));
        ProgramRun run = ExternalProgram.Run(executable, ["start.xyz", "--md", "--input", "md.inp", "--gfn", method.ToString(CultureInfo.InvariantCulture)],
            workDirectory, timeLimit ?? TimeSpan.FromMinutes(30), "xtb-md.out", "install it with `apt-get install -y xtb`", XtbCalculator.SingleThreaded, cancellation);
        string trajectory = Path.Combine(workDirectory, "xtb.trj");
        if (run.ExitCode != 0 || !File.Exists(trajectory))
            throw new CalculatorException($"xtb --md failed (exit code {run.ExitCode}) in {workDirectory}; see xtb-md.out");
        return ReadTrajectory(trajectory, start);
    }

    /// <summary>
    /// xtb's `mdrestart`: a first line, then per atom position (Bohr) and velocity (Bohr per atomic
    /// time unit) in Fortran D format; velocities Maxwell–Boltzmann at <paramref name="temperature"/>
    /// with the centre-of-mass motion removed.
    /// </summary>
    private static string RestartFile(Structure start, double temperature, Rng rng)
    {
        const double femtosecondsPerAtomicTime = 0.02418884326585;
        int n = start.Count;
        var velocities = new Vec3[n];
        Vec3 momentum = Vec3.Zero;
        double mass = 0;
        for (int i = 0; i < n; i++)
        {
            double m = start.Elements[i].Mass;
            velocities[i] = Math.Sqrt(Units.Boltzmann * temperature / m) * new Vec3(rng.NextGaussian(), rng.NextGaussian(), rng.NextGaussian());
            momentum += m * velocities[i];
            mass += m;
        }
        var text = new System.Text.StringBuilder(" -1.0\n");
        for (int i = 0; i < n; i++)
        {
            // Å per internal time unit → Bohr per atomic time unit
            Vec3 v = (velocities[i] - (1 / mass) * momentum) * (femtosecondsPerAtomicTime / Units.TimeUnitInFemtoseconds / Units.BohrInAngstrom);
            Vec3 r = (1 / Units.BohrInAngstrom) * start.Positions[i];
            text.AppendLine(string.Concat(new[] { r.X, r.Y, r.Z, v.X, v.Y, v.Z }.Select(FortranD)));
        }
        return text.ToString();
    }

    /// <summary>Fortran's D22.14 edit descriptor (xtb reads the file with a fixed format): " 0.12345678901234D+01".</summary>
    private static string FortranD(double x)
    {
        if (x == 0) return "  0.00000000000000D+00";
        int exponent = (int)Math.Floor(Math.Log10(Math.Abs(x))) + 1;
        double mantissa = Math.Abs(x) / Math.Pow(10, exponent);
        if (Math.Round(mantissa, 14) >= 1)
        {
            mantissa /= 10;
            exponent++;
        }
        string digits = mantissa.ToString("F14", CultureInfo.InvariantCulture);
        string sign = x < 0 ? "-" : " ";
        return $"{sign}{digits}D{(exponent < 0 ? '-' : '+')}{Math.Abs(exponent):00}".PadLeft(22);
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
