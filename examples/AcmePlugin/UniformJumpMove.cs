using MatSim.Simulation.Config;
using MatSim.Simulation.Engines.MonteCarlo;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.Plugins;
using MatSim.Simulation.Systems;

namespace Acme.MatSim.Plugin;

/// <summary>
/// Moves a random molecule, rigidly, to a uniformly random point of the cell. The proposal
/// probability is the same both ways (uniform), so plain Metropolis acceptance keeps detailed
/// balance; it crosses barriers local translations cannot, at a low acceptance in dense systems.
/// </summary>
public sealed class UniformJumpMove(double weight) : MonteCarloMove(weight)
{
    public override string Name => "acme/jump";

    public override bool CanAttempt(MonteCarloState state) => state.System.Cell != null && state.System.MoleculeCount > 0;

    protected override bool Try(MonteCarloState state)
    {
        int molecule = RandomMolecule(state, _ => true);
        if (molecule < 0) return false;
        Span<Vec3> target = state.Proposal.Displace(state.System, molecule);
        ReadOnlySpan<Vec3> current = state.System.Positions.Slice(state.Proposal.FirstAtom, target.Length);
        Vec3 shift = RandomPoint(state) - current[0];
        for (int a = 0; a < target.Length; a++) target[a] = current[a] + shift;
        return state.AcceptOrReject(state.Energy.Propose(state.Proposal));
    }
}

/// <summary>`moves: {acme/jump: {weight: 0.1}}`.</summary>
public sealed class UniformJumpMoveFactory : IMonteCarloMoveFactory
{
    public string Name => "acme/jump";
    public string Description => "moves one molecule to a uniformly random point of the cell (symmetric proposal)";
    public IReadOnlyList<OptionInfo> Options => [new("weight", "", "1", "relative probability of choosing this move")];

    public MonteCarloMove Create(ConfigMap options, ParticleSystem system)
    {
        double weight = options.Number("weight", 1);
        if (!(weight > 0)) throw options.Optional("weight")!.Error("the weight must be positive");
        return new UniformJumpMove(weight);
    }
}
