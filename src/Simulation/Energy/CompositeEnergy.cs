using MatSim.Simulation.Systems;

namespace MatSim.Simulation.Energy;

/// <summary>A sum of energy models (framework–guest + guest–guest + Coulomb + ML terms), itself a model.</summary>
public sealed class CompositeEnergy(IReadOnlyList<IEnergyModel> terms) : IEnergyModel
{
    public IReadOnlyList<IEnergyModel> Terms { get; } = terms;
    public string Name => string.Join("+", Terms.Select(t => t.Name));

    public IBoundEnergy Bind(ParticleSystem system) => new Bound(Name, Terms.Select(t => t.Bind(system)).ToArray());

    public double? PairRange => Terms.Select(t => t.PairRange).Max();

    /// <summary>The terms of a model (its own, if a sum), as their factories made them (unwrapped from their configuration blocks).</summary>
    public static IEnumerable<IEnergyModel> TermsOf(IEnergyModel model) =>
        (model is CompositeEnergy sum ? sum.Terms : [model]).Select(t => t is LocatedModel located ? located.Inner : t);

    private sealed class Bound(string name, IBoundEnergy[] terms) : IBoundEnergy
    {
        public string Name => name;

        public void Compute(EnergyEvaluation output)
        {
            foreach (IBoundEnergy term in terms) term.Compute(output);
        }

        public double Propose(MoveProposal move)
        {
            double delta = 0;
            foreach (IBoundEnergy term in terms) delta += term.Propose(move);
            return delta;
        }

        public void Commit()
        {
            foreach (IBoundEnergy term in terms) term.Commit();
        }

        public void Refresh()
        {
            foreach (IBoundEnergy term in terms) term.Refresh();
        }
    }
}
