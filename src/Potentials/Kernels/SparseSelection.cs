using MathNet.Numerics.LinearAlgebra;

namespace MatSim.Potentials.Kernels;

/// <summary>How the sparse environments are picked from the training environments of an element.</summary>
public enum SparseSelectionMethod
{
    /// <summary>Every training environment (exact GPR; small sets only).</summary>
    All,
    /// <summary>Farthest-point sampling in scaled-descriptor space (deterministic; starts farthest from the mean).</summary>
    FarthestPoint,
    /// <summary>CUR row selection: the environments with the largest statistical leverage on the leading singular directions (Mahoney &amp; Drineas, PNAS 106, 697 (2009)), deterministic.</summary>
    Cur,
}

/// <summary>Picks the sparse (representative) environments of a sparse GPR by the chosen method.</summary>
public static class SparseSelection
{
    /// <summary>Row indices of the chosen environments among <paramref name="rows"/> (row-major, <paramref name="dimension"/> wide).</summary>
    public static int[] Select(SparseSelectionMethod method, double[] rows, int dimension, int wanted)
    {
        int count = dimension == 0 ? 0 : rows.Length / dimension;
        if (method == SparseSelectionMethod.All || wanted >= count) return Distinct(rows, dimension, Enumerable.Range(0, count));
        return method == SparseSelectionMethod.Cur ? Cur(rows, dimension, count, wanted) : FarthestPoint(rows, dimension, count, wanted);
    }

    private static int[] FarthestPoint(double[] rows, int dimension, int count, int wanted)
    {
        var mean = new double[dimension];
        for (int i = 0; i < count; i++) DenseAlgebra.AddScaled(mean, 1.0 / count, Row(rows, dimension, i));
        var distance = new double[count];
        for (int i = 0; i < count; i++) distance[i] = Distance2(Row(rows, dimension, i), mean);
        var chosen = new List<int>();
        int next = ArgMax(distance);
        Array.Fill(distance, double.PositiveInfinity);
        while (chosen.Count < wanted)
        {
            chosen.Add(next);
            int picked = next;
            Parallel.For(0, count, i => distance[i] = Math.Min(distance[i], Distance2(Row(rows, dimension, i), Row(rows, dimension, picked))));
            next = ArgMax(distance);
            if (distance[next] < 1e-16) break; // only duplicates of chosen environments remain
        }
        return chosen.ToArray();
    }

    private static int[] Cur(double[] rows, int dimension, int count, int wanted)
    {
        Matrix<double> x = Matrix<double>.Build.DenseOfRowMajor(count, dimension, rows);
        var eigen = x.TransposeThisAndMultiply(x).Evd(Symmetricity.Symmetric);
        double largest = eigen.EigenValues.Max(v => v.Real);
        // leverage of row i on the right singular vectors v_j with σ_j² above 1e-10 of the largest: Σ_j (x_i·v_j)² / σ_j²
        var leverage = new double[count];
        for (int j = 0; j < dimension; j++)
        {
            double s2 = eigen.EigenValues[j].Real;
            if (s2 <= 1e-10 * largest) continue;
            Vector<double> projection = x * eigen.EigenVectors.Column(j);
            for (int i = 0; i < count; i++) leverage[i] += projection[i] * projection[i] / s2;
        }
        int[] order = Enumerable.Range(0, count).OrderByDescending(i => leverage[i]).ThenBy(i => i).ToArray();
        return Distinct(rows, dimension, order).Take(wanted).ToArray();
    }

    /// <summary>The indices in order, without rows identical to an earlier one.</summary>
    private static int[] Distinct(double[] rows, int dimension, IEnumerable<int> indices)
    {
        var seen = new HashSet<string>();
        return indices.Where(i => seen.Add(string.Join(",", Row(rows, dimension, i).ToArray().Select(v => BitConverter.DoubleToInt64Bits(v))))).ToArray();
    }

    private static ReadOnlySpan<double> Row(double[] rows, int dimension, int i) => rows.AsSpan(i * dimension, dimension);

    private static double Distance2(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int d = 0; d < a.Length; d++) sum += (a[d] - b[d]) * (a[d] - b[d]);
        return sum;
    }

    private static int ArgMax(double[] values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
            if (values[i] > values[best]) best = i;
        return best;
    }
}
