using System.Text.Json.Nodes;
using MatSim.Adsorption.ForceFields;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.IO;
using MatSim.Simulation.IO.ExtXyz;
using MatSim.TestSupport;
using static MatSim.Cli.Tests.CliRunner;

namespace MatSim.Cli.Tests;

/// <summary>
/// A learned framework–guest term in an adsorption run: `guest-data` labels guests in a framework with the classical
/// model (checked here against an independent Lennard-Jones sum), a network and a kernel model are trained on it,
/// and gcmc with either as `acts_on: host-guest` gives the classical isotherm within the error bars.
/// </summary>
public class LearnedHostGuestTests
{
    private static string Data(params string[] parts) => Repository.PathOf(["data", .. parts]);

    /// <summary>A small guest-data run: methane in MFI labelled with the force field's Lennard-Jones.</summary>
    internal static string GuestData(int structures) => $"""
        job: guest-data
        seed: 5
        temperature: 300 K
        framework: {"{"}file: {Data("frameworks", "MFI.cif")}, charges: none{"}"}
        forcefield: {"{"}file: {Data("forcefields", "dreiding-uff.yaml")}{"}"}
        cutoff: 12 angstrom
        components:
          - molecule: {Data("molecules", "ch4-trappe.yaml")}
        structures: {structures}
        guests: 3
        max_energy: 0.2 eV
        guests_alone: 0.25
        """;

    private static string Write(string folder, string name, string yaml)
    {
        string path = Path.Combine(folder, name);
        File.WriteAllText(path, yaml);
        return path;
    }

    [Fact]
    public void GuestDataLabelsAreTheFrameworkGuestLennardJonesSum()
    {
        string folder = Repository.TemporaryDirectory("guest-data");
        string output = Path.Combine(folder, "run");
        var (exit, _, error) = Matsim("run", Write(folder, "guest-data.yaml", GuestData(8)), "-o", output);
        Assert.True(exit == 0, error);

        ForceField field = ForceFieldFile.Read(Data("forcefields", "dreiding-uff.yaml"));
        MoleculeDefinition methane = MoleculeFile.Read(Data("molecules", "ch4-trappe.yaml"));
        IReadOnlyDictionary<string, double> guest = methane.TypeParameters["CH4_sp3"];
        List<ExtXyzFrame> frames = ExtXyzReader.ReadFile(Path.Combine(output, "guest-data.extxyz")).ToList();
        Assert.Equal(8 + 2, frames.Count);
        foreach (ExtXyzFrame frame in frames)
        {
            var s = frame.Structure;
            int[] guests = Enumerable.Range(0, s.Count).Where(i => s.Types[i] == "CH4_sp3").ToArray();
            Assert.InRange(guests.Length, 1, 3);
            if (guests.Length == s.Count)
            {
                // guests without the framework: no framework–guest energy
                Assert.Equal(0.0, frame.Energy);
                continue;
            }
            double energy = 0;
            var forces = new Vec3[s.Count];
            foreach (int g in guests)
                for (int j = 0; j < s.Count; j++)
                {
                    if (s.Types[j] == "CH4_sp3") continue;
                    var lj = field.Resolve(s.Types[j], s.Elements[j].Symbol)!.LennardJones!.Value;
                    double epsilon = Math.Sqrt(lj.Epsilon * guest["epsilon"]), sigma = (lj.Sigma + guest["sigma"]) / 2;
                    foreach (Vec3 d in Images(s.Cell!, s.Positions[g] - s.Positions[j], 12.0))
                    {
                        // Lorentz–Berthelot Lennard-Jones shifted to zero at 12 Å (the force field's cutoff mode)
                        double r = d.Length, x6 = Math.Pow(sigma / r, 6), c6 = Math.Pow(sigma / 12.0, 6);
                        energy += 4 * epsilon * (x6 * x6 - x6) - 4 * epsilon * (c6 * c6 - c6);
                        Vec3 f = 24 * epsilon * (2 * x6 * x6 - x6) / (r * r) * d;
                        forces[g] += f;
                        forces[j] -= f;
                    }
                }
            Assert.Equal(energy, frame.Energy!.Value, 9);
            for (int i = 0; i < s.Count; i++) Assert.True((forces[i] - frame.Forces![i]).Length < 1e-8, $"atom {i}: {frame.Forces[i]} vs {forces[i]}");
        }
        JsonNode results = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "results.json")))!["results"]!;
        Assert.Equal(2, (int)results["structures_without_framework"]!);
        Assert.True((double)results["energy_per_guest_eV"]!["max"]! < 0.2);
    }

    /// <summary>
    /// The shipped configurations end to end (data, network and kernel training, classical and learned isotherms), in a
    /// scratch folder: at each of the three pressures the absolute loading with either learned framework–guest term
    /// agrees with the classical one within 3 combined standard errors.
    /// </summary>
    [Fact]
    [Trait("Category", "Long")]
    public void LearnedHostGuestTermsGiveTheClassicalIsotherm()
    {
        string folder = Repository.TemporaryDirectory("learned-host-guest");
        string Config(string name)
        {
            string text = File.ReadAllText(Repository.PathOf("configs", name))
                .Replace("../data/", Repository.PathOf("data") + "/", StringComparison.Ordinal)
                .Replace("../runs/", folder + "/", StringComparison.Ordinal);
            return Write(folder, name, text);
        }
        foreach (string step in new[] { "guest-data-methane-mfi.yaml", "nnp-train-methane-mfi.yaml", "kernel-train-methane-mfi.yaml",
                     "gcmc-methane-mfi.yaml", "gcmc-learned-nnp-methane-mfi.yaml", "gcmc-learned-kernel-methane-mfi.yaml" })
        {
            var (exit, _, error) = MatsimProcess("run", Config(step));
            Assert.True(exit == 0, $"{step}: {error}");
        }
        JsonArray classical = Isotherm(Path.Combine(folder, "gcmc-methane-mfi"));
        foreach (string learned in new[] { "gcmc-learned-nnp-methane-mfi", "gcmc-learned-kernel-methane-mfi" })
        {
            JsonArray points = Isotherm(Path.Combine(folder, learned));
            Assert.Equal(3, points.Count);
            for (int p = 0; p < points.Count; p++)
            {
                var (a, sa) = AbsoluteLoading(classical[p]!);
                var (b, sb) = AbsoluteLoading(points[p]!);
                double combined = Math.Sqrt(sa * sa + sb * sb);
                Assert.True(Math.Abs(a - b) <= 3 * combined,
                    $"{learned}, pressure {p}: {b} ± {sb} mol/kg vs classical {a} ± {sa} ({Math.Abs(a - b) / combined:F1} combined SE)");
            }
        }
    }

    private static JsonArray Isotherm(string run) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(run, "results.json")))!["results"]!["state_points"]!.AsArray();

    private static (double Mean, double Error) AbsoluteLoading(JsonNode point)
    {
        JsonNode loading = point["components"]![0]!["absolute"]!["mol_per_kg"]!;
        return ((double)loading["mean"]!, (double)loading["standard_error"]!);
    }

    /// <summary>The periodic images of a separation closer than the cutoff.</summary>
    private static IEnumerable<Vec3> Images(Cell cell, Vec3 d, double cutoff)
    {
        for (int a = -2; a <= 2; a++)
        for (int b = -2; b <= 2; b++)
        for (int c = -2; c <= 2; c++)
        {
            Vec3 image = cell.MinimumImage(d) + a * cell.A + b * cell.B + c * cell.C;
            if (image.Length < cutoff) yield return image;
        }
    }
}
