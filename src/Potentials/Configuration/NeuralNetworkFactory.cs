using MatSim.Potentials.AtomCentred;
using MatSim.Potentials.NeuralNetworks;
using MatSim.Torch;
using MatSim.Simulation.Config;
using MatSim.Simulation.Energy;
using MatSim.Simulation.Plugins;
using MatSim.Simulation.Errors;

namespace MatSim.Potentials.Configuration;

/// <summary>
/// `type: nnp` — a Behler–Parrinello neural-network potential: `model:` a MatSim `.nnp.json` file
/// or an n2p2 folder; for n2p2 folders `units: {length: bohr, energy: hartree}` (default Å and eV,
/// n2p2 files carry no units); `device: cpu` or `cuda`.
/// </summary>
public sealed class NeuralNetworkFactory : IEnergyModelFactory
{
    public string Name => "nnp";
    public string Description => "Behler–Parrinello neural-network potential (n2p2 folder or MatSim .nnp.json model; cpu or cuda)";
    public IReadOnlyList<OptionInfo> Options =>
    [
        new("model", "", null, "a MatSim .nnp.json model file or an n2p2 model folder"),
        new("units.length", "", "angstrom", "length unit of an n2p2 model: angstrom | bohr | nm"),
        new("units.energy", "", "eV", "energy unit of an n2p2 model: eV | hartree | Ha | kcal/mol | kJ/mol"),
        new("device", "", "cpu", "cpu | cuda"),
        AtomCentredOptions.Extrapolation,
        AtomCentredOptions.MaxExtrapolationWarnings,
    ];

    public IEnergyModel Create(ConfigMap options, ModelContext context)
    {
        ConfigNode modelNode = options.Required("model", "a MatSim .nnp.json model file or an n2p2 model folder");
        string path = options.Record("model", modelNode.AsPath());
        if (!File.Exists(path) && !Directory.Exists(path))
            throw modelNode.Error($"model '{modelNode.AsString()}' not found (looked for {path}); expected a MatSim .nnp.json file or an n2p2 model folder");
        ModelUnits units = ModelUnits.AngstromEv;
        if (options.OptionalMap("units") is { } unitMap)
        {
            units = new ModelUnits(unitMap.Choice("length", "angstrom", "angstrom", "bohr", "nm"), unitMap.Choice("energy", "eV", "eV", "hartree", "Ha", "kcal/mol", "kJ/mol"));
            unitMap.EnsureNoUnknownKeys();
        }
        string deviceName = options.Choice("device", "cpu", "cpu", "cuda");
        try
        {
            Extrapolation extrapolation = AtomCentredOptions.ReadExtrapolation(options);
            ExtrapolationLimit? limit = AtomCentredOptions.ReadLimit(options);
            return new NeuralNetworkEnergy(NativeModelFile.Load(path, units, TorchRuntime.ResolveDevice(deviceName)), extrapolation, limit);
        }
        catch (TorchUnavailableException e)
        {
            throw (options.Optional("device") ?? modelNode).Error(e.Message);
        }
        catch (InputException e) when (e.Location == null)
        {
            throw modelNode.Error(e.Problem);
        }
    }
}
