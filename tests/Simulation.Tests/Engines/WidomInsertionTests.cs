using MatSim.Simulation.Chemistry;
using MatSim.Simulation.Energy;
using MatSim.Simulation.Engines.MonteCarlo;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.Random;
using MatSim.Simulation.Systems;

namespace MatSim.Simulation.Tests.Engines;

/// <summary>
/// A test insertion a model refuses (ΔU = +∞, e.g. a learned term outside its training range) weighs nothing and
/// leaves the averages finite, in the widom job's sampler and in gcmc's widom move alike; a finite ΔU gives e^{−βΔU}.
/// </summary>
public class WidomInsertionTests
{
    /// <summary>A model whose every insertion costs <paramref name="delta"/> (eV).</summary>
    private sealed class ConstantInsertion(double delta) : IBoundEnergy
    {
        public string Name => "constant";
        public void Compute(EnergyEvaluation output) => output.Add(Name, 0);
        public double Propose(MoveProposal move) => delta;
        public void Commit() { }
        public void Refresh() { }
    }

    private static MonteCarloState State(double delta)
    {
        AtomType argon = AtomType.Of(Elements.FromSymbol("Ar"));
        var system = new ParticleSystem(Cell.Cubic(10), [argon], [Species.Atom(argon)]);
        return new MonteCarloState(system, new ConstantInsertion(delta), new Rng(1), 300);
    }

    [Theory]
    [InlineData(0.05)]
    [InlineData(-0.1)]
    public void AFiniteInsertionEnergyGivesItsBoltzmannFactor(double delta)
    {
        MonteCarloState state = State(delta);
        var (w, weighted) = WidomSampler.TestInsertion(state, 0);
        Assert.Equal(Math.Exp(-state.Beta * delta), w, 15);
        Assert.Equal(delta * w, weighted, 15);
    }

    [Fact]
    public void ARefusedInsertionWeighsNothingAndKeepsTheAveragesFinite()
    {
        MonteCarloState state = State(double.PositiveInfinity);
        var sampler = new WidomSampler(0, 2, 10);
        sampler.Insert(state, 10);
        Assert.True(sampler.BoltzmannFactor.Mean < 1e-300);
        Assert.True(double.IsFinite(sampler.WeightedEnergy.Mean));

        var move = new WidomMove(1, 0);
        for (int i = 0; i < 10; i++) Assert.False(move.Attempt(state));
        var (w, weighted, insertions) = move.Take();
        Assert.Equal(10, insertions);
        Assert.True(w < 1e-300 && double.IsFinite(weighted));
        Assert.Equal((0.0, 0.0, 0L), move.Take());
    }
}
