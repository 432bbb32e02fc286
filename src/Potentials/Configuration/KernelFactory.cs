using MatSim.Potentials.AtomCentred;
using MatSim.Potentials.Kernels;
using MatSim.Simulation.Config;
using MatSim.Simulation.Energy;
using MatSim.Simulation.Errors;
using MatSim.Simulation.Plugins;

namespace MatSim.Potentials.Configuration;

/// <summary>`type: kernel` — a sparse-GPR kernel potential: `model:` a MatSim `.kernel.json` file (written by `job: kernel-train` or `matsim learn`).</summary>
public sealed class KernelFactory : IEnergyModelFactory
{
    public string Name => "kernel";
    public string Description => "kernel (sparse Gaussian-process) potential on symmetry functions, with predictive variance (MatSim .kernel.json model)";
    public IReadOnlyList<OptionInfo> Options => [new("model", "", null, "a MatSim .kernel.json model file"), AtomCentredOptions.Extrapolation,
        AtomCentredOptions.MaxExtrapolationWarnings];

    public IEnergyModel Create(ConfigMap options, ModelContext context)
    {
        ConfigNode modelNode = options.Required("model", "a MatSim .kernel.json model file");
        string path = options.Record("model", modelNode.AsPath());
        try
        {
            Extrapolation extrapolation = AtomCentredOptions.ReadExtrapolation(options);
            ExtrapolationLimit? limit = AtomCentredOptions.ReadLimit(options);
            return new AtomCentredEnergy(KernelModelFile.Read(path), extrapolation, limit);
        }
        catch (InputException e) when (e.Location == null)
        {
            throw modelNode.Error(e.Problem);
        }
    }
}
