using MatSim.Simulation.Systems;

namespace MatSim.Simulation.Energy;

/// <summary>
/// An energy model as a user describes it (parameters, no state): Lennard-Jones, Ewald, a trained
/// network, a plug-in. <see cref="Bind"/> attaches it to one system, resolving its parameters for
/// the system's atom types and building whatever caches it needs.
/// </summary>
public interface IEnergyModel
{
    /// <summary>Stable lowercase name ("lj", "ewald", "acme/morse").</summary>
    string Name { get; }

    /// <summary>Binds to a system; errors name what is missing (e.g. an atom type without parameters).</summary>
    IBoundEnergy Bind(ParticleSystem system);

    /// <summary>
    /// The longest distance (Å) at which its pair terms see another atom, where it has one; Monte Carlo's energy
    /// differences use the minimum image, so the engines check it against half the cell width before running.
    /// </summary>
    double? PairRange => null;
}

/// <summary>
/// An energy model bound to one system. Full evaluations add into an <see cref="EnergyEvaluation"/>;
/// MC asks for the energy change of a proposed move, then tells the model whether the system took
/// it (<see cref="Commit"/>, after <see cref="ParticleSystem.Apply"/>). Anything else that changes
/// the system (an MD step, a restart) is announced with <see cref="Refresh"/>.
/// </summary>
public interface IBoundEnergy
{
    string Name { get; }

    /// <summary>Full evaluation of the current state, added into <paramref name="output"/>.</summary>
    void Compute(EnergyEvaluation output);

    /// <summary>The energy change (eV) the move would cause, without changing anything.</summary>
    double Propose(MoveProposal move);

    /// <summary>The system has just applied the last proposed move.</summary>
    void Commit();

    /// <summary>The system changed by other means; caches must follow.</summary>
    void Refresh();
}
