using MatSim.Simulation.Config;
using MatSim.Simulation.Energy;
using MatSim.Simulation.Plugins;
using MatSim.Simulation.Units;

namespace Acme.MatSim.Plugin;

/// <summary>`type: acme/morse` — read with MatSim's strict binder: units required, unknown keys refused.</summary>
public sealed class MorseFactory : IEnergyModelFactory
{
    public string Name => "acme/morse";
    public string Description => "Morse pair potential D[(1 − e^{−α(r − r0)})² − 1] between atoms of different molecules";
    public IReadOnlyList<OptionInfo> Options =>
    [
        new("depth", "eV", null, "well depth D (an energy, or K as ε/k_B)"),
        new("alpha", "1/Å", null, "width parameter α"),
        new("r0", "Å", null, "equilibrium distance"),
        new("cutoff", "Å", null, "interaction cutoff"),
        new("shifted", "", "true", "shift the energy to zero at the cutoff"),
    ];

    public IEnergyModel Create(ConfigMap options, ModelContext context)
    {
        double depth = options.RequiredQuantity("depth", Dimension.Energy, "the well depth, e.g. 0.3 eV");
        double alpha = options.RequiredQuantity("alpha", Dimension.InverseLength, "the width parameter, e.g. 1.5 1/angstrom");
        double r0 = options.RequiredQuantity("r0", Dimension.Length, "the equilibrium distance, e.g. 3 angstrom");
        double cutoff = options.RequiredQuantity("cutoff", Dimension.Length, "the cutoff, e.g. 8 angstrom");
        if (!(depth > 0)) throw options.Optional("depth")!.Error("the well depth must be positive");
        if (!(alpha > 0)) throw options.Optional("alpha")!.Error("alpha must be positive");
        if (!(cutoff > r0)) throw options.Optional("cutoff")!.Error("the cutoff must lie beyond r0");
        return new MorseModel(new MorseParameters(depth, alpha, r0, cutoff, options.Bool("shifted", true)));
    }
}
