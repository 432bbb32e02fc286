namespace MatSim.Potentials.NeuralNetworks;

/// <summary>
/// From network output to physical energy, as n2p2 does it (Mode::physicalEnergy and
/// addEnergyOffset): E = Σ_i E_nn,i / conv_energy + N · mean_energy + Σ_i offset(element_i), in the
/// model's energy unit; here already multiplied into eV. Without n2p2's normalisation keys,
/// conv_energy = 1 and mean_energy = 0.
/// </summary>
public sealed record EnergyNormalization(double MeanEnergy, double ConvEnergy, double ConvLength, bool Normalized, double[] ElementOffsets)
{
    /// <summary>eV per network output unit.</summary>
    public double Scale(ModelUnits units) => units.EvPerEnergy / ConvEnergy;

    /// <summary>eV added per atom of an element (mean energy plus the element's offset).</summary>
    public double Shift(ModelUnits units, int element) => units.EvPerEnergy * (MeanEnergy + ElementOffsets[element]);
}
