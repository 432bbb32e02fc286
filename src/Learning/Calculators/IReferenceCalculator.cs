using MatSim.Simulation.Geometry;
using MatSim.Simulation.Structures;

namespace MatSim.Learning.Calculators;

/// <summary>Energy (eV), forces (eV/Å) and, for periodic structures where available, stress (eV/Å³, ASE's sign) of one structure.</summary>
public sealed record CalculatorResult(double Energy, Vec3[] Forces, Mat3? Stress, IReadOnlyDictionary<string, string> Metadata);

/// <summary>
/// A reference calculator: structure in, energy/forces/stress out (an external program such as
/// xtb, or any MatSim potential as a cheap stand-in). <see cref="Settings"/> names everything that
/// changes its answer (method, charge, model file…), so results can be cached by it.
/// </summary>
public interface IReferenceCalculator
{
    string Name { get; }
    /// <summary>Everything besides the structure that determines the result (part of the cache key).</summary>
    string Settings { get; }
    /// <summary>Computes one structure; files go to <paramref name="workDirectory"/>; failures throw <see cref="CalculatorException"/>.</summary>
    CalculatorResult Calculate(Structure structure, string workDirectory, CancellationToken cancellation = default);
}
