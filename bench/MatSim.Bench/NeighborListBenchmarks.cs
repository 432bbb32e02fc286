using BenchmarkDotNet.Attributes;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.Neighbors;

namespace MatSim.Bench;

/// <summary>
/// Cell-list neighbour search on the LJ liquid density (ρ* = 0.8442, σ = 3.405 Å, cutoff 2.5σ +
/// 0.3σ skin) at growing N: the time per atom must stay flat (O(N)).
/// </summary>
[MemoryDiagnoser]
public class NeighborListBenchmarks
{
    private const double Sigma = 3.405;
    private Cell cell = Cell.Cubic(1);
    private Vec3[] positions = [];

    [Params(4000, 32000)]
    public int Atoms { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // fcc lattice at ρ* = 0.8442: 4 atoms per cubic unit cell of edge (4/ρ*)^(1/3) σ
        int cells = (int)Math.Round(Math.Cbrt(Atoms / 4.0));
        double edge = Math.Cbrt(4 / 0.8442) * Sigma;
        cell = Cell.Cubic(cells * edge);
        Vec3[] basis = [new(0, 0, 0), new(0.5, 0.5, 0), new(0.5, 0, 0.5), new(0, 0.5, 0.5)];
        var list = new List<Vec3>();
        var random = new MatSim.Simulation.Random.Rng(1);
        for (int i = 0; i < cells; i++)
        for (int j = 0; j < cells; j++)
        for (int k = 0; k < cells; k++)
            foreach (Vec3 b in basis)
                list.Add(edge * (new Vec3(i, j, k) + b) + 0.05 * Sigma * random.NextUnitVector());
        positions = list.ToArray();
    }

    [Benchmark]
    public int HalfList() => NeighborList.Build(cell, positions, 2.8 * Sigma, NeighborListKind.Half).EntryCount;

    [Benchmark]
    public int FullList() => NeighborList.Build(cell, positions, 2.8 * Sigma, NeighborListKind.Full).EntryCount;
}
