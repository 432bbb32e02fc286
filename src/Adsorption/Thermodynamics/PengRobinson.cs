using MatSim.Simulation.IO;
using MatSim.Simulation.Units;

namespace MatSim.Adsorption.Thermodynamics;

/// <summary>The state of a gas mixture from an equation of state (fugacities in eV/Å³, molar density in mol/m³).</summary>
public sealed record GasState(double[] FugacityCoefficients, double[] Fugacities, double CompressibilityFactor, double MolarDensity)
{
    /// <summary>Number density of the whole gas in molecules per Å³.</summary>
    public double NumberDensity => MolarDensity * Units.Avogadro * 1e-30;
}

/// <summary>
/// The Peng–Robinson equation of state (Peng &amp; Robinson, Ind. Eng. Chem. Fundam. 15, 59 (1976))
/// for pure gases and mixtures with van der Waals one-fluid mixing rules and binary interaction
/// parameters k_ij (0 by default): fugacity coefficients, fugacities and the bulk density. The
/// vapour-like (largest) root of the cubic is taken, as RASPA does for adsorption.
/// </summary>
public static class PengRobinson
{
    private const double GasConstant = 8.314462618;   // J/(mol K)

    /// <param name="components">critical temperature (K), critical pressure (eV/Å³), acentric factor</param>
    /// <param name="moleFractions">composition of the gas (normalised here)</param>
    /// <param name="temperature">K</param>
    /// <param name="pressure">eV/Å³ (internal units)</param>
    /// <param name="binaryInteraction">k_ij of the van der Waals mixing rule (zero when null)</param>
    public static GasState Solve(IReadOnlyList<CriticalConstants> components, IReadOnlyList<double> moleFractions, double temperature,
        double pressure, double[,]? binaryInteraction = null)
    {
        int n = components.Count;
        if (moleFractions.Count != n) throw new ArgumentException("one mole fraction per component is needed");
        if (!(pressure > 0)) throw new ArgumentOutOfRangeException(nameof(pressure), pressure, "the pressure must be positive");
        double pascal = Units.InternalToPascal(pressure);
        double total = moleFractions.Sum();
        double[] x = moleFractions.Select(v => v / total).ToArray();
        var a = new double[n];
        var b = new double[n];
        for (int i = 0; i < n; i++)
        {
            var (tc, pcInternal, omega) = components[i];
            double pc = Units.InternalToPascal(pcInternal);
            double kappa = 0.37464 + 1.54226 * omega - 0.26992 * omega * omega;
            double alpha = Math.Pow(1 + kappa * (1 - Math.Sqrt(temperature / tc)), 2);
            a[i] = 0.45724 * GasConstant * GasConstant * tc * tc / pc * alpha;
            b[i] = 0.07780 * GasConstant * tc / pc;
        }
        var aij = new double[n, n];
        double am = 0, bm = 0;
        for (int i = 0; i < n; i++)
        {
            bm += x[i] * b[i];
            for (int j = 0; j < n; j++)
            {
                double k = binaryInteraction?[i, j] ?? 0;
                aij[i, j] = (1 - k) * Math.Sqrt(a[i] * a[j]);
                am += x[i] * x[j] * aij[i, j];
            }
        }
        double rt = GasConstant * temperature;
        double A = am * pascal / (rt * rt), B = bm * pascal / rt;
        // Z³ − (1 − B) Z² + (A − 3B² − 2B) Z − (AB − B² − B³) = 0
        double z = LargestRoot(-(1 - B), A - 3 * B * B - 2 * B, -(A * B - B * B - B * B * B));
        var phi = new double[n];
        var fugacity = new double[n];
        double sqrt2 = Math.Sqrt(2);
        for (int i = 0; i < n; i++)
        {
            double sum = 0;
            for (int j = 0; j < n; j++) sum += x[j] * aij[i, j];
            double lnPhi = b[i] / bm * (z - 1) - Math.Log(z - B)
                - A / (2 * sqrt2 * B) * (2 * sum / am - b[i] / bm) * Math.Log((z + (1 + sqrt2) * B) / (z + (1 - sqrt2) * B));
            phi[i] = Math.Exp(lnPhi);
            fugacity[i] = phi[i] * x[i] * pressure;
        }
        return new GasState(phi, fugacity, z, pascal / (z * rt));
    }

    /// <summary>Pure component.</summary>
    public static GasState Solve(CriticalConstants component, double temperature, double pressure) =>
        Solve([component], [1.0], temperature, pressure);

    /// <summary>The largest real root of z³ + c2 z² + c1 z + c0 (Cardano / trigonometric form).</summary>
    private static double LargestRoot(double c2, double c1, double c0)
    {
        double p = c1 - c2 * c2 / 3, q = 2 * c2 * c2 * c2 / 27 - c2 * c1 / 3 + c0;
        double discriminant = q * q / 4 + p * p * p / 27;
        double shift = -c2 / 3;
        if (discriminant > 0)
        {
            double s = Math.Sqrt(discriminant);
            return Math.Cbrt(-q / 2 + s) + Math.Cbrt(-q / 2 - s) + shift;
        }
        double r = Math.Sqrt(-p / 3);
        double angle = Math.Acos(Math.Clamp(-q / (2 * r * r * r), -1, 1));
        return 2 * r * Math.Cos(angle / 3) + shift;   // the largest of the three real roots
    }
}
