using MatSim.Potentials.NeuralNetworks;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.IO.ExtXyz;

namespace MatSim.TestSupport;

/// <summary>n2p2's RPBE-D3 water model and its first structure from the shared reference material.</summary>
public static class WaterModel
{
    public const string Folder = "reference/n2p2-h2o";

    private static readonly N2p2Reference Reference = new("n2p2-h2o");

    public static NeuralNetworkPotential Load() => Reference.Load();

    public static ExtXyzFrame Structure() => Reference.Structures().First();

    /// <summary>n2p2's energy (Hartree) and forces (Hartree/Bohr) for <see cref="Structure"/>.</summary>
    public static (double Energy, Vec3[] Forces) Expected() => Reference.Expected()[0];
}

/// <summary>Small periodic water boxes cut from the reference structure (whole molecules), for tests that evaluate many times.</summary>
public static class SmallWater
{
    /// <summary>Molecules whose oxygen lies in the first <paramref name="edge"/> Å of each axis, in a cubic cell of that edge.</summary>
    public static Simulation.Structures.Structure Box(double edge)
    {
        var big = WaterModel.Structure().Structure;
        var cell = Simulation.Geometry.Cell.Cubic(edge);
        var positions = new List<Vec3>();
        var elements = new List<Simulation.Chemistry.Element>();
        for (int o = 0; o + 2 < big.Count; o += 3)
        {
            Vec3 r = big.Positions[o];
            if (r.X >= edge - 0.3 || r.Y >= edge - 0.3 || r.Z >= edge - 0.3 || r.X < 0 || r.Y < 0 || r.Z < 0) continue;
            Vec3[] molecule = [r, r + big.Cell!.MinimumImage(big.Positions[o + 1] - r), r + big.Cell.MinimumImage(big.Positions[o + 2] - r)];
            if (molecule.Any(a => positions.Any(p => cell.MinimumImage(a - p).Length < 1.5))) continue;
            positions.AddRange(molecule);
            elements.AddRange([big.Elements[o], big.Elements[o + 1], big.Elements[o + 2]]);
        }
        return new Simulation.Structures.Structure(cell, elements, positions);
    }
}
