using MatSim.Descriptors.SymmetryFunctions;
using MatSim.Potentials.NeuralNetworks;
using MatSim.Simulation.Geometry;

namespace MatSim.Learning.NetworkTraining;

/// <summary>
/// One reference structure prepared for training: its descriptors (kept, so derivatives can be
/// taken every epoch without storing dG/dr), its scaled descriptor rows per element, and its
/// reference energy minus the element offsets (eV) and forces (eV/Å).
/// </summary>
internal sealed class TrainingItem(LabelledStructure source, StructureDescriptors descriptors, double residualEnergy)
{
    public LabelledStructure Source { get; } = source;
    public StructureDescriptors Descriptors { get; } = descriptors;
    public double ResidualEnergy { get; } = residualEnergy;
    public int AtomCount => Descriptors.AtomCount;
    /// <summary>The atoms that carry an atomic energy (all but neighbour-only elements): per-atom energies are per these.</summary>
    public int EnergyAtomCount { get; } = descriptors.CentreCount;
    public Vec3[] ReferenceForces => Source.Forces;
    /// <summary>Scaled rows per element (filled once the scaling is known).</summary>
    public double[][] ScaledRows { get; set; } = [];
}
