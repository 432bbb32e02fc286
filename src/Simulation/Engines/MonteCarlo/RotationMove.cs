using MatSim.Simulation.Geometry;

namespace MatSim.Simulation.Engines.MonteCarlo;

/// <summary>
/// Rotates a random multi-atom molecule about its centre of mass, about a random axis by an angle
/// uniform in [−<see cref="MonteCarloMove.StepSize"/>, +StepSize] (rad); symmetric, so the plain
/// Metropolis rule applies.
/// </summary>
public sealed class RotationMove(double weight, double initialStep, int? species = null) : MonteCarloMove(weight)
{
    public override string Name => "rotation";
    public override int? Species => species;
    public override double StepSize { get; set; } = initialStep;

    protected override double MaximumStep(MonteCarloState state) => Math.PI;

    public override bool CanAttempt(MonteCarloState state) =>
        Enumerable.Range(0, state.System.Species.Count).Any(s => Eligible(state, s) && state.System.CountOf(s) > 0);

    private bool Eligible(MonteCarloState state, int s) => !state.System.Species[s].IsSingleAtom && (species == null || s == species);

    protected override bool Try(MonteCarloState state)
    {
        int molecule = RandomMolecule(state, s => Eligible(state, s));
        if (molecule < 0) return false;
        var rng = state.Rng;
        Mat3 rotation = Mat3.Rotation(rng.NextUnitVector(), (2 * rng.NextDouble() - 1) * StepSize);
        Vec3 centre = state.System.CentreOfMass(molecule);
        Span<Vec3> target = state.Proposal.Displace(state.System, molecule);
        ReadOnlySpan<Vec3> current = state.System.Positions.Slice(state.Proposal.FirstAtom, target.Length);
        for (int a = 0; a < target.Length; a++) target[a] = centre + rotation * (current[a] - centre);
        return state.AcceptOrReject(state.Energy.Propose(state.Proposal));
    }
}
