using MatSim.Simulation.Energy;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.Systems;

namespace MatSim.Conformance;

public static partial class EnergyConformance
{
    /// <summary>
    /// Drags one molecule along a straight path in small steps δ, so that neighbours cross the cutoff:
    /// each energy change must match the work of the forces, −½(F_k + F_k+1)·δ (trapezoidal rule, error
    /// O(δ³)), to <paramref name="tolerance"/> eV. A truncated potential jumps where a pair crosses
    /// the cutoff and fails; shifted and force-shifted ones pass.
    /// </summary>
    public static void SmoothAcrossTheCutoff(IEnergyModel model, ParticleSystem system, int molecule, Vec3 direction, double pathLength,
        int steps, double tolerance)
    {
        ParticleSystem moving = system.Clone();
        IBoundEnergy bound = model.Bind(moving);
        Vec3 step = direction * (pathLength / steps / direction.Length);
        int first = moving.FirstAtomOf(molecule), count = moving.AtomCountOf(molecule);
        EnergyEvaluation previous = bound.Evaluate(moving, EnergyRequest.Forces);
        double previousEnergy = previous.Energy;
        Vec3 previousForce = MoleculeForce(previous, first, count);
        double worst = 0, worstEnergy = 0;
        int worstStep = -1;
        for (int k = 1; k <= steps; k++)
        {
            for (int a = first; a < first + count; a++) moving.Positions[a] += step;
            moving.PositionsChanged();
            bound.Refresh();
            EnergyEvaluation next = bound.Evaluate(moving, EnergyRequest.Forces);
            Vec3 force = MoleculeForce(next, first, count);
            double work = -0.5 * (previousForce + force).Dot(step);
            double mismatch = Math.Abs(next.Energy - previousEnergy - work);
            if (mismatch > worst) (worst, worstStep, worstEnergy) = (mismatch, k, next.Energy);
            previousEnergy = next.Energy;
            previousForce = force;
        }
        Require(worst <= tolerance,
            $"energy not smooth along the path: at step {worstStep} of {steps} (δ = {step.Length:G3} Å) the energy (now {worstEnergy:G6} eV) changed by {worst:G4} eV more than the forces' work; a jump at the cutoff?");
    }

    private static Vec3 MoleculeForce(EnergyEvaluation evaluation, int first, int count)
    {
        Vec3 total = default;
        for (int a = first; a < first + count; a++) total += evaluation.Forces[a];
        return total;
    }

    /// <summary>
    /// Binds the model to copies of the system on several threads at once (the model object is
    /// shared, as engines running replicas share it) and evaluates energy, forces and virial
    /// repeatedly: every result must equal the single-threaded one to <paramref name="relativeTolerance"/>.
    /// </summary>
    public static void ThreadSafe(IEnergyModel model, ParticleSystem system, int threads = 4, int repeats = 5, double relativeTolerance = 1e-12)
    {
        ParticleSystem first = system.Clone();
        EnergyEvaluation reference = model.Bind(first).Evaluate(first, EnergyRequest.Forces | EnergyRequest.Virial);
        double scale = Math.Max(1, Math.Abs(reference.Energy));
        Vec3[] referenceForces = reference.Forces.ToArray();
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            ParticleSystem copy = system.Clone();
            for (int r = 0; r < repeats; r++)
            {
                EnergyEvaluation e = model.Bind(copy).Evaluate(copy, EnergyRequest.Forces | EnergyRequest.Virial);
                if (Math.Abs(e.Energy - reference.Energy) > relativeTolerance * scale)
                    failures.Add($"thread {t} repeat {r}: energy {e.Energy:G15} ≠ {reference.Energy:G15}");
                for (int i = 0; i < referenceForces.Length; i++)
                    if ((e.Forces[i] - referenceForces[i]).Length > relativeTolerance * scale)
                    {
                        failures.Add($"thread {t} repeat {r}: force on atom {i} differs");
                        break;
                    }
            }
        });
        Require(failures.IsEmpty, $"concurrent evaluations differ from the sequential one: {string.Join("; ", failures.Take(3))}");
    }
}
