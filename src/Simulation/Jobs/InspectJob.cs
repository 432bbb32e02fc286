using System.Text.Json.Nodes;
using MatSim.Simulation.Config;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.IO;
using MatSim.Simulation.IO.ExtXyz;
using MatSim.Simulation.Neighbors;
using MatSim.Simulation.Plugins;
using MatSim.Simulation.Structures;
using MatSim.Simulation.Units;

namespace MatSim.Simulation.Jobs;

/// <summary>
/// `job: inspect` — reads a structure (CIF or extended XYZ) and reports what a simulation of it
/// needs to know: composition, cell, density, charge, the supercell a cutoff requires and the
/// shortest interatomic distance; writes the expanded P1 structure as extended XYZ.
/// </summary>
public sealed class InspectJobFactory : IJobFactory
{
    public string Name => "inspect";
    public string Description => "read a structure (CIF, extended XYZ) and report its cell, composition and the supercell a cutoff needs";

    public IReadOnlyList<OptionInfo> Options =>
    [
        new("structure", "", null, "the structure file: CIF or extended XYZ"),
        new("frame", "", "0", "the frame of an extended XYZ file"),
        new("cutoff", "Å", "12.8 angstrom", "the cutoff whose supercell is reported"),
    ];

    public IJob Bind(ConfigMap config, ulong seed)
    {
        string file = config.RequiredFile("structure", "the structure file to read: CIF or extended XYZ");
        int frame = config.Int("frame", 0);
        double cutoff = config.PositiveQuantity("cutoff", Dimension.Length, "12.8 angstrom");
        LoadedStructure loaded = StructureFile.Read(file, frame);
        return new InspectJob(loaded, cutoff);
    }
}

internal sealed class InspectJob(LoadedStructure loaded, double cutoff) : IJob
{
    /// <summary>Distances are searched up to this range for the shortest one (Å).</summary>
    private const double ShortestDistanceSearch = 4.0;

    public JsonObject Run(RunContext context)
    {
        Structure s = loaded.Structure;
        foreach (string warning in loaded.Warnings) context.Log.Warning(warning);
        context.Log.Info($"{loaded.Name}: {s.Count} atoms, {s.Formula}");
        var results = new JsonObject
        {
            ["name"] = loaded.Name,
            ["formula"] = s.Formula,
            ["atoms"] = s.Count,
            ["element_counts"] = new JsonObject(s.Elements.GroupBy(e => e.Symbol).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => KeyValuePair.Create(g.Key, (JsonNode?)g.Count()))),
            ["total_charge_e"] = Math.Round(s.TotalCharge, 10),
            ["has_charges"] = loaded.HasCharges,
            ["warnings"] = new JsonArray(loaded.Warnings.Select(w => (JsonNode?)w).ToArray()),
        };
        if (s.Cell is { } cell)
        {
            var (a, b, c) = cell.Lengths;
            var (alpha, beta, gamma) = cell.Angles;
            Vec3 widths = cell.PerpendicularWidths;
            Replication replication = cell.ReplicationFor(cutoff);
            double density = s.TotalMass * Units.Units.AtomicMassSI * 1e3 / (cell.Volume * 1e-24);
            results["cell_lengths_angstrom"] = Array(a, b, c);
            results["cell_angles_deg"] = Array(alpha, beta, gamma);
            results["volume_angstrom3"] = cell.Volume;
            results["perpendicular_widths_angstrom"] = Array(widths.X, widths.Y, widths.Z);
            results["density_g_per_cm3"] = density;
            results["cutoff_angstrom"] = cutoff;
            results["replication_for_cutoff"] = new JsonArray(replication.A, replication.B, replication.C);
            results["supercell_atoms"] = s.Count * replication.Count;
            context.Log.Info($"cell {cell}, volume {cell.Volume:F2} Å³, density {density:F4} g/cm³");
            context.Log.Info($"a cutoff of {cutoff} Å needs a {replication} supercell ({s.Count * replication.Count} atoms)");
        }
        if (ShortestDistance(s) is { } shortest)
        {
            results["shortest_distance_angstrom"] = shortest.Distance;
            results["shortest_pair"] = $"{s.Types[shortest.I]}#{shortest.I} - {s.Types[shortest.J]}#{shortest.J}";
            context.Log.Info($"shortest interatomic distance {shortest.Distance:F4} Å");
        }
        string output = Path.Combine(context.OutputDirectory, "structure.extxyz");
        ExtXyzWriter.WriteFile(output, [new ExtXyzFrame { Structure = s }]);
        context.Log.Info($"P1 structure written to {output}");
        return results;
    }

    private static (double Distance, int I, int J)? ShortestDistance(Structure s)
    {
        NeighborList list = NeighborList.Build(s.Cell, s.Positions, ShortestDistanceSearch, NeighborListKind.Half);
        (double Distance, int I, int J)? best = null;
        for (int i = 0; i < s.Count; i++)
        {
            ReadOnlySpan<int> neighbors = list.NeighborsOf(i);
            ReadOnlySpan<Vec3> d = list.DisplacementsOf(i);
            for (int k = 0; k < neighbors.Length; k++)
                if (best == null || d[k].Length < best.Value.Distance) best = (d[k].Length, i, neighbors[k]);
        }
        return best;
    }

    private static JsonArray Array(params double[] values) => new(values.Select(v => (JsonNode?)v).ToArray());
}
