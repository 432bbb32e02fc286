using MatSim.Simulation.Energy;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.Systems;

namespace MatSim.Sampling.Targets;

/// <summary>
/// Any energy model of the potential contract as a sampling target: coordinates in Å, energies in
/// eV, ∇u = −F. Every thread gets its own copy of the system bound to the model, so batches are
/// evaluated in parallel. A system without a cell (a cluster) is translation invariant.
/// </summary>
public sealed class PotentialTarget : ITargetEnergy
{
    private readonly ThreadLocal<(ParticleSystem System, IBoundEnergy Energy, EnergyEvaluation Result)> bound;

    public PotentialTarget(Func<ParticleSystem> createSystem, IEnergyModel model)
    {
        ParticleSystem probe = createSystem();
        Particles = probe.Count;
        TranslationInvariant = probe.Cell == null;
        Name = model.Name;
        bound = new(() =>
        {
            ParticleSystem system = createSystem();
            return (system, model.Bind(system), new EnergyEvaluation());
        });
    }

    public string Name { get; }
    public int Particles { get; }
    public int SpatialDimension => 3;
    public bool TranslationInvariant { get; }

    public double Energy(ReadOnlySpan<double> x, Span<double> gradient)
    {
        var (system, energy, result) = bound.Value;
        Span<Vec3> positions = system.Positions;
        for (int i = 0; i < Particles; i++) positions[i] = new Vec3(x[3 * i], x[3 * i + 1], x[3 * i + 2]);
        system.PositionsChanged();
        energy.Refresh();
        result.Reset(Particles, gradient.IsEmpty ? EnergyRequest.Energy : EnergyRequest.Energy | EnergyRequest.Forces);
        energy.Compute(result);
        if (!gradient.IsEmpty)
            for (int i = 0; i < Particles; i++)
            {
                Vec3 f = result.Forces[i];
                gradient[3 * i] = -f.X;
                gradient[3 * i + 1] = -f.Y;
                gradient[3 * i + 2] = -f.Z;
            }
        return result.Energy;
    }
}
