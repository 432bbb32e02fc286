using MatSim.Simulation.IO;
using MatSim.Adsorption.Thermodynamics;

namespace MatSim.Adsorption.Tests;

public class PengRobinsonTests
{
    private static double Pa(double pascal) => MatSim.Simulation.Units.Units.PascalToInternal(pascal);
    private static readonly CriticalConstants CarbonDioxide = new(304.1282, Pa(7377300.0), 0.22394);
    private static readonly CriticalConstants Nitrogen = new(126.192, Pa(3395800.0), 0.0372);

    [Theory]
    // RASPA 2.0.50's Peng-Robinson fugacity coefficients of CO2 at 298 K (shared/reference/raspa/gcmc-co2-irmof1.csv)
    [InlineData(1e4, 0.9994528874)]
    [InlineData(1e5, 0.9945357133)]
    [InlineData(1e6, 0.9460174803)]
    public void CarbonDioxideFugacityCoefficientsMatchRaspa(double pressure, double expected)
    {
        GasState state = PengRobinson.Solve(CarbonDioxide, 298, Pa(pressure));
        Assert.Equal(expected, state.FugacityCoefficients[0], 1e-9);
        Assert.Equal(expected * Pa(pressure), state.Fugacities[0], 1e-9 * Pa(pressure));
    }

    [Fact]
    public void LowPressureGivesTheIdealGas()
    {
        GasState state = PengRobinson.Solve(CarbonDioxide, 298, Pa(1.0));
        Assert.Equal(1.0, state.FugacityCoefficients[0], 1e-6);
        Assert.Equal(1.0 / (8.314462618 * 298), state.MolarDensity, 1e-10);
    }

    [Fact]
    public void MixtureOfIdenticalComponentsEqualsThePureGas()
    {
        GasState pure = PengRobinson.Solve(CarbonDioxide, 298, Pa(2e6));
        GasState mixture = PengRobinson.Solve([CarbonDioxide, CarbonDioxide], [0.3, 0.7], 298, Pa(2e6));
        Assert.Equal(pure.FugacityCoefficients[0], mixture.FugacityCoefficients[0], 1e-12);
        Assert.Equal(pure.FugacityCoefficients[0], mixture.FugacityCoefficients[1], 1e-12);
        Assert.Equal(0.3 * pure.Fugacities[0], mixture.Fugacities[0], 1e-15);
        Assert.Equal(pure.MolarDensity, mixture.MolarDensity, 1e-9);
    }

    [Fact]
    public void CarbonDioxideNitrogenFlueGasIsThermodynamicallyConsistent()
    {
        // Gibbs–Duhem: Σ x_i d ln φ_i = (Z − 1) dP/P at constant T and composition
        double[] x = [0.15, 0.85];
        double p = Pa(1e6), dp = Pa(1e2);
        GasState low = PengRobinson.Solve([CarbonDioxide, Nitrogen], x, 298, p - dp);
        GasState high = PengRobinson.Solve([CarbonDioxide, Nitrogen], x, 298, p + dp);
        GasState mid = PengRobinson.Solve([CarbonDioxide, Nitrogen], x, 298, p);
        double lhs = x[0] * Math.Log(high.FugacityCoefficients[0] / low.FugacityCoefficients[0])
            + x[1] * Math.Log(high.FugacityCoefficients[1] / low.FugacityCoefficients[1]);
        double rhs = (mid.CompressibilityFactor - 1) * 2 * dp / p;
        Assert.Equal(rhs, lhs, 1e-9);
        Assert.True(mid.FugacityCoefficients[0] < mid.FugacityCoefficients[1]);   // CO2 is the more non-ideal
    }
}
