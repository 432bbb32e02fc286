using MatSim.Descriptors.SymmetryFunctions;
using MatSim.Simulation.Chemistry;
using MatSim.Simulation.Errors;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.Random;

namespace MatSim.Descriptors.Tests;

/// <summary>A two-element descriptor set with every supported symmetry-function type, and random test structures.</summary>
internal static class TestDescriptors
{
    public static readonly Element[] Elements = [Chemistry("H"), Chemistry("O")];

    /// <summary>Every type, with cutoffs below 4 Å (n2p2 field order, lengths in Å).</summary>
    public static readonly string[] Lines =
    [
        "H 2 H 0.5 0.0 3.8", "H 2 O 0.8 1.0 3.5", "O 2 H 0.3 0.5 3.8", "O 2 O 1.2 0.0 3.0",
        "H 12 0.4 0.0 3.6", "O 12 0.6 0.8 3.2",
        "H 20 O -3.5 3.5 p2", "O 20 H 0.5 3.7 p3a", "O 20 O -3.0 3.0 e",
        "H 3 H O 0.2 1 2 3.8", "H 3 O O 0.1 -1 1 3.5 0.3", "O 3 H H 0.3 1 4 3.6", "O 3 H H 0.3 -1 1.5 3.6",
        "H 9 H O 0.2 -1 2 3.4", "O 9 O O 0.1 1 1 3.9", "O 9 H O 0.05 1 16 3.9 0.2",
        "H 13 0.1 0.0 1 2 3.5", "O 13 0.2 0.4 -1 1 3.2",
        "H 21 H O -3.6 3.6 30 150 p2", "O 21 H H 0.2 3.7 0 180 p4", "O 22 H O -3.8 3.8 120 240 p1",
        "O 21 H H 0.2 3.7 40 140 p2a", "H 22 H H -3.7 3.7 0 180 p3a",
        "H 23 -3.5 3.5 p2a", "O 23 0.4 3.6 e", "H 24 -3.6 3.6 20 160 p2a", "O 24 0.3 3.7 0 180 p4", "O 25 0.3 3.8 -90 90 p3a",
    ];

    public static DescriptorSet Create(CutoffKind cutoff = CutoffKind.Cosine, double alpha = 0.0)
    {
        var parser = new SymmetryFunctionParser(Elements.Select(e => e.Symbol).ToArray(), cutoff, alpha, 1.0);
        return new DescriptorSet(Elements, Lines.Select((l, k) => parser.Parse(l.Split(' '), new SourceLocation("test", k + 1))));
    }

    /// <summary>A random triclinic periodic box of H and O atoms with no pair closer than 0.8 Å.</summary>
    public static (Cell Cell, Vec3[] Positions, Element[] Elements) RandomBox(int atoms, ulong seed)
    {
        var rng = new Rng(seed);
        var cell = new Cell(new Vec3(6.0, 0, 0), new Vec3(0.8, 5.7, 0), new Vec3(-0.5, 0.6, 6.3));
        var positions = new List<Vec3>();
        while (positions.Count < atoms)
        {
            Vec3 r = cell.ToCartesian(new Vec3(rng.NextDouble(), rng.NextDouble(), rng.NextDouble()));
            if (positions.All(p => cell.MinimumImage(r - p).Length > 0.8)) positions.Add(r);
        }
        Element[] elements = positions.Select((_, i) => Elements[i % 3 == 0 ? 1 : 0]).ToArray();
        return (cell, positions.ToArray(), elements);
    }

    /// <summary>A random-weighted sum of all descriptors (a stand-in energy) and the weights used.</summary>
    public static double[][] RandomWeights(StructureDescriptors d, ulong seed)
    {
        var rng = new Rng(seed);
        return d.Values.Select(v => v.Select(_ => rng.NextDouble() - 0.5).ToArray()).ToArray();
    }

    public static double Dot(double[][] a, double[][] b)
    {
        double sum = 0;
        for (int e = 0; e < a.Length; e++)
            for (int k = 0; k < a[e].Length; k++) sum += a[e][k] * b[e][k];
        return sum;
    }

    private static Element Chemistry(string symbol) => Simulation.Chemistry.Elements.FromSymbol(symbol);
}
