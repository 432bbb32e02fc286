using MatSim.Simulation.Geometry;

namespace MatSim.Simulation.Engines.MonteCarlo;

/// <summary>
/// Displaces a random molecule (of one species, or of any) by a vector uniform in a cube of
/// half-edge <see cref="MonteCarloMove.StepSize"/> (Å).
/// </summary>
public sealed class TranslationMove(double weight, double initialStep, int? species = null) : MonteCarloMove(weight)
{
    public override string Name => "translation";
    public override int? Species => species;
    public override double StepSize { get; set; } = initialStep;

    protected override double MaximumStep(MonteCarloState state) => state.System.Cell?.MaxMinimumImageCutoff ?? double.PositiveInfinity;

    public override bool CanAttempt(MonteCarloState state) => species is { } s ? state.System.CountOf(s) > 0 : state.System.MoleculeCount > 0;

    protected override bool Try(MonteCarloState state)
    {
        int molecule = RandomMolecule(state, s => species == null || s == species);
        if (molecule < 0) return false;
        var rng = state.Rng;
        var shift = new Vec3(2 * rng.NextDouble() - 1, 2 * rng.NextDouble() - 1, 2 * rng.NextDouble() - 1) * StepSize;
        Span<Vec3> target = state.Proposal.Displace(state.System, molecule);
        ReadOnlySpan<Vec3> current = state.System.Positions.Slice(state.Proposal.FirstAtom, target.Length);
        for (int a = 0; a < target.Length; a++) target[a] = current[a] + shift;
        return state.AcceptOrReject(state.Energy.Propose(state.Proposal));
    }
}
