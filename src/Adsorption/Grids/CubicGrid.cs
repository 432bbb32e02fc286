using System.Runtime.CompilerServices;
using MatSim.Potentials.Classical;
using MatSim.Simulation.Geometry;

namespace MatSim.Adsorption.Grids;

/// <summary>
/// Values of a function on a periodic n_a × n_b × n_c grid over a cell (fractional coordinates
/// i/n_a, j/n_b, k/n_c), interpolated with tricubic cubic convolution (Catmull–Rom; Keys, IEEE
/// Trans. ASSP 29, 1153 (1981)): exact for quadratics, error O(h³), continuous first derivatives.
/// An interpolation touching a value above <see cref="Ceiling"/> is refused (the caller computes
/// directly), because cubic interpolation overshoots next to the steep walls of a framework; a
/// point whose 64 surrounding values all lie above the ceiling is inside a wall, and gets their
/// minimum (a repulsion far beyond anything sampled) without a direct sum.
/// </summary>
public sealed class CubicGrid
{
    private readonly double[] values;

    public Cell Cell { get; }
    public int Na { get; }
    public int Nb { get; }
    public int Nc { get; }
    public double Ceiling { get; }

    public CubicGrid(Cell cell, int na, int nb, int nc, double[] values, double ceiling)
    {
        if (values.Length != na * nb * nc) throw new ArgumentException("grid size and values differ", nameof(values));
        Cell = cell;
        Na = na;
        Nb = nb;
        Nc = nc;
        this.values = values;
        Ceiling = ceiling;
    }

    public ReadOnlySpan<double> Values => values;

    /// <summary>Grid points along each axis for a spacing of at most <paramref name="spacing"/> Å between planes.</summary>
    public static (int Na, int Nb, int Nc) PointsFor(Cell cell, double spacing)
    {
        Vec3 w = cell.PerpendicularWidths;
        return ((int)Math.Ceiling(w.X / spacing), (int)Math.Ceiling(w.Y / spacing), (int)Math.Ceiling(w.Z / spacing));
    }

    /// <summary>The interpolated value at a Cartesian position, or false next to a wall (a value above the ceiling).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryValue(Vec3 position, out double value)
    {
        Vec3 s = Cell.ToFractional(position);
        Span<double> wa = stackalloc double[4], wb = stackalloc double[4], wc = stackalloc double[4];
        Span<int> ia = stackalloc int[4], ib = stackalloc int[4], ic = stackalloc int[4];
        Weights(s.X, Na, wa, ia);
        Weights(s.Y, Nb, wb, ib);
        Weights(s.Z, Nc, wc, ic);
        double sum = 0, lowest = double.MaxValue;
        bool wall = false;
        for (int a = 0; a < 4; a++)
        {
            double sa = 0;
            int rowA = ia[a] * Nb;
            for (int b = 0; b < 4; b++)
            {
                int row = (rowA + ib[b]) * Nc;
                double sb = 0;
                for (int c = 0; c < 4; c++)
                {
                    double v = values[row + ic[c]];
                    wall |= v > Ceiling;
                    lowest = Math.Min(lowest, v);
                    sb += wc[c] * v;
                }
                sa += wb[b] * sb;
            }
            sum += wa[a] * sa;
        }
        if (lowest > Ceiling)
        {
            value = lowest;
            return true;
        }
        value = sum;
        return !wall;
    }

    /// <summary>The interpolated value and its Cartesian gradient, or false next to a wall.</summary>
    public bool TryValueAndGradient(Vec3 position, out double value, out Vec3 gradient)
    {
        Vec3 s = Cell.ToFractional(position);
        Span<double> wa = stackalloc double[4], wb = stackalloc double[4], wc = stackalloc double[4];
        Span<double> da = stackalloc double[4], db = stackalloc double[4], dc = stackalloc double[4];
        Span<int> ia = stackalloc int[4], ib = stackalloc int[4], ic = stackalloc int[4];
        Weights(s.X, Na, wa, ia, da);
        Weights(s.Y, Nb, wb, ib, db);
        Weights(s.Z, Nc, wc, ic, dc);
        double v0 = 0, ga = 0, gb = 0, gc = 0, lowest = double.MaxValue;
        bool wall = false;
        for (int a = 0; a < 4; a++)
        for (int b = 0; b < 4; b++)
        for (int c = 0; c < 4; c++)
        {
            double v = values[(ia[a] * Nb + ib[b]) * Nc + ic[c]];
            wall |= v > Ceiling;
            lowest = Math.Min(lowest, v);
            v0 += wa[a] * wb[b] * wc[c] * v;
            ga += da[a] * wb[b] * wc[c] * v;
            gb += wa[a] * db[b] * wc[c] * v;
            gc += wa[a] * wb[b] * dc[c] * v;
        }
        if (lowest > Ceiling)
        {
            // inside a wall: the same constant TryValue gives, so no force
            value = lowest;
            gradient = Vec3.Zero;
            return true;
        }
        if (wall)
        {
            value = double.NaN;
            gradient = Vec3.Zero;
            return false;
        }
        value = v0;
        // ∂E/∂r = Σ_i (∂E/∂s_i) g_i, with g_i the reciprocal vectors (rows of the inverse cell matrix)
        gradient = ga * Na * Cell.Reciprocal(0) + gb * Nb * Cell.Reciprocal(1) + gc * Nc * Cell.Reciprocal(2);
        return true;
    }

    // Catmull–Rom weights of the four points around fractional coordinate s on a periodic axis of n points,
    // and (when asked) their derivatives with respect to u = s n.
    private static void Weights(double s, int n, Span<double> w, Span<int> index, Span<double> derivative = default)
    {
        double u = (s - Math.Floor(s)) * n;
        int i = (int)u;
        if (i >= n) i = n - 1;
        double t = u - i, t2 = t * t, t3 = t2 * t;
        w[0] = 0.5 * (-t3 + 2 * t2 - t);
        w[1] = 0.5 * (3 * t3 - 5 * t2 + 2);
        w[2] = 0.5 * (-3 * t3 + 4 * t2 + t);
        w[3] = 0.5 * (t3 - t2);
        if (!derivative.IsEmpty)
        {
            derivative[0] = 0.5 * (-3 * t2 + 4 * t - 1);
            derivative[1] = 0.5 * (9 * t2 - 10 * t);
            derivative[2] = 0.5 * (-9 * t2 + 8 * t + 1);
            derivative[3] = 0.5 * (3 * t2 - 2 * t);
        }
        for (int k = 0; k < 4; k++)
        {
            int j = i - 1 + k;
            index[k] = j < 0 ? j + n : j >= n ? j - n : j;
        }
    }
}
