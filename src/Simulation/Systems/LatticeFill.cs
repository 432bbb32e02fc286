using MatSim.Simulation.Geometry;
using MatSim.Simulation.Random;

namespace MatSim.Simulation.Systems;

/// <summary>Lattices to start a fluid from: molecules on lattice sites, randomly oriented.</summary>
public enum LatticeKind
{
    /// <summary>Simple cubic: n³ sites.</summary>
    SimpleCubic,
    /// <summary>Face-centred cubic: 4n³ sites (the densest packing, LAMMPS' lattice fcc).</summary>
    FaceCentredCubic,
}

/// <summary>Places molecules on a simple-cubic or face-centred-cubic lattice filling a cell (random orientations).</summary>
public static class LatticeFill
{
    /// <summary>
    /// Places molecules on the sites of the smallest lattice of the kind with enough sites, filling
    /// the cell (fractional sites, so triclinic cells work too); species are spread over the sites
    /// in a random order, each molecule randomly oriented.
    /// </summary>
    public static void Fill(ParticleSystem system, IReadOnlyList<(int Species, int Count)> molecules, LatticeKind kind, Rng rng)
    {
        int total = molecules.Sum(m => m.Count);
        if (total <= 0) return;
        Cell cell = system.Cell ?? throw new InvalidOperationException("filling needs a periodic cell");
        Vec3[] basis = kind == LatticeKind.FaceCentredCubic
            ? [new(0, 0, 0), new(0.5, 0.5, 0), new(0.5, 0, 0.5), new(0, 0.5, 0.5)]
            : [new(0, 0, 0)];
        int n = 1;
        while (basis.Length * n * n * n < total) n++;
        int[] order = molecules.SelectMany(m => Enumerable.Repeat(m.Species, m.Count)).ToArray();
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = rng.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        var positions = new Vec3[system.Species.Max(s => s.AtomCount)];
        int placed = 0;
        for (int i = 0; i < n && placed < total; i++)
        for (int j = 0; j < n && placed < total; j++)
        for (int k = 0; k < n && placed < total; k++)
        foreach (Vec3 b in basis)
        {
            if (placed == total) break;
            Species s = system.Species[order[placed]];
            Vec3 site = cell.ToCartesian(new Vec3((i + b.X + 0.25) / n, (j + b.Y + 0.25) / n, (k + b.Z + 0.25) / n));
            Span<Vec3> target = positions.AsSpan(0, s.AtomCount);
            s.Place(site, s.IsSingleAtom ? Mat3.Identity : rng.NextRotation(), target);
            system.AddMolecule(order[placed], target);
            placed++;
        }
    }

    /// <summary>One species only.</summary>
    public static void Fill(ParticleSystem system, int species, int count, LatticeKind kind, Rng rng) =>
        Fill(system, [(species, count)], kind, rng);
}
