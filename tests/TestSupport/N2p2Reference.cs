using System.Globalization;
using MatSim.Potentials.NeuralNetworks;
using MatSim.Potentials.NeuralNetworks.N2p2;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.IO.ExtXyz;
using static TorchSharp.torch;

namespace MatSim.TestSupport;

/// <summary>
/// An n2p2 model folder of the shared reference material with n2p2's own prediction (`expected.txt`,
/// written by n2p2 2.3's nnp-predict): energies and forces in the model's units for the first
/// structures of its `input.data`.
/// </summary>
public sealed class N2p2Reference(string name)
{
    /// <summary>Every n2p2 model folder with an expected.txt in ../shared/reference.</summary>
    public static readonly string[] All = ["n2p2-h2o", "n2p2-compact-asym", "n2p2-qm9-weighted", "n2p2-train-xtb-water"];

    public string Folder => Repository.RequireShared(Path.Combine("reference", name));

    /// <summary>The model in its own units, read as Bohr/Hartree (lengths and energies keep their numbers: only ratios to the data matter).</summary>
    public NeuralNetworkPotential Load() => N2p2ModelReader.Read(Folder, ModelUnits.BohrHartree, CPU);

    public IEnumerable<ExtXyzFrame> Structures() => N2p2DataFile.Read(Path.Combine(Folder, "input.data"), ModelUnits.BohrHartree);

    /// <summary>n2p2's energy and forces per structure, in the order of input.data ("energy E" or "energy i E", then one line fx fy fz per atom).</summary>
    public IReadOnlyList<(double Energy, Vec3[] Forces)> Expected()
    {
        var result = new List<(double, List<Vec3>)>();
        foreach (string line in File.ReadLines(Path.Combine(Folder, "expected.txt")))
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            string[] f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f[0] == "energy") result.Add((Parse(f[^1]), []));
            else result[^1].Item2.Add(new Vec3(Parse(f[0]), Parse(f[1]), Parse(f[2])));
        }
        return result.Select(r => (r.Item1, r.Item2.ToArray())).ToArray();
    }

    private static double Parse(string s) => double.Parse(s, CultureInfo.InvariantCulture);
}
