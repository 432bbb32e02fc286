using MatSim.Simulation.Units;
using U = MatSim.Simulation.Units.Units;

namespace MatSim.Simulation.Tests.Units;

public class UnitsTests
{
    [Fact]
    public void CoulombConstantMatchesTheValueNistUsesForSpceWater()
    {
        // NIST SRSW SPC/E reference: 1389.35457644 kJ mol^-1 Å e^-2 (see shared/reference/spce-nist).
        double kjPerMolAngstrom = U.Coulomb * U.KilojoulePerMolePerEv;
        Assert.Equal(1389.35457644, kjPerMolAngstrom, 1e-6);
    }

    [Fact]
    public void DerivedConstantsAgreeWithHandCalculations()
    {
        Assert.Equal(8.617333262e-5, U.Boltzmann, 1e-14);          // eV/K, CODATA 2018
        Assert.Equal(96.48533212, U.KilojoulePerMolePerEv, 1e-7);   // kJ/mol per eV
        Assert.Equal(10.1805055, U.TimeUnitInFemtoseconds, 1e-6);   // sqrt(u Å² / eV) in fs
        Assert.Equal(1.602176634e6, U.BarPerEvPerCubicAngstrom, 1e-3);
    }

    [Theory]
    [InlineData("298 K", Dimension.Temperature, 298.0)]
    [InlineData("298K", Dimension.Temperature, 298.0)]
    [InlineData("12.8 angstrom", Dimension.Length, 12.8)]
    [InlineData("12.8 Å", Dimension.Length, 12.8)]
    [InlineData("1.5 nm", Dimension.Length, 15.0)]
    [InlineData("1 bohr", Dimension.Length, 0.529177210903)]
    [InlineData("2 eV", Dimension.Energy, 2.0)]
    [InlineData("-3e2 meV", Dimension.Energy, -0.3)]
    [InlineData("90 deg", Dimension.Angle, Math.PI / 2)]
    [InlineData("39.948 u", Dimension.Mass, 39.948)]
    [InlineData("-0.8476 e", Dimension.Charge, -0.8476)]
    [InlineData("5", Dimension.Dimensionless, 5.0)]
    public void ParsesQuantitiesIntoInternalUnits(string text, Dimension dimension, double expected)
    {
        Assert.Equal(expected, Quantity.Parse(text, dimension), 1e-12);
    }

    [Fact]
    public void ConvertsPressureEnergyAndTimeUnits()
    {
        Assert.Equal(1e6 / 1.602176634e11, Quantity.Parse("10 bar", Dimension.Pressure), 1e-18);
        Assert.Equal(101325 / 1.602176634e11, Quantity.Parse("1 atm", Dimension.Pressure), 1e-18);
        Assert.Equal(1 / 96.48533212331, Quantity.Parse("1 kJ/mol", Dimension.Energy), 1e-12);
        Assert.Equal(4.184 / 96.48533212331, Quantity.Parse("1 kcal/mol", Dimension.Energy), 1e-12);
        // ε/k_B written in K, as force fields do
        Assert.Equal(78.19743111 * 1.380649e-23 / 1.602176634e-19, Quantity.Parse("78.19743111 K", Dimension.Energy), 1e-16);
        Assert.Equal(2 / 10.1805055, Quantity.Parse("2 fs", Dimension.Time), 1e-7);
        Assert.Equal(1000 / 10.1805055, Quantity.Parse("1 ps", Dimension.Time), 1e-4);
        Assert.Equal(10.0, Quantity.ToUnit(Quantity.Parse("10 bar", Dimension.Pressure), Dimension.Pressure, "bar"), 1e-12);
    }

    [Theory]
    [InlineData("298", Dimension.Temperature, "has no unit")]
    [InlineData("10 parsec", Dimension.Length, "not a unit of length")]
    [InlineData("warm", Dimension.Temperature, "not a number")]
    [InlineData("10 bar", Dimension.Temperature, "not a unit of temperature")]
    [InlineData("3 K", Dimension.Dimensionless, "without a unit")]
    public void RejectsMalformedQuantitiesSayingWhatWasExpected(string text, Dimension dimension, string expected)
    {
        Assert.False(Quantity.TryParse(text, dimension, out _, out string error));
        Assert.Contains(expected, error);
    }
}
