using MatSim.Potentials.Classical;
using MatSim.Simulation.Config;
using MatSim.Simulation.Energy;
using MatSim.Simulation.Units;

namespace MatSim.Potentials.Configuration;

/// <summary>
/// `type: ewald` — Coulomb by Ewald summation. Either `precision` (α and the k-vectors follow by
/// DL_POLY's rule, as in RASPA) or `alpha` with `kmax` (and optionally `kspace_index_squared`, an
/// index-space sphere h²+k²+l² &lt; value, and/or `kspace_cutoff`, a bound on |k|).
/// </summary>
public sealed class EwaldFactory : IEnergyModelFactory
{
    public string Name => "ewald";
    public string Description => "Coulomb interactions by Ewald summation (real, Fourier, self, intramolecular, background)";

    public IEnergyModel Create(ConfigMap options, ModelContext context)
    {
        double cutoff = options.RequiredQuantity("cutoff", Dimension.Length, "the real-space cutoff");
        ConfigNode? precisionNode = options.Optional("precision");
        ConfigNode? alphaNode = options.Optional("alpha");
        double skin = options.Quantity("skin", Dimension.Length, "1 angstrom");
        if (precisionNode != null && alphaNode != null)
            throw alphaNode.Error("give either precision or alpha with kmax, not both");
        if (precisionNode != null)
        {
            double precision = options.Record("precision", precisionNode.AsNumber());
            if (!(precision > 0 && precision < 1)) throw precisionNode.Error("precision must lie between 0 and 1, e.g. 1e-6");
            return new Ewald(new EwaldOptions { RealCutoff = cutoff, Precision = precision, Skin = skin });
        }
        if (alphaNode == null)
            throw options.Node.Error("missing key 'precision' (e.g. 1e-6), or 'alpha' with 'kmax'");
        double alpha = options.RequiredQuantity("alpha", Dimension.InverseLength, "the screening parameter");
        ConfigNode kmaxNode = options.Required("kmax", "the largest reciprocal index along a, b, c, e.g. [7, 7, 7]");
        IReadOnlyList<ConfigNode> kmax = kmaxNode.AsList();
        if (kmax.Count != 3) throw kmaxNode.Error("kmax needs three whole numbers, e.g. [7, 7, 7]");
        options.Record("kmax", kmax.Select(k => k.AsInt()).ToArray());
        double? indexSquared = options.Optional("kspace_index_squared")?.AsNumber();
        if (indexSquared is { } i2) options.Record("kspace_index_squared", i2);
        double? kCutoff = options.Optional("kspace_cutoff")?.AsQuantity(Dimension.InverseLength);
        if (kCutoff != null) options.Record("kspace_cutoff", options.Optional("kspace_cutoff")!.AsString());
        return new Ewald(new EwaldOptions
        {
            RealCutoff = cutoff,
            Alpha = alpha,
            Skin = skin,
            KSpace = new KSpaceRule
            {
                MaxIndex = (kmax[0].AsInt(), kmax[1].AsInt(), kmax[2].AsInt()),
                MaxIndexSquared = indexSquared,
                MaxWaveNumber = kCutoff,
            },
        });
    }
}
