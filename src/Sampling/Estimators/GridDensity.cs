using MatSim.Sampling.Targets;

namespace MatSim.Sampling.Estimators;

/// <summary>
/// Densities of a 2D target on a regular grid: the exact Boltzmann density (exp(−u/kT) at cell centres,
/// normalised over the grid) and histograms of (weighted) samples, compared by the Kullback–Leibler
/// divergence KL(p_exact ‖ p) = Σ p_exact ln(p_exact / p) over the cells.
/// </summary>
public sealed class GridDensity
{
    public GridDensity(double xMin, double xMax, double yMin, double yMax, int cells)
    {
        (XMin, XMax, YMin, YMax, Cells) = (xMin, xMax, yMin, yMax, cells);
    }

    public double XMin { get; }
    public double XMax { get; }
    public double YMin { get; }
    public double YMax { get; }
    public int Cells { get; }

    public (double X, double Y) Centre(int i, int j) =>
        (XMin + (i + 0.5) * (XMax - XMin) / Cells, YMin + (j + 0.5) * (YMax - YMin) / Cells);

    /// <summary>Cell probabilities of exp(−u/kT), normalised over the grid.</summary>
    public double[] Exact(ITargetEnergy target, double kT)
    {
        var logs = new double[Cells * Cells];
        for (int i = 0; i < Cells; i++)
            for (int j = 0; j < Cells; j++)
            {
                var (x, y) = Centre(i, j);
                logs[i * Cells + j] = -target.Energy([x, y], []) / kT;
            }
        return Normalise(logs);
    }

    /// <summary>Cell probabilities from the flow's log-density at the cell centres.</summary>
    public double[] FromLogDensity(Func<double[], double[]> logDensity)
    {
        var points = new double[2 * Cells * Cells];
        for (int i = 0; i < Cells; i++)
            for (int j = 0; j < Cells; j++)
            {
                var (x, y) = Centre(i, j);
                points[2 * (i * Cells + j)] = x;
                points[2 * (i * Cells + j) + 1] = y;
            }
        return Normalise(logDensity(points));
    }

    /// <summary>Histogram of 2D samples (rows of two), each with its weight; samples off the grid are dropped.</summary>
    public double[] Histogram(double[] samples, IReadOnlyList<double>? weights = null)
    {
        var p = new double[Cells * Cells];
        for (int k = 0; k < samples.Length / 2; k++)
        {
            int i = (int)Math.Floor((samples[2 * k] - XMin) / (XMax - XMin) * Cells);
            int j = (int)Math.Floor((samples[2 * k + 1] - YMin) / (YMax - YMin) * Cells);
            if (i < 0 || j < 0 || i >= Cells || j >= Cells) continue;
            p[i * Cells + j] += weights?[k] ?? 1;
        }
        double sum = p.Sum();
        return p.Select(v => v / sum).ToArray();
    }

    /// <summary>KL(exact ‖ estimate) in nats; cells the estimate leaves empty are floored at <paramref name="floor"/>.</summary>
    public static double KullbackLeibler(double[] exact, double[] estimate, double floor = 1e-12)
    {
        double kl = 0;
        for (int k = 0; k < exact.Length; k++)
            if (exact[k] > 0) kl += exact[k] * Math.Log(exact[k] / (estimate[k] > 0 ? estimate[k] : floor));
        return kl;
    }

    private static double[] Normalise(double[] logs)
    {
        double max = logs.Max();
        double[] p = logs.Select(l => Math.Exp(l - max)).ToArray();
        double sum = p.Sum();
        return p.Select(v => v / sum).ToArray();
    }
}
