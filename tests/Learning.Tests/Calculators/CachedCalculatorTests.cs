using MatSim.Learning.Calculators;
using MatSim.Potentials.NeuralNetworks;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.Structures;
using MatSim.TestSupport;

namespace MatSim.Learning.Tests.Calculators;

/// <summary>Reference calculations are never run twice; failures are retried and reported.</summary>
public sealed class CachedCalculatorTests
{
    private static PotentialCalculator Teacher(NeuralNetworkPotential model) =>
        new(new NeuralNetworkEnergy(model), $"n2p2-h2o {ModelUnits.BohrHartree}");

    [Fact]
    public void A_structure_is_computed_once_and_served_from_the_cache_afterwards_also_by_a_new_run()
    {
        using NeuralNetworkPotential model = WaterModel.Load();
        string folder = Repository.TemporaryDirectory("calculator-cache");
        Structure water = SmallWater.Box(9.9);
        var cache = new CachedCalculator(Teacher(model), folder);
        CalculatorResult first = cache.Calculate(water, TestContext.Current.CancellationToken);
        CalculatorResult again = cache.Calculate(water.Clone(), TestContext.Current.CancellationToken);
        Assert.Equal((1, 1), (cache.Calculations, cache.Hits));
        Assert.Equal(first.Energy, again.Energy);
        Assert.Equal(first.Forces, again.Forces);
        Assert.Equal(first.Stress, again.Stress);
        Assert.Equal(model.Predict(water.Cell, water.Positions, water.Elements).Energy, first.Energy, 1e-9);

        Vec3[] moved = (Vec3[])water.Positions.Clone();
        moved[0] += new Vec3(0.01, 0, 0);
        cache.Calculate(water.WithPositions(moved), TestContext.Current.CancellationToken);
        Assert.Equal(2, cache.Calculations);

        var later = new CachedCalculator(Teacher(model), folder);
        Assert.Equal(first.Energy, later.Calculate(water, TestContext.Current.CancellationToken).Energy);
        Assert.Equal((0, 1), (later.Calculations, later.Hits));
        Assert.NotEqual(later.Key(water), new CachedCalculator(new PotentialCalculator(new NeuralNetworkEnergy(model), "other settings"), folder).Key(water));
    }

    [Fact]
    public void A_failing_calculation_is_retried_and_reported_with_every_reason()
    {
        using NeuralNetworkPotential model = WaterModel.Load();
        string folder = Repository.TemporaryDirectory("calculator-retry");
        Structure water = SmallWater.Box(9.9);
        var flaky = new FailingFirst(Teacher(model), failures: 1);
        var cache = new CachedCalculator(flaky, folder, attempts: 2);
        Assert.Equal(model.Predict(water.Cell, water.Positions, water.Elements).Energy, cache.Calculate(water, TestContext.Current.CancellationToken).Energy, 1e-9);
        Assert.Equal(2, flaky.Attempts);

        var broken = new CachedCalculator(new FailingFirst(Teacher(model), failures: 5), Repository.TemporaryDirectory("calculator-broken"), attempts: 3);
        var e = Assert.Throws<CalculatorException>(() => broken.Calculate(water, TestContext.Current.CancellationToken));
        Assert.Contains("failed 3 times", e.Message);
        Assert.Contains("attempt 3: simulated crash 3", e.Message);
    }

    /// <summary>A real calculator that crashes on its first calls (as an external program might).</summary>
    private sealed class FailingFirst(IReferenceCalculator inner, int failures) : IReferenceCalculator
    {
        public int Attempts { get; private set; }
        public string Name => inner.Name;
        public string Settings => inner.Settings;

        public CalculatorResult Calculate(Structure structure, string workDirectory, CancellationToken cancellation = default)
        {
            Attempts++;
            if (Attempts <= failures) throw new CalculatorException($"simulated crash {Attempts}");
            return inner.Calculate(structure, workDirectory, cancellation);
        }
    }
}
