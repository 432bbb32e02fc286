using MatSim.Adsorption;
using MatSim.Learning.ActiveLearning;
using MatSim.Learning.Calculators;
using MatSim.Learning.KernelTraining;
using MatSim.Learning.NetworkTraining;
using MatSim.Potentials.Configuration;
using MatSim.Potentials.Kernels;
using MatSim.Sampling.Jobs;
using MatSim.Screening.Jobs;
using MatSim.Simulation.Engines.MonteCarlo;
using MatSim.Simulation.Jobs;
using MatSim.Simulation.Plugins;

namespace MatSim.Cli;

/// <summary>
/// The jobs `matsim run` knows and the components configurations can name, from every MatSim
/// project; plug-ins add theirs to <see cref="Components"/>.
/// </summary>
public static class JobCatalog
{
    public static ComponentRegistry Components { get; } = BuiltInComponents();

    public static IReadOnlyList<IJobFactory> All { get; } =
    [
        new InspectJobFactory(),
        new MonteCarloJobFactory(Components.EnergyModels, Components.Moves),
        new MolecularDynamicsJobFactory(Components.EnergyModels),
        .. AdsorptionModule.Jobs(Components),
        new NnpTrainingJobFactory(),
        new KernelTrainingJobFactory(),
        new ReferenceDynamicsJobFactory(),
        new LearningJobFactory(Components.EnergyModels),
        new SamplingJobFactory(Components.EnergyModels),
        new FrameworkDescriptorJobFactory(),
    ];

    private static ComponentRegistry BuiltInComponents()
    {
        var registry = new ComponentRegistry();
        registry.Register(new LennardJonesFactory());
        registry.Register(new EwaldFactory());
        registry.Register(new NeuralNetworkFactory());
        registry.Register(new KernelFactory());
        AdsorptionModule.Register(registry);
        registry.Register(new TranslationMoveFactory());
        registry.Register(new RotationMoveFactory());
        registry.Describe(ComponentKind.Sampler, new DescribedComponent("flow",
            "Boltzmann generator: RealNVP / neural-spline flow trained by example and energy; reweighting; independence MC move (job: sample)",
            [new("flow.coupling", "", "realnvp", "realnvp | spline"), new("flow.layers", "", "8", "coupling layers"), new("flow.hidden", "", "64", "hidden units per conditioner layer")]), typeof(SamplingJobFactory).Assembly);
        registry.Describe(ComponentKind.ReferenceCalculator, new DescribedComponent("xtb",
            "GFN-xTB through the `xtb` program, run in its own folder with a time limit; results cached by structure hash",
            [new("executable", "", "xtb", "program path"), new("method", "", "2", "GFN method 0, 1 or 2"), new("charge", "e", "0", "total charge"),
                new("time_limit", "fs…min", "5 min", "per calculation"), new("attempts", "", "2", "tries before a failure is recorded")]),
            typeof(XtbCalculator).Assembly);
        registry.Describe(ComponentKind.ReferenceCalculator, new DescribedComponent("model",
            "any MatSim energy model as a cheap stand-in teacher", [new("energy", "", null, "an energy list as in mc/md")]), typeof(XtbCalculator).Assembly);
        registry.Describe(ComponentKind.StructureFormat, new DescribedComponent("cif",
            "CIF 1.1 (symmetry operations, special positions, charges); read", []), typeof(JobRunner).Assembly);
        registry.Describe(ComponentKind.StructureFormat, new DescribedComponent("extxyz",
            "extended XYZ (ASE compatible: Lattice, Properties, info keys); read and written (trajectories, final frames)", []), typeof(JobRunner).Assembly);
        registry.Describe(ComponentKind.Executor, new DescribedComponent("local",
            "campaign jobs as processes on this machine", [new("parallel", "", "cores", "jobs at once"), new("retries", "", "2", "reruns of a failed job")]), typeof(FrameworkDescriptorJobFactory).Assembly);
        registry.Describe(ComponentKind.Executor, new DescribedComponent("slurm",
            "campaign jobs as Slurm job arrays (sbatch)", [new("slurm.partition", "", "cluster default", "Slurm partition"), new("slurm.throttle", "", "4", "array tasks at once"),
                new("slurm.chunk_size", "", "10", "jobs per array task"), new("slurm.time", "", "01:00:00", "time limit per array task")]),
            typeof(FrameworkDescriptorJobFactory).Assembly);
        return registry;
    }
}
