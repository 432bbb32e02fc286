using MatSim.Potentials.AtomCentred;
using MatSim.Simulation.Config;
using MatSim.Simulation.Plugins;

namespace MatSim.Potentials.Configuration;

/// <summary>The options every atom-centred model (`nnp`, `kernel`) shares.</summary>
public static class AtomCentredOptions
{
    public static readonly OptionInfo Extrapolation = new("extrapolation", "", "allow",
        "allow | reject: reject Monte Carlo moves that take an atom's symmetry functions outside the training range");

    public static readonly OptionInfo MaxExtrapolationWarnings = new("max_extrapolation_warnings", "", "none",
        "none | N: stop the run (exit 2) once more than N symmetry-function values outside the training range have been met (n2p2's extrapolation warnings; each is also counted in the log)");

    /// <summary>The limit of `max_extrapolation_warnings`, or null for none.</summary>
    public static ExtrapolationLimit? ReadLimit(ConfigMap options)
    {
        if (options.Optional(MaxExtrapolationWarnings.Name) is not { } node || node.AsString() == "none")
        {
            options.Record(MaxExtrapolationWarnings.Name, "none");
            return null;
        }
        long limit = node.AsLong();
        if (limit < 0) throw node.Error($"must be none or a count ≥ 0, not {limit}");
        options.Record(MaxExtrapolationWarnings.Name, limit);
        return new ExtrapolationLimit(limit, node.Location);
    }

    public static Extrapolation ReadExtrapolation(ConfigMap options) =>
        options.Choice("extrapolation", "allow", "allow", "reject") == "reject" ? AtomCentred.Extrapolation.Reject : AtomCentred.Extrapolation.Allow;
}
