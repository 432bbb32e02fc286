using MatSim.Simulation.Geometry;

namespace MatSim.Simulation.Energy;

/// <summary>
/// The result of a full evaluation, accumulated over the terms of a composite model: energy by
/// component (eV), forces (eV/Å), virial (eV), per-atom energies and, for models that have one,
/// the predictive variance of the energy (eV²). Reusable: <see cref="Reset"/> before each use.
/// </summary>
public sealed class EnergyEvaluation
{
    private readonly Dictionary<string, double> components = new(StringComparer.Ordinal);
    private Vec3[] forces = [];
    private double[] atomEnergies = [];

    public EnergyRequest Request { get; private set; }
    public int AtomCount { get; private set; }
    public IReadOnlyDictionary<string, double> Components => components;
    public double Energy => components.Values.Sum();
    public Span<Vec3> Forces => forces.AsSpan(0, (Request & EnergyRequest.Forces) != 0 ? AtomCount : 0);
    public Span<double> AtomEnergies => atomEnergies.AsSpan(0, (Request & EnergyRequest.AtomEnergies) != 0 ? AtomCount : 0);
    public Mat3 Virial { get; set; }
    /// <summary>Predictive variance of the energy (eV²) from uncertainty-aware models; 0 otherwise.</summary>
    public double EnergyVariance { get; set; }

    public bool Wants(EnergyRequest what) => (Request & what) == what;

    public void Reset(int atomCount, EnergyRequest request)
    {
        Request = request;
        AtomCount = atomCount;
        components.Clear();
        Virial = Mat3.Zero;
        EnergyVariance = 0;
        if ((request & EnergyRequest.Forces) != 0)
        {
            if (forces.Length < atomCount) forces = new Vec3[atomCount];
            Array.Clear(forces, 0, atomCount);
        }
        if ((request & EnergyRequest.AtomEnergies) != 0)
        {
            if (atomEnergies.Length < atomCount) atomEnergies = new double[atomCount];
            Array.Clear(atomEnergies, 0, atomCount);
        }
    }

    /// <summary>Adds to a named energy component.</summary>
    public void Add(string component, double energy) =>
        components[component] = components.GetValueOrDefault(component) + energy;

    public void AddVirial(Mat3 virial) => Virial += virial;
}
