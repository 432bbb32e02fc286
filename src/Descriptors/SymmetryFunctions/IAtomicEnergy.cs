namespace MatSim.Descriptors.SymmetryFunctions;

/// <summary>
/// An atom's energy as a function of its own descriptors (e.g. its element's network), for the
/// fused sweep of <see cref="StructureDescriptors.EvaluateAtomic"/>. One instance per thread.
/// </summary>
public interface IAtomicEnergy
{
    /// <summary>The energy (eV) of an atom of <paramref name="element"/>; writes dE/dG into <paramref name="gradient"/>.</summary>
    double Evaluate(int element, ReadOnlySpan<double> descriptors, Span<double> gradient);
}
