using MatSim.Potentials.ActiveLearning;
using MatSim.Potentials.Adsorption;
using MatSim.Potentials.Calculators;
using MatSim.Potentials.Configuration;
using MatSim.Potentials.Kernels;
using MatSim.Potentials.NeuralNetworks.Training;
using MatSim.Sampling.Jobs;
using MatSim.Screening.Jobs;
using MatSim.Simulation.Energy;
using MatSim.Simulation.Jobs;

namespace MatSim.Cli;

/// <summary>The jobs `matsim run` knows and the energy models configurations can name, from every MatSim project.</summary>
public static class JobCatalog
{
    public static EnergyModelRegistry EnergyModels { get; } = new([new LennardJonesFactory(), new EwaldFactory(), new NeuralNetworkFactory(), new KernelFactory()]);

    public static IReadOnlyList<IJobFactory> All { get; } =
    [
        new InspectJobFactory(),
        new MonteCarloJobFactory(EnergyModels),
        new MolecularDynamicsJobFactory(EnergyModels),
        new WidomJobFactory(),
        new GrandCanonicalJobFactory(),
        new NnpTrainingJobFactory(),
        new KernelTrainingJobFactory(),
        new ReferenceDynamicsJobFactory(),
        new LearningJobFactory(EnergyModels),
        new SamplingJobFactory(EnergyModels),
        new FrameworkDescriptorJobFactory(),
    ];
}
