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
            "campaign jobs as processes on this machine",
            [new("parallel", "", "cores", "jobs at once"), new("retries", "", "2", "reruns of a failed job"),
                new("time_limit_minutes", "min", "60", "time limit per job")]), GetType().Assembly);
        registry.Describe(ComponentKind.Executor, new DescribedComponent("slurm",
            "campaign jobs as Slurm job arrays (sbatch)",
            [new("slurm.partition", "", "cluster default", "Slurm partition"), new("slurm.account", "", "none", "Slurm account"),
                new("slurm.throttle", "", "4", "array tasks at once"), new("slurm.chunk_size", "", "10", "jobs per array task"),
                new("slurm.time", "", "01:00:00", "time limit per array task"), new("slurm.cpus_per_task", "", "1", "cores per array task"),
                new("slurm.modules", "", "none", "environment modules to load"), new("slurm.setup", "", "none", "shell lines run before the job"),
                new("slurm.command", "", "this matsim", "the matsim command on the cluster")]), GetType().Assembly);
    }
}
