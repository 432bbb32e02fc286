using Acme.MatSim.Plugin;
using BenchmarkDotNet.Attributes;
using MatSim.Potentials.Configuration;
using MatSim.Simulation.Config;
using MatSim.Simulation.Energy;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.Plugins;
using MatSim.Simulation.Systems;

namespace MatSim.Bench;

/// <summary>
/// The cost of the plug-in boundary on 1000 LJ atoms (ρ* = 0.8442, 2.5σ): the same model created
/// directly (`new LennardJones`) and by name through the component registry from YAML; and the
/// example Morse plug-in compiled in versus loaded from its own folder into its own
/// AssemblyLoadContext. Full evaluations (energy + forces + virial) and MC energy differences.
/// </summary>
[MemoryDiagnoser]
public class PluginBoundaryBenchmarks
{
    private readonly EnergyEvaluation evaluation = new();
    private readonly MoveProposal proposal = new();
    private ParticleSystem system = null!;
    private IBoundEnergy ljDirect = null!, ljByName = null!, morseDirect = null!, morsePlugin = null!;
    private int atom;

    [GlobalSetup]
    public void Setup()
    {
        system = LennardJonesSystems.SimpleCubic(10, 0.8442);
        ljDirect = LennardJonesSystems.Model(2.5, 0.3, tail: false).Bind(system);
        morseDirect = new MorseModel(new MorseParameters(1, 3, 1.12, 2.5, true)).Bind(system);

        var registry = new ComponentRegistry();
        registry.Register(new LennardJonesFactory());
        string plugin = Path.Combine(RepositoryRoot(), "examples", "AcmePlugin", "bin", "Release", "net10.0", "Acme.MatSim.Plugin.dll");
        if (!registry.TryLoadPlugin(plugin)) throw new InvalidOperationException(string.Join("; ", registry.Failures));
        ljByName = Build(registry, "{type: lj, cutoff: 2.5 angstrom, skin: 0.3 angstrom, atom_types: {LJ: {epsilon: 1 eV, sigma: 1 angstrom}}}");
        morsePlugin = Build(registry, "{type: acme/morse, depth: 1 eV, alpha: 3 1/angstrom, r0: 1.12 angstrom, cutoff: 2.5 angstrom}");
        if (morsePlugin.GetType().Assembly == typeof(MorseModel).Assembly)
            throw new InvalidOperationException("the plug-in was not loaded into its own context");
    }

    private IBoundEnergy Build(ComponentRegistry registry, string block)
    {
        ConfigMap root = ConfigDocument.Parse($"energy: [{block}]", "benchmark", Path.GetTempPath());
        return registry.EnergyModels.Build(root.Required("energy", "models"), ModelContext.Empty).Bind(system);
    }

    private static string RepositoryRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "MatSim.sln"))) return d.FullName;
        throw new InvalidOperationException("run the benchmarks from inside the MatSim repository");
    }

    private double Full(IBoundEnergy energy)
    {
        evaluation.Reset(system.Count, EnergyRequest.Forces | EnergyRequest.Virial);
        energy.Compute(evaluation);
        return evaluation.Energy;
    }

    private double Delta(IBoundEnergy energy)
    {
        atom = (atom + 1) % system.Count;
        proposal.Displace(system, atom)[0] = system.Positions[atom] + new Vec3(0.05, -0.03, 0.02);
        return energy.Propose(proposal);
    }

    [Benchmark(Baseline = true)]
    public double LennardJonesDirect() => Full(ljDirect);

    [Benchmark]
    public double LennardJonesByName() => Full(ljByName);

    [Benchmark]
    public double LennardJonesDeltaDirect() => Delta(ljDirect);

    [Benchmark]
    public double LennardJonesDeltaByName() => Delta(ljByName);

    [Benchmark]
    public double MorseCompiledIn() => Full(morseDirect);

    [Benchmark]
    public double MorsePlugin() => Full(morsePlugin);
}
