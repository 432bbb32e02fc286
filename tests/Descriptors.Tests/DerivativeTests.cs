using MatSim.Descriptors.SymmetryFunctions;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.Random;

namespace MatSim.Descriptors.Tests;

/// <summary>Analytic derivatives of the symmetry functions equal finite differences of their values.</summary>
public sealed class DerivativeTests
{
    private const double Step = 1e-5;

    public static TheoryData<int, double> Cutoffs()
    {
        var data = new TheoryData<int, double>();
        foreach (CutoffKind kind in Enum.GetValues<CutoffKind>())
            if (kind != CutoffKind.Hard) data.Add((int)kind, kind is CutoffKind.TanhU or CutoffKind.Tanh ? 0 : 0.3);
        data.Add((int)CutoffKind.Cosine, 0.0);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cutoffs))]
    public void Backward_gives_minus_the_gradient_of_a_weighted_sum(int cutoff, double alpha)
    {
        DescriptorSet set = TestDescriptors.Create((CutoffKind)cutoff, alpha);
        (Cell cell, Vec3[] positions, var elements) = TestDescriptors.RandomBox(14, 11);
        StructureDescriptors d = DescriptorCalculator.Compute(set, cell, positions, elements);
        for (int e = 0; e < set.Elements.Length; e++)
        for (int s = 0; s < set.CountOf(e); s++)
            Assert.True(d.AtomsOf(e).ToArray().Any(i => d.Of(i)[s] != 0), $"{set.FunctionsOf(e)[s]} is zero for every atom: the test would not check it");
        double[][] w = TestDescriptors.RandomWeights(d, 5);
        var forces = new Vec3[positions.Length];
        d.Backward(w, forces);
        double Energy(Vec3[] r) => TestDescriptors.Dot(w, DescriptorCalculator.Compute(set, cell, r, elements).Values);
        for (int i = 0; i < positions.Length; i++)
        for (int axis = 0; axis < 3; axis++)
        {
            double numeric = -CentralDifference(Energy, positions, i, axis);
            double analytic = forces[i][axis];
            Assert.True(Math.Abs(numeric - analytic) <= 1e-6 * (1 + Math.Abs(analytic)), $"atom {i} axis {axis}: analytic {analytic} numeric {numeric}");
        }
    }

    [Theory]
    [MemberData(nameof(Cutoffs))]
    public void Virial_is_minus_the_strain_derivative(int cutoff, double alpha)
    {
        DescriptorSet set = TestDescriptors.Create((CutoffKind)cutoff, alpha);
        (Cell cell, Vec3[] positions, var elements) = TestDescriptors.RandomBox(12, 3);
        StructureDescriptors d = DescriptorCalculator.Compute(set, cell, positions, elements);
        double[][] w = TestDescriptors.RandomWeights(d, 8);
        Mat3 virial = d.Backward(w, new Vec3[positions.Length]);
        for (int a = 0; a < 3; a++)
        for (int b = 0; b < 3; b++)
        {
            double Strained(double h)
            {
                Mat3 deformation = Mat3.Identity + h * Unit(a, b);
                var deformed = new Cell(deformation * cell.A, deformation * cell.B, deformation * cell.C);
                Vec3[] moved = positions.Select(r => deformation * r).ToArray();
                return TestDescriptors.Dot(w, DescriptorCalculator.Compute(set, deformed, moved, elements).Values);
            }
            double numeric = -(Strained(Step) - Strained(-Step)) / (2 * Step);
            Assert.True(Math.Abs(numeric - virial[a, b]) <= 1e-6 * (1 + Math.Abs(numeric)), $"W[{a},{b}]: analytic {virial[a, b]} numeric {numeric}");
        }
    }

    [Fact]
    public void Forward_is_the_directional_derivative_of_every_function()
    {
        DescriptorSet set = TestDescriptors.Create(CutoffKind.Polynomial2, 0.1);
        (Cell cell, Vec3[] positions, var elements) = TestDescriptors.RandomBox(12, 21);
        StructureDescriptors d = DescriptorCalculator.Compute(set, cell, positions, elements);
        var rng = new Rng(4);
        Vec3[] v = positions.Select(_ => new Vec3(rng.NextDouble() - 0.5, rng.NextDouble() - 0.5, rng.NextDouble() - 0.5)).ToArray();
        double[][] analytic = d.Forward(v);
        double[][] plus = DescriptorCalculator.Compute(set, cell, positions.Select((r, i) => r + Step * v[i]).ToArray(), elements).Values;
        double[][] minus = DescriptorCalculator.Compute(set, cell, positions.Select((r, i) => r - Step * v[i]).ToArray(), elements).Values;
        for (int e = 0; e < analytic.Length; e++)
        for (int k = 0; k < analytic[e].Length; k++)
        {
            double numeric = (plus[e][k] - minus[e][k]) / (2 * Step);
            Assert.True(Math.Abs(numeric - analytic[e][k]) <= 1e-6 * (1 + Math.Abs(numeric)), $"element {e} entry {k}: {analytic[e][k]} vs {numeric}");
        }
    }

    [Fact]
    public void The_sparse_jacobian_reproduces_the_directional_derivative_of_every_function()
    {
        DescriptorSet set = TestDescriptors.Create(CutoffKind.Polynomial2, 0.1);
        (Cell cell, Vec3[] positions, var elements) = TestDescriptors.RandomBox(12, 23);
        StructureDescriptors d = DescriptorCalculator.Compute(set, cell, positions, elements);
        var rng = new Rng(5);
        Vec3[] v = positions.Select(_ => new Vec3(rng.NextDouble() - 0.5, rng.NextDouble() - 0.5, rng.NextDouble() - 0.5)).ToArray();
        double[][] forward = d.Forward(v);
        AtomJacobian[] jacobians = d.Jacobians();
        for (int i = 0; i < positions.Length; i++)
        {
            AtomJacobian jac = jacobians[i];
            int e = d.ElementOfAtom[i], s = jac.Neighbors.Length, row = d.RowOf(i), n = set.CountOf(e);
            for (int k = 0; k < n; k++)
            {
                double fromJacobian = 0;
                for (int t = 0; t < s; t++) fromJacobian += jac.Gradient[k * s + t].Dot(v[jac.Neighbors[t]] - v[i]);
                double expected = forward[e][row * n + k];
                Assert.True(Math.Abs(fromJacobian - expected) <= 1e-10 * (1 + Math.Abs(expected)), $"atom {i} function {k}: {fromJacobian} vs {expected}");
            }
        }
    }

    private static double CentralDifference(Func<Vec3[], double> f, Vec3[] positions, int atom, int axis)
    {
        Vec3 step = axis switch { 0 => new Vec3(Step, 0, 0), 1 => new Vec3(0, Step, 0), _ => new Vec3(0, 0, Step) };
        Vec3[] plus = (Vec3[])positions.Clone(), minus = (Vec3[])positions.Clone();
        plus[atom] += step;
        minus[atom] -= step;
        return (f(plus) - f(minus)) / (2 * Step);
    }

    private static Mat3 Unit(int a, int b)
    {
        var m = new double[9];
        m[3 * a + b] = 1;
        return new Mat3(m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8]);
    }
}
