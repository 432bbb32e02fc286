using MatSim.Simulation.Energy;
using MatSim.Simulation.Engines.MonteCarlo;
using MatSim.Simulation.Random;
using MatSim.Simulation.Systems;
using MatSim.TestSupport;

namespace MatSim.Potentials.Tests.Engines;

/// <summary>The drift check of a sum of models names the term whose running energy drifted, and only that one.</summary>
public class TermDriftTests
{
    /// <summary>A model whose energy changes are off by a constant: its running energy drifts by that much per accepted move.</summary>
    private sealed class Miscounting(IEnergyModel inner, double error) : IEnergyModel
    {
        public string Name => "miscounting";
        public IBoundEnergy Bind(ParticleSystem system) => new Bound(inner.Bind(system), error);

        private sealed class Bound(IBoundEnergy inner, double error) : IBoundEnergy
        {
            public string Name => "miscounting";
            public void Compute(EnergyEvaluation output) => inner.Compute(output);
            public double Propose(MoveProposal move) => inner.Propose(move) + error;
            public void Commit() => inner.Commit();
            public void Refresh() => inner.Refresh();
        }
    }

    [Fact]
    public void OnlyTheMiscountingTermDrifts()
    {
        const double error = 1e-6;
        ParticleSystem system = LennardJonesFluid.Create(108, 0.7);
        var sum = new CompositeEnergy([LennardJonesFluid.Model(2.5), new Miscounting(LennardJonesFluid.Model(2.5, tail: false), error)]);
        var move = new TranslationMove(1, 0.1);
        var engine = new MonteCarloEngine(system, sum.Bind(system), [move], LennardJonesFluid.Kelvin(1.5), new Rng(4));
        for (int cycle = 0; cycle < 20; cycle++) engine.RunCycle();

        double total = engine.CheckDrift();
        double[] terms = engine.TermDrifts!;
        Assert.Equal(["lj", "miscounting"], ((ITermLedger)engine.State.Energy).TermNames);
        Assert.True(move.Accepted > 100, $"{move.Accepted} moves accepted");
        Assert.True(Math.Abs(terms[0]) < 1e-9, $"lj drifted by {terms[0]} eV");
        Assert.Equal(move.Accepted * error, terms[1], 1e-9);
        Assert.Equal(total, terms[0] + terms[1], 1e-9);
    }
}
