using MatSim.Sampling.Targets;
using MatSim.Simulation.Config;
using MatSim.Simulation.Energy;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.Random;
using MatSim.Simulation.Units;

namespace MatSim.Sampling.Jobs;

/// <summary>
/// The `target:` of a sampling run: a benchmark system of the literature (`model: double-well |
/// mueller-brown | dw4 | lj13`, dimensionless, `kT:` a number) or any MatSim energy model on a
/// system without a cell (`system:` + `energy:` + `temperature:`, Å and eV), with default
/// starting configurations for the reference MC chains.
/// </summary>
public sealed record SamplingTarget(ITargetEnergy Energy, double KT, string EnergyUnit, string LengthUnit, Func<int, double[]> Start)
{
    public static SamplingTarget Read(ConfigMap target, EnergyModelRegistry registry, ulong seed)
    {
        ConfigNode? modelNode = target.Optional("model");
        if (modelNode == null) return FromEnergyModel(target, registry, seed);
        string model = target.Record("model", modelNode.AsChoice("double-well", "mueller-brown", "dw4", "lj13"));
        double kT = target.RequiredNumber("kT", "the temperature in the model's energy units (a number; 1 for the double well, DW4 and LJ13)");
        if (kT <= 0) throw target.Optional("kT")!.Error("kT must be positive");
        return model switch
        {
            "double-well" => new(new DoubleWell(), kT, "1", "1", c => c % 2 == 0 ? [-1.8, 0] : [1.7, 0]),
            "mueller-brown" => new(new MuellerBrown(), kT, "1", "1", c => (c % 3) switch { 0 => [-0.558, 1.442], 1 => [0.623, 0.028], _ => [-0.050, 0.467] }),
            "dw4" => new(new MultiDoubleWell(), kT, "1", "1", c => Jittered(4, 2, 4.0, seed, c)),
            _ => new(new LennardJonesCluster(), kT, "1", "1", c => Jittered(13, 3, 1.1, seed, c)),
        };
    }

    private static SamplingTarget FromEnergyModel(ConfigMap target, EnergyModelRegistry registry, ulong seed)
    {
        SystemSetup setup = SystemConfiguration.Read(target.RequiredMap("system", "the cluster to sample (or `model:` for a benchmark system)"), Rng.ForStream(seed, 1), allowCluster: true);
        if (setup.System.Cell != null)
            throw target.Required("system", "").Error("flows sample clusters: give a structure without a cell (periodic systems are not supported by the flow sampler)");
        IEnergyModel model = registry.Build(target.Required("energy", "a list of energy models, e.g. [{type: lj, ...}]"), setup.Context);
        double kT = Units.KelvinToEv(target.RequiredQuantity("temperature", Dimension.Temperature, "the temperature, e.g. 120 K"));
        var template = setup.System;
        var start = new double[3 * template.Count];
        for (int i = 0; i < template.Count; i++)
        {
            Vec3 r = template.Positions[i];
            (start[3 * i], start[3 * i + 1], start[3 * i + 2]) = (r.X, r.Y, r.Z);
        }
        return new(new PotentialTarget(template.Clone, model), kT, "eV", "Å", _ => (double[])start.Clone());
    }

    /// <summary>Particles on a cubic/square grid of the given spacing, jittered by the seed and chain.</summary>
    private static double[] Jittered(int particles, int d, double spacing, ulong seed, int chain)
    {
        var rng = Rng.ForStream(seed, 0x57A7, (ulong)chain);
        int side = (int)Math.Ceiling(Math.Pow(particles, 1.0 / d) - 1e-9);
        var x = new double[particles * d];
        for (int i = 0; i < particles; i++)
            for (int a = 0; a < d; a++)
                x[i * d + a] = spacing * (i / (int)Math.Pow(side, a) % side) + 0.1 * spacing * rng.NextGaussian();
        return x;
    }
}
