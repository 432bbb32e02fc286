namespace MatSim.Simulation.Units;

/// <summary>
/// MatSim's one internal unit system. Every number inside the engine is in these units; values
/// are converted only at the boundaries (configuration, files, printed and written results).
/// <list type="table">
/// <item><term>length</term><description>ångström (Å)</description></item>
/// <item><term>energy</term><description>electronvolt (eV)</description></item>
/// <item><term>mass</term><description>unified atomic mass unit (u = Da)</description></item>
/// <item><term>charge</term><description>elementary charge (e)</description></item>
/// <item><term>temperature</term><description>kelvin (K)</description></item>
/// <item><term>time</term><description>Å·sqrt(u/eV) ≈ 10.1805 fs, so that F = m a needs no constant</description></item>
/// <item><term>pressure, stress</term><description>eV/Å³ (= 160.2177 GPa)</description></item>
/// </list>
/// Constants are the exact SI 2019 definitions (k_B, e, N_A) and CODATA 2018 (u, ε0).
/// </summary>
public static class Units
{
    /// <summary>Avogadro constant, 1/mol (exact).</summary>
    public const double Avogadro = 6.02214076e23;
    /// <summary>Elementary charge in C (exact); also J per eV.</summary>
    public const double ElementaryChargeSI = 1.602176634e-19;
    /// <summary>Boltzmann constant in J/K (exact).</summary>
    public const double BoltzmannSI = 1.380649e-23;
    /// <summary>Unified atomic mass unit in kg (CODATA 2018).</summary>
    public const double AtomicMassSI = 1.66053906660e-27;
    /// <summary>Vacuum permittivity in F/m (CODATA 2018).</summary>
    public const double VacuumPermittivitySI = 8.8541878128e-12;

    /// <summary>Boltzmann constant in eV/K.</summary>
    public const double Boltzmann = BoltzmannSI / ElementaryChargeSI;
    /// <summary>Coulomb constant e²/(4π ε0) in eV·Å (≈ 14.3996).</summary>
    public const double Coulomb = ElementaryChargeSI / (4 * Math.PI * VacuumPermittivitySI * 1e-10);

    /// <summary>One internal time unit in femtoseconds: 1e15 · 1e-10 m · sqrt(u / eV).</summary>
    public static readonly double TimeUnitInFemtoseconds = 1e5 * Math.Sqrt(AtomicMassSI / ElementaryChargeSI);

    /// <summary>kJ/mol per eV.</summary>
    public const double KilojoulePerMolePerEv = ElementaryChargeSI * Avogadro / 1000;
    /// <summary>kcal/mol per eV (thermochemical calorie, 4.184 J).</summary>
    public const double KilocaloriePerMolePerEv = KilojoulePerMolePerEv / 4.184;
    /// <summary>Pa per eV/Å³.</summary>
    public const double PascalPerEvPerCubicAngstrom = ElementaryChargeSI * 1e30;
    /// <summary>bar per eV/Å³.</summary>
    public const double BarPerEvPerCubicAngstrom = PascalPerEvPerCubicAngstrom / 1e5;
    /// <summary>Hartree in eV (CODATA 2018).</summary>
    public const double HartreeInEv = 27.211386245988;
    /// <summary>Bohr radius in Å (CODATA 2018).</summary>
    public const double BohrInAngstrom = 0.529177210903;

    /// <summary>Energy in eV of a temperature-like energy ε/k_B given in K.</summary>
    public static double KelvinToEv(double kelvin) => kelvin * Boltzmann;
    /// <summary>ε/k_B in K of an energy in eV.</summary>
    public static double EvToKelvin(double ev) => ev / Boltzmann;
    public static double EvToKilojoulePerMole(double ev) => ev * KilojoulePerMolePerEv;
    public static double KilojoulePerMoleToEv(double kjPerMol) => kjPerMol / KilojoulePerMolePerEv;
    public static double BarToInternal(double bar) => bar / BarPerEvPerCubicAngstrom;
    public static double InternalToBar(double pressure) => pressure * BarPerEvPerCubicAngstrom;
    public static double PascalToInternal(double pascal) => pascal / PascalPerEvPerCubicAngstrom;
    public static double InternalToPascal(double pressure) => pressure * PascalPerEvPerCubicAngstrom;
    public static double FemtosecondsToInternal(double fs) => fs / TimeUnitInFemtoseconds;
    public static double InternalToFemtoseconds(double time) => time * TimeUnitInFemtoseconds;
}
