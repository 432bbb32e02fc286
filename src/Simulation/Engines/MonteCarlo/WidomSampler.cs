using MatSim.Simulation.Statistics;
using MatSim.Simulation.Systems;

namespace MatSim.Simulation.Engines.MonteCarlo;

/// <summary>
/// Widom test-particle insertions (Widom, J. Chem. Phys. 39, 2808 (1963)) of one species: a molecule
/// at a random position and orientation, its insertion energy ΔU evaluated and never kept. Per block
/// it accumulates &lt;W&gt; = &lt;e^{−βΔU}&gt; and &lt;ΔU W&gt;, giving the excess chemical potential
/// −k_B T ln&lt;W&gt;, the Henry coefficient (∝ &lt;W&gt;) and the energy of adsorption at infinite
/// dilution &lt;ΔU W&gt;/&lt;W&gt;, each with a block error bar.
/// </summary>
public sealed class WidomSampler(int species, int blocks, long expectedInsertions)
{
    private readonly RatioAverage energy = new(blocks, expectedInsertions);
    private readonly BlockAverage boltzmann = new(blocks, expectedInsertions);

    public int Species { get; } = species;
    public long Insertions => boltzmann.Samples;

    public void Insert(MonteCarloState state, int count)
    {
        for (int i = 0; i < count; i++)
        {
            var (w, weightedEnergy) = TestInsertion(state, Species);
            boltzmann.Add(w);
            energy.Add(weightedEnergy, w);
        }
    }

    /// <summary>
    /// One test insertion of <paramref name="species"/> at a random point and orientation: W = e^{−βΔU} and ΔU·W (eV).
    /// ΔU is capped at 700 k_BT, so an insertion a model refuses (+∞) weighs e^{−700} and its ΔU·W stays finite.
    /// </summary>
    public static (double W, double WeightedEnergy) TestInsertion(MonteCarloState state, int species)
    {
        ParticleSystem system = state.System;
        var proposal = state.Proposal;
        var target = proposal.Insert(system, species);
        var rng = state.Rng;
        var centre = system.Cell!.ToCartesian(new Geometry.Vec3(rng.NextDouble(), rng.NextDouble(), rng.NextDouble()));
        system.Species[species].Place(centre, rng.NextRotation(), target);
        double delta = Math.Min(state.Energy.Propose(proposal), 700 / state.Beta);
        double w = Math.Exp(-state.Beta * delta);
        return (w, delta * w);
    }

    /// <summary>&lt;e^{−βΔU}&gt;.</summary>
    public Estimate BoltzmannFactor => boltzmann.Result;

    /// <summary>&lt;ΔU e^{−βΔU}&gt; / &lt;e^{−βΔU}&gt; in eV.</summary>
    public Estimate WeightedEnergy => energy.Result;
}

/// <summary>Block estimate of a ratio of two averages, &lt;a&gt;/&lt;b&gt;, with the error from the per-block ratios.</summary>
public sealed class RatioAverage(int blocks, long expectedSamples)
{
    private readonly double[] numerator = new double[blocks], denominator = new double[blocks];
    private long samples;

    public void Add(double a, double b)
    {
        int block = (int)Math.Min(blocks - 1, samples * blocks / expectedSamples);
        numerator[block] += a;
        denominator[block] += b;
        samples++;
    }

    public Estimate Result => Of(numerator, denominator);

    /// <summary>Σ numerator / Σ denominator over blocks, with the standard error of the per-block ratios.</summary>
    public static Estimate Of(IReadOnlyList<double> numerator, IReadOnlyList<double> denominator)
    {
        double total = denominator.Sum();
        double mean = total > 0 ? numerator.Sum() / total : double.NaN;
        double[] ratios = Enumerable.Range(0, numerator.Count).Where(b => denominator[b] > 0).Select(b => numerator[b] / denominator[b]).ToArray();
        if (ratios.Length < 2) return new Estimate(mean, double.NaN);
        double m = ratios.Average();
        return new Estimate(mean, Math.Sqrt(ratios.Sum(r => (r - m) * (r - m)) / (ratios.Length * (ratios.Length - 1))));
    }

    public RatioAverageState Save() => new(samples, (double[])numerator.Clone(), (double[])denominator.Clone());

    public void Restore(RatioAverageState state)
    {
        samples = state.Samples;
        state.Numerator.CopyTo(numerator, 0);
        state.Denominator.CopyTo(denominator, 0);
    }
}

/// <summary>A Widom sampler's running numerator and denominator sums in a checkpoint.</summary>
public sealed record RatioAverageState(long Samples, double[] Numerator, double[] Denominator);
