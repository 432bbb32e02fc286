using MatSim.Descriptors.SymmetryFunctions;
using MatSim.Simulation.Energy;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.Systems;

namespace MatSim.Potentials.AtomCentred;

/// <summary>
/// An atom-centred model (network or kernel) as an engine energy model. Every atom is included;
/// the element of each atom comes from its atom type. Monte Carlo displacements are evaluated
/// locally: only atoms within the largest cutoff of a moved atom (before or after the move)
/// change their atomic energy, so only those are recomputed; insertions and deletions recompute
/// everything. With <see cref="EnergyRequest.Variance"/> the model's predictive variance is filled in.
/// </summary>
public class AtomCentredEnergy(IAtomCentredModel potential) : IEnergyModel
{
    public string Name => potential.Name;

    public IBoundEnergy Bind(ParticleSystem system)
    {
        foreach (AtomType type in system.Types)
            if (potential.Descriptors.IndexOf(type.Element) < 0)
                throw new ModelParameterException(
                    $"atom type {type.Name} is {type.Element.Symbol}, an element the {potential.Name} model lacks (it has {string.Join(", ", potential.Descriptors.Elements.Select(e => e.Symbol))})");
        return new Bound(potential, system);
    }

    private sealed class Bound(IAtomCentredModel potential, ParticleSystem system) : FullRecomputeFallback(system)
    {
        private double[] atomEnergies = [];
        private long atomEnergiesVersion = -1;
        private int[] affected = [];
        private double[] proposedAtomEnergies = [];
        private bool localProposal;

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
            atomEnergiesVersion = System.Version;
        }

        public override double Propose(MoveProposal move)
        {
            localProposal = false;
            double cutoff = potential.Descriptors.MaxCutoff;
            if (move.Kind != MoveKind.Displace || (System.Cell is { } cell && cutoff >= cell.MaxMinimumImageCutoff))
                return base.Propose(move);
            EnsureAtomEnergies();
            Vec3[] trial = System.Positions.ToArray();
            move.Positions.CopyTo(trial.AsSpan(move.FirstAtom));
            affected = AffectedAtoms(move, trial, cutoff);
            int[] elements = ElementIndices();
            StructureDescriptors d = DescriptorCalculator.Compute(potential.Descriptors, System.Cell, trial, elements, affected);
            proposedAtomEnergies = new double[System.Count];
            double[] local = potential.AtomEnergies(d, affected);
            for (int k = 0; k < affected.Length; k++) proposedAtomEnergies[affected[k]] = local[k];
            double change = 0;
            foreach (int i in affected) change += proposedAtomEnergies[i] - atomEnergies[i];
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
            foreach (int i in affected) atomEnergies[i] = proposedAtomEnergies[i];
            atomEnergiesVersion = System.Version;
            localProposal = false;
        }

        public override void Refresh() => atomEnergiesVersion = -1;

        /// <summary>Moved atoms and all atoms within the cutoff of a moved atom's old or new position.</summary>
        private int[] AffectedAtoms(MoveProposal move, Vec3[] trial, double cutoff)
        {
            ReadOnlySpan<Vec3> current = System.Positions;
            double cutoff2 = cutoff * cutoff;
            var result = new List<int>();
            for (int j = 0; j < trial.Length; j++)
            {
                bool near = j >= move.FirstAtom && j < move.FirstAtom + move.AtomCount;
                for (int m = move.FirstAtom; !near && m < move.FirstAtom + move.AtomCount; m++)
                    near = Distance2(current[m], current[j]) < cutoff2 || Distance2(trial[m], trial[j]) < cutoff2;
                if (near) result.Add(j);
            }
            return result.ToArray();
        }

        private double Distance2(Vec3 a, Vec3 b)
        {
            Vec3 d = b - a;
            return (System.Cell is { } cell ? cell.MinimumImage(d) : d).LengthSquared;
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
            for (int i = 0; i < result.Length; i++) result[i] = potential.Descriptors.IndexOf(System.Types[types[i]].Element);
            return result;
        }
    }
}
