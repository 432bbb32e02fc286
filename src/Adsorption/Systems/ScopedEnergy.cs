using MatSim.Simulation.Energy;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.Systems;

namespace MatSim.Adsorption.Systems;

/// <summary>Which interactions of a system with framework atoms a model of an adsorption job contributes (`acts_on:`).</summary>
public enum InteractionScope
{
    /// <summary>Everything the model sees in the box.</summary>
    All,
    /// <summary>Framework–guest only.</summary>
    HostGuest,
    /// <summary>Guest–guest only (and within guests).</summary>
    GuestGuest,
}

/// <summary>
/// Any model restricted to part of the interactions of a box that holds the framework atoms, so that, e.g., a
/// learned framework–guest potential can stand beside the force field's guest–guest terms. Guest–guest is the
/// model on the guests alone (a mirror of the box without the framework); framework–guest is the model on
/// everything less the model on the guests alone less the model on the framework alone (a constant, taken once):
/// E_hg = E(F ∪ G) − E(G) − E(F), exact for pairwise models and the definition of the interaction for many-body ones.
/// </summary>
public sealed class ScopedEnergy(IEnergyModel inner, InteractionScope scope) : IEnergyModel
{
    public IEnergyModel Inner => inner;
    public InteractionScope Scope => scope;
    public string Name => scope switch
    {
        InteractionScope.HostGuest => inner.Name + "[host-guest]",
        InteractionScope.GuestGuest => inner.Name + "[guest-guest]",
        _ => inner.Name,
    };
    public double? PairRange => inner.PairRange;

    public IBoundEnergy Bind(ParticleSystem system)
    {
        if (scope == InteractionScope.All || (scope == InteractionScope.GuestGuest && system.FrameworkAtomCount == 0))
            return inner.Bind(system);
        if (system.FrameworkAtomCount == 0)
            throw new ModelParameterException($"acts_on: host-guest needs the framework atoms in the box, but framework-field tabulates them; " +
                "drop framework-field (and grid:) to let this model see the framework");
        return new Bound(inner, scope, system);
    }

    private sealed class Bound : IBoundEnergy, IBoundParts
    {
        private readonly InteractionScope scope;
        private readonly ParticleSystem system, guests;
        private readonly IBoundEnergy onGuests;
        private readonly IBoundEnergy? onAll;
        private readonly EnergyEvaluation frameworkAlone = new(), all = new(), guestPart = new();
        private readonly MoveProposal mirrored = new();
        private readonly string suffix;

        public Bound(IEnergyModel model, InteractionScope scope, ParticleSystem system)
        {
            this.scope = scope;
            this.system = system;
            suffix = scope == InteractionScope.HostGuest ? "[host-guest]" : "[guest-guest]";
            guests = new ParticleSystem(system.Cell, system.Types, system.Species, Math.Max(system.MobileAtomCount, 1));
            CopyGuests();
            onGuests = model.Bind(guests);
            if (scope != InteractionScope.HostGuest) return;
            onAll = model.Bind(system);
            var framework = new ParticleSystem(system.Cell, system.Types, system.Species, system.FrameworkAtomCount);
            for (int a = 0; a < system.FrameworkAtomCount; a++) framework.AddFrameworkAtom(system.TypeIndices[a], system.Charges[a], system.Positions[a]);
            frameworkAlone.Reset(framework.Count, EnergyRequest.Energy | EnergyRequest.Forces | EnergyRequest.Virial);
            model.Bind(framework).Compute(frameworkAlone);
        }

        public string Name => onGuests.Name;

        /// <summary>The model on the whole system (host–guest) and on the guests alone.</summary>
        public IEnumerable<IBoundEnergy> Parts => onAll is { } whole ? [whole, onGuests] : [onGuests];

        public void Compute(EnergyEvaluation output)
        {
            int offset = system.FrameworkAtomCount;
            guestPart.Reset(guests.Count, output.Request);
            onGuests.Compute(guestPart);
            if (scope == InteractionScope.GuestGuest)
            {
                Add(output, guestPart, 1, offset);
                return;
            }
            all.Reset(system.Count, output.Request);
            onAll!.Compute(all);
            Add(output, all, 1, 0);
            Add(output, guestPart, -1, offset);
            Add(output, frameworkAlone, -1, 0);
        }

        /// <summary>Adds sign × a part's components (renamed by the scope), forces (its atom i is atom i + offset here) and virial.</summary>
        private void Add(EnergyEvaluation output, EnergyEvaluation part, double sign, int offset)
        {
            foreach (var (component, energy) in part.Components) output.Add(component + suffix, sign * energy);
            if (output.Wants(EnergyRequest.Forces))
            {
                Span<Vec3> forces = output.Forces;
                ReadOnlySpan<Vec3> partForces = part.Forces;
                for (int i = 0; i < partForces.Length; i++) forces[i + offset] += sign * partForces[i];
            }
            if (output.Wants(EnergyRequest.Virial)) output.AddVirial(sign * part.Virial);
            output.EnergyVariance += part.EnergyVariance;
        }

        public double Propose(MoveProposal move)
        {
            // the same move in the mirror: molecule indices agree, atom indices are less by the framework's atoms
            if (move.Kind == MoveKind.Delete) mirrored.Delete(guests, move.Molecule);
            else move.Positions.CopyTo(move.Kind == MoveKind.Insert ? mirrored.Insert(guests, move.Species) : mirrored.Displace(guests, move.Molecule));
            double guestDelta = onGuests.Propose(mirrored);
            if (scope == InteractionScope.GuestGuest) return guestDelta;
            double allDelta = onAll!.Propose(move);
            // a move the model refuses (outside its domain, +∞) stays refused, whatever the guests alone give
            return double.IsPositiveInfinity(allDelta) || double.IsPositiveInfinity(guestDelta) ? double.PositiveInfinity : allDelta - guestDelta;
        }

        public void Commit()
        {
            guests.Apply(mirrored);
            onGuests.Commit();
            onAll?.Commit();
        }

        public void Refresh()
        {
            while (guests.MoleculeCount > 0) guests.RemoveMolecule(guests.MoleculeCount - 1);
            CopyGuests();
            onGuests.Refresh();
            onAll?.Refresh();
        }

        private void CopyGuests()
        {
            guests.Cell = system.Cell;
            for (int m = 0; m < system.MoleculeCount; m++)
                guests.AddMolecule(system.SpeciesOf(m), system.Positions.Slice(system.FirstAtomOf(m), system.AtomCountOf(m)));
        }
    }
}
