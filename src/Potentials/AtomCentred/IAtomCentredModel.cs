using MatSim.Descriptors.SymmetryFunctions;
using MatSim.Simulation.Geometry;

namespace MatSim.Potentials.AtomCentred;

/// <summary>Energy (eV), forces (eV/Å), virial (eV) and atomic energies (eV) of one structure.</summary>
public sealed record AtomCentredPrediction(double Energy, Vec3[]? Forces, Mat3 Virial, double[] AtomEnergies);

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

    /// <summary>Atomic energies of <paramref name="atoms"/> from descriptors computed for (at least) those atoms.</summary>
    double[] AtomEnergies(StructureDescriptors descriptors, IReadOnlyList<int> atoms);

    /// <summary>Predictive variance of the energy (eV²); 0 for models without uncertainty.</summary>
    double EnergyVariance(Cell? cell, ReadOnlySpan<Vec3> positions, int[] elementOfAtom);
}
