using MatSim.Simulation.Engines.MonteCarlo;
using MatSim.Simulation.Jobs;
using MatSim.Simulation.Plugins;

namespace MatSim.Simulation;

/// <summary>What the core adds to MatSim: the inspect, mc and md jobs, the translation, rotation, reinsertion, swap and identity-change moves, the structure formats.</summary>
public sealed class SimulationModule : IMatSimPlugin
{
    public void Register(ComponentRegistry registry)
    {
        registry.Register(new TranslationMoveFactory());
        registry.Register(new RotationMoveFactory());
        registry.Register(new ReinsertionMoveFactory());
        registry.Register(new SwapMoveFactory());
        registry.Register(new IdentityChangeMoveFactory());
        registry.Register(new WidomMoveFactory());
        registry.Register(new InspectJobFactory());
        registry.Register(new MonteCarloJobFactory(registry.EnergyModels, registry.Moves));
        registry.Register(new MolecularDynamicsJobFactory(registry.EnergyModels));
        registry.Describe(ComponentKind.StructureFormat, new DescribedComponent("cif",
            "CIF 1.1 (symmetry operations, special positions, charges); read", []), GetType().Assembly);
        registry.Describe(ComponentKind.StructureFormat, new DescribedComponent("extxyz",
            "extended XYZ (ASE compatible: Lattice, Properties, info keys); read and written (trajectories, final frames)", []), GetType().Assembly);
    }
}
