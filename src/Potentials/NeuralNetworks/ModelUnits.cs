using MatSim.Simulation.Units;

namespace MatSim.Potentials.NeuralNetworks;

/// <summary>
/// The length and energy units of a model's files (n2p2 files carry no units: the data they were
/// trained on decides, often Bohr and Hartree). Internally everything is Å and eV.
/// </summary>
public sealed record ModelUnits(string Length, string Energy)
{
    public static readonly ModelUnits AngstromEv = new("angstrom", "eV");
    public static readonly ModelUnits BohrHartree = new("bohr", "hartree");

    /// <summary>Å per file length unit.</summary>
    public double AngstromPerLength => Quantity.Parse($"1 {Length}", Dimension.Length);

    /// <summary>eV per file energy unit.</summary>
    public double EvPerEnergy => Quantity.Parse($"1 {Energy}", Dimension.Energy);

    /// <summary>"bohr,hartree" (command-line form) → units; a clear error for unknown names.</summary>
    public static ModelUnits Parse(string text)
    {
        string[] parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != 2)
            throw new ArgumentException($"units '{text}': expected LENGTH,ENERGY such as bohr,hartree or angstrom,eV");
        var units = new ModelUnits(parts[0], parts[1]);
        if (!Quantity.TryParse($"1 {units.Length}", Dimension.Length, out _, out string lengthError))
            throw new ArgumentException($"units '{text}': {lengthError}");
        if (!Quantity.TryParse($"1 {units.Energy}", Dimension.Energy, out _, out string energyError))
            throw new ArgumentException($"units '{text}': {energyError}");
        return units;
    }

    public override string ToString() => $"{Length},{Energy}";
}
