namespace MatSim.Sampling.Targets;

/// <summary>
/// A target density p(x) ∝ exp(−u(x)/kT) for the samplers of this project: N particles in d
/// dimensions, coordinates flattened particle by particle (x = [x₁₁ … x₁d, x₂₁ …]). Toy models
/// (double well, Müller–Brown) are one "particle" in 2D. Energies are in the target's own units;
/// kT is given in the same units by whoever samples.
/// </summary>
public interface ITargetEnergy
{
    /// <summary>Stable name for files and reports ("double-well", "lj13").</summary>
    string Name { get; }

    int Particles { get; }

    int SpatialDimension { get; }

    /// <summary>u(x + a) = u(x) for every shift a of all particles together: the samplers then work
    /// in centre-of-mass-free coordinates (<see cref="CoordinateMap"/>).</summary>
    bool TranslationInvariant { get; }

    /// <summary>u(x); writes ∇u into <paramref name="gradient"/> unless it is empty. Must be safe to call from several threads.</summary>
    double Energy(ReadOnlySpan<double> x, Span<double> gradient);
}

/// <summary>Shared helpers over targets.</summary>
public static class TargetEnergy
{
    public static int Dimension(this ITargetEnergy target) => target.Particles * target.SpatialDimension;

    /// <summary>Energies (and gradients when <paramref name="gradients"/> is given) of a batch of
    /// configurations stored row by row, in parallel; non-finite energies are returned as they are.</summary>
    public static double[] Energies(this ITargetEnergy target, double[] configurations, double[]? gradients)
    {
        int d = target.Dimension();
        int n = configurations.Length / d;
        var energies = new double[n];
        Parallel.For(0, n, i =>
        {
            var x = new ReadOnlySpan<double>(configurations, i * d, d);
            energies[i] = target.Energy(x, gradients == null ? [] : gradients.AsSpan(i * d, d));
        });
        return energies;
    }
}
