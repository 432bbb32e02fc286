using System.Globalization;
using MatSim.Potentials.NeuralNetworks;
using MatSim.Potentials.NeuralNetworks.N2p2;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.IO.ExtXyz;
using MatSim.TestSupport;
using static TorchSharp.torch;

namespace MatSim.Potentials.Tests.NeuralNetworks;

/// <summary>n2p2's RPBE-D3 water model and its first structure from the shared reference material.</summary>
internal static class WaterModel
{
    public const string Folder = "reference/n2p2-h2o";

    public static NeuralNetworkPotential Load() =>
        N2p2ModelReader.Read(Repository.RequireShared(Folder), ModelUnits.BohrHartree, CPU);

    public static ExtXyzFrame Structure() =>
        N2p2DataFile.Read(Path.Combine(Repository.RequireShared(Folder), "input.data"), ModelUnits.BohrHartree).First();

    /// <summary>n2p2's energy (Hartree) and forces (Hartree/Bohr) for <see cref="Structure"/>.</summary>
    public static (double Energy, Vec3[] Forces) Expected()
    {
        string[] lines = File.ReadAllLines(Path.Combine(Repository.RequireShared(Folder), "expected.txt"))
            .Where(l => l.Length > 0 && !l.StartsWith('#')).ToArray();
        double energy = double.Parse(lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        Vec3[] forces = lines.Skip(1).Select(l =>
        {
            double[] v = l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray();
            return new Vec3(v[0], v[1], v[2]);
        }).ToArray();
        return (energy, forces);
    }
}
