using MatSim.Potentials.AtomCentred;

namespace MatSim.Potentials.NeuralNetworks;

/// <summary>A neural-network potential as an engine energy model (`type: nnp`; see <see cref="AtomCentredEnergy"/>).</summary>
public sealed class NeuralNetworkEnergy(NeuralNetworkPotential potential, Extrapolation extrapolation = Extrapolation.Allow, ExtrapolationLimit? limit = null)
    : AtomCentredEnergy(potential, extrapolation, limit)
{
    public NeuralNetworkPotential Potential => potential;
}
