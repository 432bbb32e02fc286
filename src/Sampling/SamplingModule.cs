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
            [.. Simulation.Config.OptionPaths.Under("flow", SamplingSettings.FlowOptions)]), GetType().Assembly);
    }
}
