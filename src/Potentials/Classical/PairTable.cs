using MatSim.Simulation.Energy;
using MatSim.Simulation.Systems;

namespace MatSim.Potentials.Classical;

/// <summary>
/// Lennard-Jones coefficients for every ordered pair of a system's atom types, flattened:
/// u(r) = C12/r¹² − C6/r⁶ − Shift + (r − r_c) Slope, with C12 = 4εσ¹², C6 = 4εσ⁶; Shift = u(r_c)
/// when shifted, Slope = −u'(r_c) when force-shifted.
/// </summary>
internal sealed class PairTable
{
    public int TypeCount { get; }
    public double[] C12 { get; }
    public double[] C6 { get; }
    public double[] Shift { get; }
    public double[] Slope { get; }
    public bool ForceShifted { get; }

    public PairTable(LennardJonesOptions options, ParticleSystem system)
    {
        int nt = system.Types.Count;
        TypeCount = nt;
        C12 = new double[nt * nt];
        C6 = new double[nt * nt];
        Shift = new double[nt * nt];
        Slope = new double[nt * nt];
        ForceShifted = options.Mode == CutoffMode.ForceShifted;
        double rc = options.Cutoff;
        bool[] used = TypesInUse(system);
        double rc6 = Math.Pow(options.Cutoff, 6);
        for (int a = 0; a < nt; a++)
        for (int b = 0; b < nt; b++)
        {
            if (!used[a] || !used[b]) continue;
            LennardJonesPair p = options.PairParameters(system.Types[a].Name, system.Types[b].Name);
            double s6 = Math.Pow(p.Sigma, 6);
            C12[a * nt + b] = 4 * p.Epsilon * s6 * s6;
            C6[a * nt + b] = 4 * p.Epsilon * s6;
            int p2 = a * nt + b;
            if (options.Mode != CutoffMode.Truncated) Shift[p2] = C12[p2] / (rc6 * rc6) - C6[p2] / rc6;
            if (ForceShifted) Slope[p2] = (12 * C12[p2] / (rc6 * rc6) - 6 * C6[p2] / rc6) / rc;
        }
    }

    /// <summary>Types that framework atoms or any species use: each needs parameters.</summary>
    private static bool[] TypesInUse(ParticleSystem system)
    {
        bool[] used = new bool[system.Types.Count];
        for (int i = 0; i < system.FrameworkAtomCount; i++) used[system.TypeIndices[i]] = true;
        for (int s = 0; s < system.Species.Count; s++)
            foreach (int t in system.TypeIndicesOf(s)) used[t] = true;
        return used;
    }
}

/// <summary>An atom type of the system has no Lennard-Jones parameters.</summary>
public sealed class MissingParametersException(string type)
    : ModelParameterException($"atom type '{type}' has no Lennard-Jones parameters; give its epsilon and sigma (a type with no dispersion gets epsilon 0)")
{
    public string Type { get; } = type;
}
