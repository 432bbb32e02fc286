using MatSim.Simulation.Systems;

namespace MatSim.Simulation.Energy;

/// <summary>
/// The running energy of each term of a sum, kept from the accepted changes, so that a drift check can say which term
/// drifted (RASPA checks every term of its energy ledger the same way).
/// </summary>
public interface ITermLedger
{
    /// <summary>The terms' names, unique (a repeated name gets #2, #3, …).</summary>
    IReadOnlyList<string> TermNames { get; }

    /// <summary>
    /// Evaluates every term afresh in one full evaluation, whose total (eV) it returns — the same number as a full
    /// evaluation of the sum; <paramref name="drifts"/> gets running − full per term, and the full values are adopted.
    /// </summary>
    double Resynchronise(ParticleSystem system, out double[] drifts);
}

/// <summary>A sum of energy models (framework–guest + guest–guest + Coulomb + ML terms), itself a model.</summary>
public sealed class CompositeEnergy(IReadOnlyList<IEnergyModel> terms) : IEnergyModel
{
    public IReadOnlyList<IEnergyModel> Terms { get; } = terms;
    public string Name => string.Join("+", Terms.Select(t => t.Name));

    public IBoundEnergy Bind(ParticleSystem system) => new Bound(Name, Terms.Select(t => t.Bind(system)).ToArray(), UniqueNames(Terms));

    public double? PairRange => Terms.Select(t => t.PairRange).Max();

    /// <summary>The terms of a model (its own, if a sum), as their factories made them (unwrapped from their configuration blocks).</summary>
    public static IEnumerable<IEnergyModel> TermsOf(IEnergyModel model) =>
        (model is CompositeEnergy sum ? sum.Terms : [model]).Select(t => t is LocatedModel located ? located.Inner : t);

    private static string[] UniqueNames(IReadOnlyList<IEnergyModel> terms) =>
        terms.Select((t, i) => terms.Take(i).Count(u => u.Name == t.Name) is var earlier && earlier > 0 ? $"{t.Name}#{earlier + 1}" : t.Name).ToArray();

    private sealed class Bound(string name, IBoundEnergy[] terms, string[] names) : IBoundEnergy, ITermLedger, IBoundParts
    {
        public IEnumerable<IBoundEnergy> Parts => terms;

        private readonly double[] proposed = new double[terms.Length], running = new double[terms.Length];
        private readonly EnergyEvaluation scratch = new();

        public string Name => name;
        public IReadOnlyList<string> TermNames => names;

        public void Compute(EnergyEvaluation output)
        {
            foreach (IBoundEnergy term in terms) term.Compute(output);
        }

        public double Propose(MoveProposal move)
        {
            double delta = 0;
            for (int i = 0; i < terms.Length; i++) delta += proposed[i] = terms[i].Propose(move);
            return delta;
        }

        public void Commit()
        {
            for (int i = 0; i < terms.Length; i++)
            {
                terms[i].Commit();
                running[i] += proposed[i];
            }
        }

        public void Refresh()
        {
            foreach (IBoundEnergy term in terms) term.Refresh();
        }

        public double Resynchronise(ParticleSystem system, out double[] drifts)
        {
            // the terms add into one evaluation in order, as Compute does, so the total is Compute's to the bit;
            // each term's share is the growth of the total it caused
            drifts = new double[terms.Length];
            scratch.Reset(system.Count, EnergyRequest.Energy);
            double before = 0;
            for (int i = 0; i < terms.Length; i++)
            {
                terms[i].Compute(scratch);
                double total = scratch.Energy;
                drifts[i] = running[i] - (total - before);
                running[i] = total - before;
                before = total;
            }
            return before;
        }
    }
}
