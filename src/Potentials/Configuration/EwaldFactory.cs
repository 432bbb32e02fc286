using System.Globalization;
using MatSim.Potentials.Classical;
using MatSim.Simulation.Config;
using MatSim.Simulation.Energy;
using MatSim.Simulation.Plugins;
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
    public IReadOnlyList<OptionInfo> Options =>
    [
        new("cutoff", "Å", null, "real-space cutoff"),
        new("precision", "", "or alpha + kmax", "relative precision; sets alpha and kmax (DL_POLY/RASPA rule); or give alpha and kmax"),
        new("alpha", "1/Å", "from precision", "screening parameter (with kmax, instead of precision)"),
        new("kmax", "", "from precision", "[ka, kb, kc] largest reciprocal-lattice indices"),
        new("kspace_index_squared", "", "all within kmax", "keep k-vectors with |index|² below this"),
        new("kspace_cutoff", "1/Å", "all within kmax", "keep k-vectors with |k| below this"),
        new("skin", "Å", "1 angstrom", "Verlet-list skin of the real-space sum"),
    ];

    public IEnergyModel Create(ConfigMap options, ModelContext context)
    {
        string? Given(string key) => context.DefaultOf(Name, key);
        double cutoff = Given("cutoff") is { } jobCutoff
            ? options.Quantity("cutoff", Dimension.Length, jobCutoff)
            : options.RequiredQuantity("cutoff", Dimension.Length, "the real-space cutoff");
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
        if (alphaNode == null && Given("precision") is { } jobPrecision)
            return new Ewald(new EwaldOptions { RealCutoff = cutoff, Precision = options.Number("precision", double.Parse(jobPrecision, CultureInfo.InvariantCulture)), Skin = skin });
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
