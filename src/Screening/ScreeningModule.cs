using MatSim.Screening.Campaigns;
using MatSim.Screening.Jobs;
using MatSim.Simulation.Plugins;

namespace MatSim.Screening;

/// <summary>What the screening project adds to MatSim: the framework-descriptors job and the campaign executors.</summary>
public sealed class ScreeningModule : IMatSimPlugin
{
    public void Register(ComponentRegistry registry)
    {
        registry.Register(new FrameworkDescriptorJobFactory());
        registry.Describe(ComponentKind.Executor, new DescribedComponent("local",
            "campaign jobs as processes on this machine", ExecutorSettings.LocalOptions), GetType().Assembly);
        registry.Describe(ComponentKind.Executor, new DescribedComponent("slurm",
            "campaign jobs as Slurm job arrays (sbatch)", [.. Simulation.Config.OptionPaths.Under("slurm", ExecutorSettings.SlurmOptions)]), GetType().Assembly);
    }
}
