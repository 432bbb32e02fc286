using MatSim.Simulation.Structures;

namespace MatSim.Descriptors.Frameworks;

/// <summary>
/// Revised autocorrelation (RAC) descriptors of the bond graph (Janet &amp; Kulik, J. Phys. Chem. A 121,
/// 8939 (2017); for MOFs Moosavi et al., Nat. Commun. 11, 4068 (2020)) for the atomic properties
/// χ (Pauling electronegativity), Z (atomic number), I (identity, 1), T (coordination number) and
/// S (covalent radius), at topological depths d = 0..3:
///   full-scope product     f-P-d     = (1/N) Σ_i Σ_{j: d_ij = d} P_i P_j
///   metal-centred product  mc-P-d    = (1/N_M) Σ_{i ∈ metals} Σ_{j: d_ij = d} P_i P_j
///   metal-centred difference D_mc-P-d = (1/N_M) Σ_{i ∈ metals} Σ_{j: d_ij = d} (P_i − P_j), d ≥ 1 (not for I: always 0)
/// Averaging over start atoms makes them independent of the cell chosen (a supercell gives the same
/// values). Without metals the metal-centred terms are 0.
/// </summary>
public static class RevisedAutocorrelations
{
    public const int MaxDepth = 3;
    public static readonly string[] Properties = ["chi", "Z", "I", "T", "S"];

    public static IReadOnlyDictionary<string, double> Compute(Structure structure, FrameworkGraph graph)
    {
        int n = structure.Count;
        var values = new double[Properties.Length][];
        for (int p = 0; p < Properties.Length; p++) values[p] = new double[n];
        for (int i = 0; i < n; i++)
        {
            var e = structure.Elements[i];
            values[0][i] = ElementProperties.Electronegativity(e);
            values[1][i] = e.Number;
            values[2][i] = 1;
            values[3][i] = graph.Degree(i);
            values[4][i] = ElementProperties.CovalentRadius(e);
        }
        var full = new double[Properties.Length, MaxDepth + 1];
        var metalProduct = new double[Properties.Length, MaxDepth + 1];
        var metalDifference = new double[Properties.Length, MaxDepth + 1];
        int metals = 0;
        for (int i = 0; i < n; i++)
        {
            bool metal = ElementProperties.IsMetal(structure.Elements[i]);
            if (metal) metals++;
            List<int>[] shells = graph.Shells(i, MaxDepth);
            for (int d = 0; d <= MaxDepth; d++)
                foreach (int j in shells[d])
                    for (int p = 0; p < Properties.Length; p++)
                    {
                        double product = values[p][i] * values[p][j];
                        full[p, d] += product;
                        if (!metal) continue;
                        metalProduct[p, d] += product;
                        metalDifference[p, d] += values[p][i] - values[p][j];
                    }
        }
        var result = new SortedDictionary<string, double>(StringComparer.Ordinal);
        for (int p = 0; p < Properties.Length; p++)
            for (int d = 0; d <= MaxDepth; d++)
            {
                result[$"f-{Properties[p]}-{d}"] = full[p, d] / n;
                result[$"mc-{Properties[p]}-{d}"] = metals > 0 ? metalProduct[p, d] / metals : 0;
                if (d > 0 && Properties[p] != "I") result[$"D_mc-{Properties[p]}-{d}"] = metals > 0 ? metalDifference[p, d] / metals : 0;
            }
        return result;
    }
}
