using MatSim.Simulation.Structures;
using MatSim.Simulation.Units;

namespace MatSim.Descriptors.Frameworks;

/// <summary>Settings of the geometric descriptors.</summary>
public sealed record FrameworkDescriptorOptions
{
    /// <summary>Probe for the accessible surface area, Å (N2, Düren 2007).</summary>
    public double ProbeDiameter { get; init; } = AccessibleSurfaceArea.NitrogenProbeDiameter;

    /// <summary>Grid spacing of the pore-size grid, Å (coarsened so that no cell holds more than 2·10⁶ points).</summary>
    public double GridSpacing { get; init; } = 0.25;

    public int SurfacePointsPerAtom { get; init; } = 500;
}

/// <summary>
/// Descriptors of one framework (a P1 periodic structure): density, accessible surface area, pore
/// diameters, geometric void fraction, element composition and RACs. Atom sizes are the framework's
/// Lennard-Jones σ (diameters; radii σ/2 for the pore grid), as RASPA and Zeo++-with-UFF-radii do.
/// Names carry their units.
/// </summary>
public static class FrameworkDescriptors
{
    public static SortedDictionary<string, double> Compute(Structure framework, IReadOnlyList<double> atomDiameters, FrameworkDescriptorOptions? options = null)
    {
        options ??= new FrameworkDescriptorOptions();
        var cell = framework.Cell ?? throw new ArgumentException("framework descriptors need a periodic structure");
        if (atomDiameters.Count != framework.Count) throw new ArgumentException("one diameter per atom");
        double massGrams = framework.TotalMass * Units.AtomicMassSI * 1e3;
        double volumeCm3 = cell.Volume * 1e-24;
        var result = new SortedDictionary<string, double>(StringComparer.Ordinal)
        {
            ["atoms_per_cell"] = framework.Count,
            ["cell_volume_A3"] = cell.Volume,
            ["density_g_per_cm3"] = massGrams / volumeCm3,
        };
        double area = AccessibleSurfaceArea.Compute(cell, framework.Positions, atomDiameters, options.ProbeDiameter, options.SurfacePointsPerAtom);
        result["accessible_surface_area_m2_per_g"] = area * 1e-20 / massGrams;
        result["accessible_surface_area_m2_per_cm3"] = area * 1e-20 / volumeCm3;
        double spacing = Math.Max(options.GridSpacing, Math.Cbrt(cell.Volume / 2e6));
        PoreDiameters pores = PoreGeometry.Compute(cell, framework.Positions, atomDiameters.Select(d => d / 2).ToArray(), spacing);
        result["largest_cavity_diameter_A"] = pores.LargestCavity;
        result["pore_limiting_diameter_A"] = pores.PoreLimiting;
        result["geometric_void_fraction"] = pores.GeometricVoidFraction;
        int metals = 0;
        foreach (var group in framework.Elements.GroupBy(e => e.Symbol))
        {
            result[$"fraction_{group.Key}"] = (double)group.Count() / framework.Count;
            if (ElementProperties.IsMetal(group.First())) metals += group.Count();
        }
        result["fraction_metal"] = (double)metals / framework.Count;
        foreach (var (name, value) in RevisedAutocorrelations.Compute(framework, new FrameworkGraph(framework)))
            result[name] = value;
        return result;
    }
}
