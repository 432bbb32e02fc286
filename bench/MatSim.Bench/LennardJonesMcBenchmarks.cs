using BenchmarkDotNet.Attributes;
using MatSim.Simulation.Engines.MonteCarlo;
using MatSim.Simulation.Random;
using MatSim.Simulation.Systems;

namespace MatSim.Bench;

/// <summary>
/// NVT Monte Carlo of the LJ fluid at T* = 0.9, ρ* = 0.8, cutoff 3σ with tail corrections,
/// single-atom translations with the step tuned to ~40 % acceptance — FEASST's benchmark in
/// shared/reference/speed-anchors.md (28 000 moves/s at N = 500, 9 400 at N = 4000).
/// One operation = one cycle of N trial moves: moves/s = N / mean.
/// </summary>
public class LennardJonesMcBenchmarks
{
    private MonteCarloEngine engine = null!;

    [Params(500, 4000)]
    public int Atoms { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        int cells = Atoms == 500 ? 5 : 10;   // 4·5³ = 500, 4·10³ = 4000
        ParticleSystem system = LennardJonesSystems.Fcc(cells, 0.8);
        var energy = LennardJonesSystems.Model(3.0, 0.3, tail: true).Bind(system);
        engine = new MonteCarloEngine(system, energy, [new TranslationMove(1, 0.1)], LennardJonesSystems.Kelvin(0.9), new Rng(2));
        for (int cycle = 0; cycle < 200; cycle++)
        {
            engine.RunCycle();
            if (cycle % 10 == 9) engine.AdaptSteps(0.4);
        }
    }

    [Benchmark]
    public long OneCycle()
    {
        engine.RunCycle();
        return engine.Cycle;
    }
}
