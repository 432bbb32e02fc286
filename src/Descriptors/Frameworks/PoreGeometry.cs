using MatSim.Simulation.Geometry;

namespace MatSim.Descriptors.Frameworks;

/// <summary>
/// Largest cavity diameter (largest included sphere, Zeo++'s Di) and pore-limiting diameter (largest free sphere that
/// percolates, Df) in Å, and the fraction of the cell outside every atom's sphere.
/// </summary>
public sealed record PoreDiameters(double LargestCavity, double PoreLimiting, double GeometricVoidFraction, double GridSpacing);

/// <summary>
/// Pore diameters on a grid: the distance from each grid point to the nearest atom surface (atoms as
/// spheres of their van der Waals radii). LCD = 2 max distance. PLD = 2 × the largest distance r for
/// which the grid points with distance ≥ r connect to their own periodic image (a channel through the
/// crystal): points are added in order of decreasing distance to a union–find that records each point's
/// lattice offset from its set's root, and the first cycle with a non-zero offset sets r.
/// </summary>
public static class PoreGeometry
{
    public static PoreDiameters Compute(Cell cell, IReadOnlyList<Vec3> positions, IReadOnlyList<double> atomRadii, double spacing)
    {
        var query = new SphereSurfaceQuery(cell, positions, atomRadii);
        var (a, b, c) = cell.Lengths;
        int[] n = [Math.Max(4, (int)Math.Ceiling(a / spacing)), Math.Max(4, (int)Math.Ceiling(b / spacing)), Math.Max(4, (int)Math.Ceiling(c / spacing))];
        int total = n[0] * n[1] * n[2];
        var distance = new double[total];
        Parallel.For(0, n[0], i =>
        {
            for (int j = 0; j < n[1]; j++)
            for (int k = 0; k < n[2]; k++)
                distance[(i * n[1] + j) * n[2] + k] = query.NearestSurface(cell.ToCartesian(new Vec3((double)i / n[0], (double)j / n[1], (double)k / n[2])));
        });
        double largest = distance.Max();
        double limiting = PercolationThreshold(distance, n);
        return new PoreDiameters(2 * Math.Max(0, largest), 2 * Math.Max(0, limiting), (double)distance.Count(d => d > 0) / total, Math.Max(a / n[0], Math.Max(b / n[1], c / n[2])));
    }

    private static double PercolationThreshold(double[] distance, int[] n)
    {
        int total = distance.Length;
        int[] order = Enumerable.Range(0, total).ToArray();
        Array.Sort(distance.Select(d => -d).ToArray(), order);
        var sets = new OffsetUnionFind(total);
        var added = new bool[total];
        int[] index = new int[3];
        foreach (int p in order)
        {
            if (distance[p] <= 0) break;
            added[p] = true;
            (index[0], index[1], index[2]) = (p / (n[1] * n[2]), p / n[2] % n[1], p % n[2]);
            for (int axis = 0; axis < 3; axis++)
            for (int step = -1; step <= 1; step += 2)
            {
                int moved = index[axis] + step;
                int wrap = moved < 0 ? -1 : moved >= n[axis] ? 1 : 0;
                index[axis] = moved - wrap * n[axis];
                int neighbour = (index[0] * n[1] + index[1]) * n[2] + index[2];
                index[axis] = moved - step;
                if (!added[neighbour]) continue;
                // the neighbour's lattice image seen from p is shifted by `wrap` cells along `axis`
                var shift = new Int3(axis == 0 ? wrap : 0, axis == 1 ? wrap : 0, axis == 2 ? wrap : 0);
                if (sets.Union(p, neighbour, shift)) return distance[p];
            }
        }
        return 0;
    }

    private readonly record struct Int3(int X, int Y, int Z)
    {
        public static Int3 operator +(Int3 a, Int3 b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);
        public static Int3 operator -(Int3 a, Int3 b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);
        public bool IsZero => X == 0 && Y == 0 && Z == 0;
    }

    /// <summary>Union–find where each element knows its lattice offset from its root (position = root + offset).</summary>
    private sealed class OffsetUnionFind
    {
        private readonly int[] parent;
        private readonly Int3[] offset;   // offset of the element relative to its parent

        public OffsetUnionFind(int count)
        {
            parent = Enumerable.Range(0, count).ToArray();
            offset = new Int3[count];
        }

        private (int Root, Int3 Offset) Find(int x)
        {
            int root = x;
            Int3 total = default;
            while (parent[root] != root)
            {
                total += offset[root];
                root = parent[root];
            }
            // compress: every element on the path points at the root with its whole offset
            Int3 remaining = total;
            for (int node = x; parent[node] != root && node != root;)
            {
                int next = parent[node];
                Int3 own = offset[node];
                (parent[node], offset[node]) = (root, remaining);
                remaining -= own;
                node = next;
            }
            return (root, total);
        }

        /// <summary>Joins a (in cell 0) and b seen in cell `shift`; true when they were already joined with another lattice offset (percolation).</summary>
        public bool Union(int a, int b, Int3 shift)
        {
            var (ra, oa) = Find(a);
            var (rb, ob) = Find(b);
            // b's image in cell `shift` sits at root_b + ob + shift; a at root_a + oa
            if (ra == rb) return !(ob + shift - oa).IsZero;
            parent[rb] = ra;
            offset[rb] = oa - ob - shift;
            return false;
        }
    }
}
