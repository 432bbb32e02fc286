using MatSim.Descriptors.SymmetryFunctions;
using MatSim.Simulation.Energy;
using MatSim.Simulation.Errors;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.Systems;

namespace MatSim.Potentials.AtomCentred;

/// <summary>
/// An atom-centred model (network or kernel) as an engine energy model. Every atom is included;
/// the element of each atom comes from its atom type. Monte Carlo moves (displacements, insertions,
/// deletions) are evaluated locally: only atoms within the largest cutoff of a moved, inserted or
/// deleted atom change their atomic energy, so only those are recomputed — and of those only the
/// ones that carry energy (not neighbour-only elements such as a framework seen by a host–guest model).
/// With <see cref="EnergyRequest.Variance"/> the model's predictive variance is filled in.
/// With <see cref="Extrapolation.Reject"/> a move that takes an atom's symmetry functions outside the range the model
/// was trained on is rejected (its energy change is +∞): the model's domain is where it may be believed, and outside
/// a learned framework–guest term that is the framework's walls. Every evaluation whose answer is used — a full
/// evaluation, a Monte Carlo proposal not refused — counts its values outside the training range (n2p2's extrapolation
/// warnings; <see cref="IDomainWatch"/>); beyond <paramref name="limit"/> the run stops with an input error.
/// </summary>
public class AtomCentredEnergy(IAtomCentredModel potential, Extrapolation extrapolation = Extrapolation.Allow, ExtrapolationLimit? limit = null)
    : IEnergyModel
{
    public string Name => potential.Name;

    public IBoundEnergy Bind(ParticleSystem system)
    {
        foreach (AtomType type in system.Types)
            if (potential.Descriptors.IndexOf(type.Element) < 0)
                throw new ModelParameterException(
                    $"atom type {type.Name} is {type.Element.Symbol}, an element the {potential.Name} model lacks (it has {string.Join(", ", potential.Descriptors.Elements.Select(e => e.Symbol))})");
        return new Bound(potential, extrapolation, limit, system);
    }

    private sealed class Bound(IAtomCentredModel potential, Extrapolation extrapolation, ExtrapolationLimit? limit, ParticleSystem system)
        : FullRecomputeFallback(system), IDomainWatch
    {
        public DomainExcursions Excursions { get; set; }
        public string? Latest { get; private set; }

        private readonly int[] elementOfType = system.Types.Select(t => potential.Descriptors.IndexOf(t.Element)).ToArray();
        private double[] atomEnergies = [];
        /// <summary>The element index of every atom, kept in step with <see cref="atomEnergies"/>.</summary>
        private int[] elementOfAtom = [];
        private long atomEnergiesVersion = -1;
        private LocalChange? trial;
        private int[] affected = [];
        private double[] proposedAtomEnergies = [];
        private bool localProposal;
        private IAtomicEnergy? evaluator;
        private double[] gradient = [];

        public override string Name => potential.Name;

        public override void Compute(EnergyEvaluation output)
        {
            int[] elements = ElementIndices();
            AtomCentredPrediction p = potential.Predict(System.Cell, System.Positions, elements,
                output.Wants(EnergyRequest.Forces) || output.Wants(EnergyRequest.Virial));
            output.Add(Name, p.Energy);
            if (output.Wants(EnergyRequest.Forces))
                for (int i = 0; i < p.Forces!.Length; i++) output.Forces[i] += p.Forces[i];
            if (p.Forces != null) output.AddVirial(p.Virial);
            if (output.Wants(EnergyRequest.AtomEnergies))
                for (int i = 0; i < p.AtomEnergies.Length; i++) output.AtomEnergies[i] += p.AtomEnergies[i];
            if (output.Wants(EnergyRequest.Variance)) output.EnergyVariance += potential.EnergyVariance(System.Cell, System.Positions, elements);
            atomEnergies = p.AtomEnergies;
            elementOfAtom = elements;
            atomEnergiesVersion = System.Version;
            Count(ExtrapolationCount.Find(p.Descriptors, potential.Scaling.Statistics));
        }

        public override double Propose(MoveProposal move)
        {
            localProposal = false;
            double cutoff = potential.Descriptors.MaxCutoff;
            if (System.Cell is { } cell && cutoff >= cell.MaxMinimumImageCutoff)
            {
                // a box below twice the cutoff: every atom sees the move through some image; the domain check covers them all
                if (extrapolation == Extrapolation.Reject && LeavesTrainingRange(new LocalChange(System, move, ElementIndices(), potential.Descriptors)))
                    return double.PositiveInfinity;
                return base.Propose(move);
            }
            EnsureAtomEnergies();
            trial = new LocalChange(System, move, elementOfAtom, potential.Descriptors);
            affected = trial.AtomsWithin(cutoff);
            StructureDescriptors d = DescriptorCalculator.Compute(potential.Descriptors, System.Cell, trial.Positions, trial.Elements, affected);
            ExtrapolationCount outside = ExtrapolationCount.Find(d, potential.Scaling.Statistics, affected);
            if (extrapolation == Extrapolation.Reject && outside.Count > 0) return double.PositiveInfinity;
            Count(outside);
            proposedAtomEnergies = AtomEnergies(d, affected);
            double change = 0;
            for (int k = 0; k < affected.Length; k++)
            {
                int before = trial.CurrentIndexOf(affected[k]);
                change += proposedAtomEnergies[k] - (before >= 0 ? atomEnergies[before] : 0);
            }
            if (move.Kind == MoveKind.Delete)
                for (int a = 0; a < move.AtomCount; a++) change -= atomEnergies[move.FirstAtom + a];
            localProposal = true;
            return change;
        }

        public override void Commit()
        {
            if (!localProposal)
            {
                base.Commit();
                atomEnergiesVersion = -1;
                return;
            }
            atomEnergies = trial!.Renumbered(atomEnergies);
            elementOfAtom = trial.Elements;
            for (int k = 0; k < affected.Length; k++) atomEnergies[affected[k]] = proposedAtomEnergies[k];
            atomEnergiesVersion = System.Version;
            localProposal = false;
        }

        public override void Refresh()
        {
            atomEnergiesVersion = -1;
            evaluator = null;
        }

        /// <summary>The atomic energies of <paramref name="atoms"/> (which carry energy) from their descriptors.</summary>
        private double[] AtomEnergies(StructureDescriptors d, int[] atoms)
        {
            evaluator ??= potential.AtomicEnergy();
            var result = new double[atoms.Length];
            for (int k = 0; k < atoms.Length; k++)
            {
                int e = d.ElementOfAtom[atoms[k]];
                int n = potential.Descriptors.CountOf(e);
                if (gradient.Length < n) gradient = new double[n];
                result[k] = evaluator.Evaluate(e, d.Of(atoms[k]), gradient.AsSpan(0, n));
            }
            return result;
        }

        /// <summary>Whether any energy-carrying atom of the system after the move lies outside the training range.</summary>
        private bool LeavesTrainingRange(LocalChange after)
        {
            StructureDescriptors d = DescriptorCalculator.Compute(potential.Descriptors, System.Cell, after.Positions, after.Elements);
            return ExtrapolationCount.Find(d, potential.Scaling.Statistics).Count > 0;
        }

        /// <summary>Adds an evaluation's values outside the training range to the run's counts; past the limit, stops the run.</summary>
        private void Count(ExtrapolationCount outside)
        {
            if (outside.Count == 0) return;
            Excursions = new DomainExcursions(Excursions.Values + outside.Count, Excursions.Evaluations + 1);
            Latest = $"{outside.Count} value(s) on {outside.Atoms} atom(s), furthest {outside.DescribeWorst()}";
            if (limit is { } l && Excursions.Values > l.MaxWarnings)
                throw new InputException(l.Where,
                    $"the {potential.Name} model met {Excursions.Values} symmetry-function values outside its training range (beyond the training " +
                    $"minimum or maximum, in {Excursions.Evaluations} evaluation(s)), more than max_extrapolation_warnings = {l.MaxWarnings}; the latest: {Latest}. " +
                    "The configurations have left what the model was trained on: add such configurations to its training data, or raise the limit");
        }

        private void EnsureAtomEnergies()
        {
            if (atomEnergiesVersion == System.Version && atomEnergies.Length == System.Count) return;
            var evaluation = new EnergyEvaluation();
            evaluation.Reset(System.Count, EnergyRequest.Energy);
            Compute(evaluation);
        }

        private int[] ElementIndices()
        {
            var result = new int[System.Count];
            ReadOnlySpan<int> types = System.TypeIndices;
            for (int i = 0; i < result.Length; i++) result[i] = elementOfType[types[i]];
            return result;
        }
    }
}

/// <summary>How many symmetry-function values outside the training range a run may meet before it stops, and the key that set it.</summary>
public sealed record ExtrapolationLimit(long MaxWarnings, SourceLocation Where);

/// <summary>What a Monte Carlo move does when it takes an atom outside the model's training range.</summary>
public enum Extrapolation
{
    /// <summary>The model's prediction is used as it is.</summary>
    Allow,
    /// <summary>The move is rejected.</summary>
    Reject,
}
