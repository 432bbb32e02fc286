using MatSim.Sampling.Targets;

namespace MatSim.Sampling.Estimators;

/// <summary>Exact reference for the double well: its density factorises, so state free energies are 1D integrals over x₁.</summary>
public static class DoubleWellIntegral
{
    /// <summary>F(x₁ ≥ b) − F(x₁ &lt; b) = −kT ln(∫_{x₁≥b} e^{−u₁/kT} / ∫_{x₁&lt;b} e^{−u₁/kT}) by the midpoint rule on [−6, 6] (the x₂ factor cancels).</summary>
    public static double FreeEnergyDifference(double kT, double boundary = 0)
    {
        const double h = 1e-4;
        double low = 0, high = 0;
        for (double a = -6 + h / 2; a < 6; a += h)
        {
            double w = Math.Exp(-DoubleWell.AlongX1(a) / kT);
            if (a < boundary) low += w; else high += w;
        }
        return -kT * Math.Log(high / low);
    }
}
