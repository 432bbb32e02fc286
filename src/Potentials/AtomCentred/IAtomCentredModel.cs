using MatSim.Descriptors.SymmetryFunctions;
using MatSim.Simulation.Geometry;

namespace MatSim.Potentials.AtomCentred;

/// <summary>
/// Energy (eV), forces (eV/Å), virial (eV) and atomic energies (eV) of one structure, with the descriptors they came
/// from (e.g. to count values outside the training range).
/// </summary>
public sealed record AtomCentredPrediction(double Energy, Vec3[]? Forces, Mat3 Virial, double[] AtomEnergies, StructureDescriptors Descriptors);

/// <summary>
/// A machine-learned model whose energy is a sum of atomic energies of the symmetry functions of
/// each atom (neural networks, kernel models): what <see cref="AtomCentredEnergy"/> needs to
/// serve it to the engines, with local Monte Carlo updates.
/// </summary>
public interface IAtomCentredModel
{
    string Name { get; }
    DescriptorSet Descriptors { get; }

    /// <summary>Full prediction for atoms with resolved element indices (cell null: a cluster).</summary>
    AtomCentredPrediction Predict(Cell? cell, ReadOnlySpan<Vec3> positions, int[] elementOfAtom, bool forces);

    /// <summary>
    /// The atomic energy as a function of an atom's descriptors at the model's present parameters (one per thread; reuse
    /// it while the parameters do not change, e.g. through a Monte Carlo run).
    /// </summary>
    IAtomicEnergy AtomicEnergy();

    /// <summary>How descriptors are scaled; its statistics are the range of each function over the training data.</summary>
    SymmetryFunctionScaling Scaling { get; }

    /// <summary>Predictive variance of the energy (eV²); 0 for models without uncertainty.</summary>
    double EnergyVariance(Cell? cell, ReadOnlySpan<Vec3> positions, int[] elementOfAtom);
}
