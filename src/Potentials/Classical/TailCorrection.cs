using MatSim.Simulation.Systems;

namespace MatSim.Potentials.Classical;

/// <summary>
/// Analytic Lennard-Jones tail corrections for a homogeneous system beyond the cutoff r_c
/// (Allen &amp; Tildesley, §2.8): E = (2π/V) Σ_ab N_a N_b ∫ r² u_ab dr and
/// P = −(2π/3V²) Σ_ab N_a N_b ∫ r³ u'_ab dr, summed over ordered type pairs; framework–framework
/// pairs are left out (the framework's own energy is not part of the system's).
/// </summary>
internal static class TailCorrection
{
    /// <summary>∫_rc^∞ r² u(r) dr for u = C12/r¹² − C6/r⁶.</summary>
    private static double EnergyIntegral(double c12, double c6, double rc) =>
        c12 / (9 * Math.Pow(rc, 9)) - c6 / (3 * rc * rc * rc);

    /// <summary>∫_rc^∞ r³ u'(r) dr.</summary>
    private static double VirialIntegral(double c12, double c6, double rc) =>
        -4.0 / 3 * c12 / Math.Pow(rc, 9) + 2 * c6 / (rc * rc * rc);

    /// <summary>Counts of mobile and framework atoms per type.</summary>
    public static (double[] All, double[] Framework) Counts(ParticleSystem system)
    {
        int nt = system.Types.Count;
        double[] all = new double[nt], framework = new double[nt];
        ReadOnlySpan<int> types = system.TypeIndices;
        for (int i = 0; i < system.Count; i++)
        {
            all[types[i]]++;
            if (i < system.FrameworkAtomCount) framework[types[i]]++;
        }
        return (all, framework);
    }

    public static double Energy(PairTable table, double[] all, double[] framework, double volume, double rc) =>
        2 * Math.PI / volume * Sum(table, all, framework, (c12, c6) => EnergyIntegral(c12, c6, rc));

    public static double Pressure(PairTable table, double[] all, double[] framework, double volume, double rc) =>
        -2 * Math.PI / (3 * volume * volume) * Sum(table, all, framework, (c12, c6) => VirialIntegral(c12, c6, rc));

    private static double Sum(PairTable table, double[] all, double[] framework, Func<double, double, double> integral)
    {
        int nt = table.TypeCount;
        double sum = 0;
        for (int a = 0; a < nt; a++)
        for (int b = 0; b < nt; b++)
        {
            double pairs = all[a] * all[b] - framework[a] * framework[b];
            if (pairs != 0) sum += pairs * integral(table.C12[a * nt + b], table.C6[a * nt + b]);
        }
        return sum;
    }
}
