using MatSim.Potentials.Configuration;
using MatSim.Simulation.Plugins;

namespace MatSim.Potentials;

/// <summary>What the potentials project adds to MatSim: the lj, ewald, nnp and kernel energy models.</summary>
public sealed class PotentialsModule : IMatSimPlugin
{
    public void Register(ComponentRegistry registry)
    {
        registry.Register(new LennardJonesFactory());
        registry.Register(new EwaldFactory());
        registry.Register(new NeuralNetworkFactory());
        registry.Register(new KernelFactory());
    }
}
