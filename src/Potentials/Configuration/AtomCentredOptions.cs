using MatSim.Potentials.AtomCentred;
using MatSim.Simulation.Config;
using MatSim.Simulation.Plugins;

namespace MatSim.Potentials.Configuration;

/// <summary>The options every atom-centred model (`nnp`, `kernel`) shares.</summary>
public static class AtomCentredOptions
{
    public static readonly OptionInfo Extrapolation = new("extrapolation", "", "allow",
        "allow | reject: reject Monte Carlo moves that take an atom's symmetry functions outside the training range");

    public static Extrapolation ReadExtrapolation(ConfigMap options) =>
        options.Choice("extrapolation", "allow", "allow", "reject") == "reject" ? AtomCentred.Extrapolation.Reject : AtomCentred.Extrapolation.Allow;
}
