using MatSim.Descriptors.SymmetryFunctions;
using MatSim.Simulation.Chemistry;
using MatSim.Simulation.Geometry;

namespace MatSim.Descriptors.Tests;

/// <summary>Descriptors are invariant to translation, rotation, permutation of like atoms and periodic replication; smooth at the cutoff.</summary>
public sealed class InvarianceTests
{
    private readonly DescriptorSet set = TestDescriptors.Create(CutoffKind.Polynomial3, 0.2);

    [Fact]
    public void Translation_and_rotation_leave_every_descriptor_unchanged()
    {
        (Cell cell, Vec3[] positions, Element[] elements) = TestDescriptors.RandomBox(15, 2);
        StructureDescriptors reference = DescriptorCalculator.Compute(set, cell, positions, elements);
        var shift = new Vec3(1.3, -7.1, 2.2);
        AssertSame(reference, DescriptorCalculator.Compute(set, cell, positions.Select(r => r + shift).ToArray(), elements), 1e-11);
        Mat3 rotation = Mat3.Rotation(new Vec3(1, 2, -0.5).Normalized(), 0.83);
        var rotated = new Cell(rotation * cell.A, rotation * cell.B, rotation * cell.C);
        AssertSame(reference, DescriptorCalculator.Compute(set, rotated, positions.Select(r => rotation * r).ToArray(), elements), 1e-11);
    }

    [Fact]
    public void Permuting_like_atoms_permutes_their_descriptors()
    {
        (Cell cell, Vec3[] positions, Element[] elements) = TestDescriptors.RandomBox(15, 9);
        StructureDescriptors reference = DescriptorCalculator.Compute(set, cell, positions, elements);
        int[] order = Enumerable.Range(0, positions.Length).Reverse().ToArray();
        StructureDescriptors permuted = DescriptorCalculator.Compute(set, cell, order.Select(i => positions[i]).ToArray(), order.Select(i => elements[i]).ToArray());
        for (int k = 0; k < order.Length; k++)
            AssertClose(reference.Of(order[k]), permuted.Of(k), 1e-12);
    }

    [Fact]
    public void A_supercell_gives_each_image_the_descriptors_of_its_original()
    {
        (Cell cell, Vec3[] positions, Element[] elements) = TestDescriptors.RandomBox(10, 4);
        StructureDescriptors small = DescriptorCalculator.Compute(set, cell, positions, elements);
        var super = new Cell(2 * cell.A, 2 * cell.B, 2 * cell.C);
        var bigPositions = new List<Vec3>();
        var bigElements = new List<Element>();
        for (int a = 0; a < 2; a++)
        for (int b = 0; b < 2; b++)
        for (int c = 0; c < 2; c++)
        {
            Vec3 shift = a * cell.A + b * cell.B + c * cell.C;
            bigPositions.AddRange(positions.Select(r => r + shift));
            bigElements.AddRange(elements);
        }
        StructureDescriptors big = DescriptorCalculator.Compute(set, super, bigPositions.ToArray(), bigElements);
        for (int k = 0; k < bigPositions.Count; k++)
            AssertClose(small.Of(k % positions.Length), big.Of(k), 1e-11);
    }

    [Fact]
    public void A_neighbour_crossing_the_cutoff_changes_nothing_abruptly()
    {
        // two atoms approaching each other's cutoffs: values at r_c ± 1e-7 differ by O(1e-7) at most
        foreach (double rc in set.Elements.SelectMany((_, e) => set.FunctionsOf(e)).Select(f => f.Cutoff).Distinct())
        {
            double[] Values(double r) => Pair(r).SelectMany(v => v).ToArray();
            double[] inside = Values(rc - 1e-7), outside = Values(rc + 1e-7);
            for (int k = 0; k < inside.Length; k++)
                Assert.True(Math.Abs(inside[k] - outside[k]) < 1e-5, $"cutoff {rc}: entry {k} jumps from {inside[k]} to {outside[k]}");
        }
    }

    private double[][] Pair(double distance)
    {
        Element h = TestDescriptors.Elements[0], o = TestDescriptors.Elements[1];
        Vec3[] positions = [new(0, 0, 0), new(distance, 0, 0), new(0.96, 0.3, 0), new(distance + 0.2, 0.9, 0.1)];
        return DescriptorCalculator.Compute(set, null, positions, [o, h, h, o]).Values;
    }

    private static void AssertSame(StructureDescriptors a, StructureDescriptors b, double tolerance)
    {
        for (int i = 0; i < a.AtomCount; i++) AssertClose(a.Of(i), b.Of(i), tolerance);
    }

    private static void AssertClose(ReadOnlySpan<double> a, ReadOnlySpan<double> b, double tolerance)
    {
        Assert.Equal(a.Length, b.Length);
        for (int k = 0; k < a.Length; k++)
            Assert.True(Math.Abs(a[k] - b[k]) <= tolerance * (1 + Math.Abs(a[k])), $"entry {k}: {a[k]} vs {b[k]}");
    }
}
