using MatSim.Adsorption.Jobs;
using MatSim.Adsorption.Systems;

namespace MatSim.Adsorption.Tests;

public sealed class FrameworkChargeTests
{
    [Fact]
    public void Neutralising_removes_the_excess_in_proportion_to_each_charge_magnitude()
    {
        // a zeolite-like cell: Si +2.05, O −1.025, one oxygen too many (net −1.025 e)
        double[] charges = [2.05, 2.05, -1.025, -1.025, -1.025, -1.025, -1.025];
        double[] neutral = FrameworkCharge.Neutralised(charges);
        double total = charges.Sum(), magnitude = charges.Sum(Math.Abs);
        Assert.Equal(0, neutral.Sum(), 12);
        for (int i = 0; i < charges.Length; i++)
        {
            Assert.Equal(charges[i] - total * Math.Abs(charges[i]) / magnitude, neutral[i], 15);
            Assert.Equal(Math.Sign(charges[i]), Math.Sign(neutral[i]));
        }
        // the same fractional change for every atom of one sign: q'/q = 1 − Q·sign(q)/Σ|q|
        Assert.Equal(neutral[0] / charges[0], neutral[1] / charges[1], 15);
        Assert.Equal(neutral[2] / charges[2], neutral[6] / charges[6], 15);
    }

    [Fact]
    public void Neutral_and_uncharged_frameworks_are_left_as_they_are()
    {
        double[] neutral = [1.5, -0.75, -0.75];
        Assert.Equal(neutral, FrameworkCharge.Neutralised(neutral));
        Assert.Equal(new double[3], FrameworkCharge.Neutralised(new double[3]));
    }
}
