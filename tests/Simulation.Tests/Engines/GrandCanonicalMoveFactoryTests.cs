using MatSim.Simulation.Chemistry;
using MatSim.Simulation.Config;
using MatSim.Simulation.Engines.MonteCarlo;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.Systems;

namespace MatSim.Simulation.Tests.Engines;

/// <summary>Grand-canonical move factories build what a component of a state point needs, each move under its own checkpoint key.</summary>
public class GrandCanonicalMoveFactoryTests
{
    private static ParticleSystem ThreeGases()
    {
        AtomType[] types = new[] { "Ar", "Kr", "Xe" }.Select(s => new AtomType(s, Elements.FromSymbol(s), Elements.FromSymbol(s).Mass)).ToArray();
        return new ParticleSystem(Cell.Cubic(20), types, types.Select(t => Species.Atom(t)).ToArray());
    }

    private static ConfigMap NoOptions => ConfigDocument.Parse("{}", "test.yaml", ".");

    [Fact]
    public void IdentityChangeSharesItsWeightAmongTheOtherComponentsUnderDistinctKeys()
    {
        var context = new MoveContext(ThreeGases()) { Species = 1, Fugacities = [1e-6, 2e-6, 3e-6], Weight = 0.3 };
        List<MonteCarloMove> moves = new IdentityChangeMoveFactory().Create(NoOptions, context).ToList();

        Assert.Equal(2, moves.Count);
        Assert.Equal(0.3, moves.Sum(m => m.Weight), 1e-15);
        Assert.Equal(moves.Count, moves.Select(m => m.Key).Distinct().Count());
    }

    [Fact]
    public void SwapNeedsAComponentAtAStatePoint()
    {
        var fault = Assert.Throws<Errors.InputException>(() => new SwapMoveFactory().Create(NoOptions, new MoveContext(ThreeGases())).ToList());
        Assert.Contains("gcmc component", fault.Message);
        MonteCarloMove swap = new SwapMoveFactory().Create(NoOptions, new MoveContext(ThreeGases()) { Species = 2, Fugacities = [1, 2, 3] }).Single();
        Assert.Equal(3, ((SwapMove)swap).Fugacity);
    }
}
