using MatSim.Simulation.Energy;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.Systems;

namespace FireOptimizer;

/// <summary>The outcome of a minimisation.</summary>
public sealed record MinimisationResult(double Energy, double MaxForce, int Steps, bool Converged);

/// <summary>
/// FIRE, the fast inertial relaxation engine (Bitzek et al., Phys. Rev. Lett. 97, 170201 (2006)):
/// MD with unit masses whose velocity is mixed towards the force direction while the power F·v stays
/// positive, with a growing time step; stopped and restarted when it turns negative. Uses only
/// MatSim's public API: <see cref="IBoundEnergy.Compute"/> and the system's positions.
/// </summary>
public sealed class Fire
{
    public double InitialTimeStep { get; init; } = 0.05;
    public double MaxTimeStep { get; init; } = 0.5;
    public int DelaySteps { get; init; } = 5;
    public double Increase { get; init; } = 1.1;
    public double Decrease { get; init; } = 0.5;
    public double InitialMixing { get; init; } = 0.1;
    public double MixingDecay { get; init; } = 0.99;

    /// <summary>Relaxes the mobile atoms until the largest force is below <paramref name="maxForce"/> (eV/Å).</summary>
    public MinimisationResult Minimise(ParticleSystem system, IBoundEnergy energy, double maxForce, int maxSteps)
    {
        int first = system.FrameworkAtomCount, n = system.Count - first;
        var velocity = new Vec3[n];
        var evaluation = new EnergyEvaluation();
        double dt = InitialTimeStep, alpha = InitialMixing;
        int positiveSteps = 0;
        for (int step = 0; ; step++)
        {
            evaluation.Reset(system.Count, EnergyRequest.Forces);
            energy.Compute(evaluation);
            ReadOnlySpan<Vec3> force = evaluation.Forces[first..];
            double fmax = 0, power = 0, vNorm = 0, fNorm = 0;
            for (int i = 0; i < n; i++)
            {
                fmax = Math.Max(fmax, force[i].Length);
                power += force[i].Dot(velocity[i]);
                vNorm += velocity[i].Dot(velocity[i]);
                fNorm += force[i].Dot(force[i]);
            }
            if (fmax < maxForce || step == maxSteps) return new MinimisationResult(evaluation.Energy, fmax, step, fmax < maxForce);
            double mix = fNorm > 0 ? alpha * Math.Sqrt(vNorm / fNorm) : 0;
            for (int i = 0; i < n; i++) velocity[i] = (1 - alpha) * velocity[i] + mix * force[i];
            if (power > 0)
            {
                if (++positiveSteps > DelaySteps)
                {
                    dt = Math.Min(dt * Increase, MaxTimeStep);
                    alpha *= MixingDecay;
                }
            }
            else
            {
                positiveSteps = 0;
                dt *= Decrease;
                alpha = InitialMixing;
                Array.Clear(velocity);
            }
            Span<Vec3> r = system.Positions;
            for (int i = 0; i < n; i++)
            {
                velocity[i] += dt * force[i];
                r[first + i] += dt * velocity[i];
            }
            system.PositionsChanged();
            energy.Refresh();
        }
    }
}
