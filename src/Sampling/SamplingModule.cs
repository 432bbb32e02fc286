using MatSim.Sampling.Jobs;
using MatSim.Simulation.Plugins;

namespace MatSim.Sampling;

/// <summary>What the sampling project adds to MatSim: the sample job and its Boltzmann-generator sampler.</summary>
public sealed class SamplingModule : IMatSimPlugin
{
    public void Register(ComponentRegistry registry)
    {
        registry.Register(new SamplingJobFactory(registry.EnergyModels));
        registry.Describe(ComponentKind.Sampler, new DescribedComponent("flow",
            "Boltzmann generator: RealNVP / neural-spline flow trained by example and energy; reweighting; independence MC move (job: sample)",
            [new("flow.coupling", "", "realnvp", "realnvp | spline"), new("flow.layers", "", "8", "coupling layers"),
                new("flow.hidden", "", "64", "hidden units per conditioner layer"), new("flow.depth", "", "2", "hidden layers per conditioner"),
                new("flow.bins", "", "8", "spline bins"), new("flow.bound", "", "5", "spline interval [−bound, bound]"),
                new("flow.actnorm", "", "true", "activation normalisation between couplings")]), GetType().Assembly);
    }
}
