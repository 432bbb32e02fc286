using MatSim.Descriptors.SymmetryFunctions;
using MatSim.Potentials.NeuralNetworks.N2p2;
using MatSim.Learning.NetworkTraining;
using MatSim.Simulation.Chemistry;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.Random;
using MatSim.Simulation.Structures;

namespace MatSim.TestSupport;

/// <summary>
/// Test data without external programs: perturbed and rotated water dimers labelled by an analytic
/// pair potential (Morse O–H bonds, exponential repulsions), whose forces are computed by hand.
/// </summary>
public static class PairTeacher
{
    public const string Descriptors = """
        cutoff_type 6
        symfunction_short H 2 H 0.5 0.0 6.0
        symfunction_short H 2 H 0.1 1.5 6.0
        symfunction_short H 2 O 2.0 0.96 6.0
        symfunction_short H 2 O 0.5 0.0 6.0
        symfunction_short H 2 O 0.1 2.0 6.0
        symfunction_short H 3 O O 0.05 1 1 6.0
        symfunction_short H 3 H O 0.05 -1 1 6.0
        symfunction_short H 3 H O 0.05 1 4 6.0
        symfunction_short O 2 H 2.0 0.96 6.0
        symfunction_short O 2 H 0.5 0.0 6.0
        symfunction_short O 2 H 0.1 2.0 6.0
        symfunction_short O 2 O 0.1 2.8 6.0
        symfunction_short O 3 H H 0.1 -1 1 6.0
        symfunction_short O 3 H H 0.1 1 4 6.0
        symfunction_short O 3 H O 0.05 1 1 6.0
        """;

    public static readonly Element O = Elements.FromSymbol("O"), H = Elements.FromSymbol("H");

    public static DescriptorSet DescriptorSet() =>
        N2p2ModelReader.ReadDescriptors(N2p2Keywords.Parse(Descriptors.Split('\n'), "test descriptors"), [H, O], 1.0);

    private static readonly Vec3[] Dimer = [new(0, 0, 0), new(0.96, 0, 0), new(-0.24, 0.93, 0), new(2.9, 0.1, 0.2), new(3.3, 0.9, 0.1), new(3.3, -0.5, 0.8)];

    /// <summary>Water dimers with Gaussian displacements (σ Å), randomly rotated and shifted, labelled.</summary>
    public static List<LabelledStructure> Dimers(int count, double sigma, ulong seed)
    {
        var rng = new Rng(seed);
        var result = new List<LabelledStructure>();
        for (int k = 0; k < count; k++)
        {
            Mat3 rotation = RandomRotation(rng);
            Vec3 shift = new(rng.NextGaussian(), rng.NextGaussian(), rng.NextGaussian());
            Vec3[] positions = Dimer.Select(r => rotation * (r + sigma * new Vec3(rng.NextGaussian(), rng.NextGaussian(), rng.NextGaussian())) + shift).ToArray();
            result.Add(Label(new Structure(null, [O, H, H, O, H, H], positions)));
        }
        return result;
    }

    public static LabelledStructure Label(Structure s)
    {
        var forces = new Vec3[s.Count];
        double energy = 0;
        for (int i = 0; i < s.Count; i++)
            for (int j = i + 1; j < s.Count; j++)
            {
                Vec3 d = s.Positions[j] - s.Positions[i];
                double r = d.Length;
                (double e, double dedr) = Pair(s.Elements[i].Number + s.Elements[j].Number, r);
                energy += e;
                Vec3 f = dedr / r * d;
                forces[i] += f;
                forces[j] -= f;
            }
        return new LabelledStructure(s, energy, forces);
    }

    /// <summary>Pair energy and dE/dr by the sum of atomic numbers (2 H–H, 9 O–H, 16 O–O).</summary>
    private static (double, double) Pair(int key, double r)
    {
        if (key == 9)
        {
            // Morse bond D (1 − e^{−a(r − r0)})² − D
            const double d0 = 4.0, a = 2.2, r0 = 0.96;
            double x = Math.Exp(-a * (r - r0));
            return (d0 * (1 - x) * (1 - x) - d0, 2 * d0 * (1 - x) * a * x);
        }
        double amplitude = key == 2 ? 0.6 : 1.5, range = key == 2 ? 0.7 : 0.9;
        double v = amplitude * Math.Exp(-r / range);
        return (v, -v / range);
    }

    public static Mat3 RandomRotation(Rng rng)
    {
        // unit quaternion from four Gaussians
        double w = rng.NextGaussian(), x = rng.NextGaussian(), y = rng.NextGaussian(), z = rng.NextGaussian();
        double n = Math.Sqrt(w * w + x * x + y * y + z * z);
        (w, x, y, z) = (w / n, x / n, y / n, z / n);
        return new Mat3(
            1 - 2 * (y * y + z * z), 2 * (x * y - z * w), 2 * (x * z + y * w),
            2 * (x * y + z * w), 1 - 2 * (x * x + z * z), 2 * (y * z - x * w),
            2 * (x * z - y * w), 2 * (y * z + x * w), 1 - 2 * (x * x + y * y));
    }
}
