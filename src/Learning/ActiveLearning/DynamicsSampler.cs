using MatSim.Potentials.AtomCentred;
using MatSim.Potentials.Kernels;
using MatSim.Simulation.Engines.Dynamics;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.Random;
using MatSim.Simulation.Structures;
using MatSim.Simulation.Systems;
using MatSim.Simulation.Units;

namespace MatSim.Learning.ActiveLearning;

/// <summary>
/// Candidates from Langevin MD driven by the current kernel model: each walker starts from a
/// labelled structure chosen by the seed, saves a scored frame every interval steps and stops
/// early once σ exceeds stop_factor × threshold (it has left the region the model knows; that
/// frame is the most informative candidate and going further would only produce nonsense).
/// </summary>
public static class DynamicsSampler
{
    public static List<Candidate> Sample(KernelPotential model, IReadOnlyList<Structure> starts, DynamicsSampling settings, double threshold,
        ulong seed, int iteration, CancellationToken cancellation)
    {
        var perWalker = new List<Candidate>[settings.Walkers];
        Parallel.For(0, settings.Walkers, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellation }, w =>
        {
            Rng rng = Rng.ForStream(seed, (ulong)(1_000_003 * (iteration + 1) + w));
            Structure start = starts[rng.NextInt(starts.Count)];
            perWalker[w] = Walk(model, start, settings, threshold, rng, $"md iteration {iteration} walker {w}", cancellation);
        });
        return perWalker.SelectMany(c => c).ToList();
    }

    private static List<Candidate> Walk(KernelPotential model, Structure start, DynamicsSampling settings, double threshold, Rng rng, string origin, CancellationToken cancellation)
    {
        ParticleSystem system = SystemBuilder.FromStructure(new Structure(start.Cell, start.Elements, start.Positions));
        var energy = new AtomCentredEnergy(model).Bind(system);
        var md = new MolecularDynamicsEngine(system, energy, settings.TimeStep,
            new ThermostatOptions(ThermostatKind.Langevin, settings.Temperature, Units.FemtosecondsToInternal(100)), rng);
        md.InitializeVelocities(settings.Temperature);
        var frames = new List<Candidate>();
        for (int step = 1; step <= settings.Steps; step++)
        {
            cancellation.ThrowIfCancellationRequested();
            md.Advance();
            if (step % settings.Interval != 0) continue;
            Structure frame = system.ToStructure();
            if (!frame.Positions.ToArray().All(p => double.IsFinite(p.X) && double.IsFinite(p.Y) && double.IsFinite(p.Z))) break;
            Candidate c = Candidate.Score(model, frame, $"{origin} step {step}");
            frames.Add(c);
            if (c.Sigma > settings.StopFactor * threshold) break;
        }
        return frames;
    }
}
