using MatSim.Potentials.Classical;
using MatSim.Simulation.Chemistry;
using MatSim.Simulation.Engines.MonteCarlo;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.Random;
using MatSim.Simulation.Systems;
using U = MatSim.Simulation.Units.Units;

namespace MatSim.Potentials.Tests.Engines;

/// <summary>
/// Detailed balance of reinsertion acting on any molecule (as `mc` uses it): one argon atom beside a fixed atom
/// (Lennard-Jones, truncated at r_c), moved only by reinsertion, must be within R of the fixed atom with the
/// probability ∫₀ᴿ e^{−βu} 4πr² dr / Z, Z = V − 4πr_c³/3 + ∫₀^{r_c} e^{−βu} 4πr² dr.
/// </summary>
public class ReinsertionBalanceTests
{
    [Fact]
    public void AnAtomBesideAFixedAtomIsWhereTheBoltzmannFactorPutsIt()
    {
        const double epsilon = 0.02, sigma = 3.4, cutoff = 6.0, near = 4.5, temperature = 150, edge = 14;
        var argon = new AtomType("Ar", Elements.FromSymbol("Ar"), 39.948);
        var system = new ParticleSystem(Cell.Cubic(edge), [argon], [Species.Atom(argon)]);
        var centre = new Vec3(edge / 2, edge / 2, edge / 2);
        system.AddFrameworkAtom(0, 0, centre);
        system.AddMolecule(0, [new Vec3(1, 1, 1)]);
        var model = new LennardJones(new LennardJonesOptions
        {
            Types = new Dictionary<string, LennardJonesPair> { ["Ar"] = new(epsilon, sigma) }, Cutoff = cutoff,
        });
        var engine = new MonteCarloEngine(system, model.Bind(system), [new ReinsertionMove(1)], temperature, new Rng(17));

        const int samples = 60_000;
        int inside = 0;
        for (int i = 0; i < samples; i++)
        {
            engine.RunCycle();
            if (system.Cell!.MinimumImage(system.Positions[1] - centre).Length < near) inside++;
        }

        double beta = 1 / (U.Boltzmann * temperature);
        double Weight(double r) => Math.Exp(-beta * 4 * epsilon * (Math.Pow(sigma / r, 12) - Math.Pow(sigma / r, 6))) * 4 * Math.PI * r * r;
        double Integral(double to) => Simpson(Weight, 0.5, to, 4000);
        double z = Math.Pow(edge, 3) - 4 * Math.PI * Math.Pow(cutoff, 3) / 3 + Integral(cutoff);
        double expected = Integral(near) / z;
        double observed = inside / (double)samples;
        // each cycle makes 20 attempts; successive samples are close to independent, and 3 binomial SE bound them
        double se = Math.Sqrt(expected * (1 - expected) / samples);
        Assert.True(Math.Abs(observed - expected) <= 3 * se, $"P(r < {near} Å) = {observed:F4}, Boltzmann {expected:F4} ± {se:F4}");
    }

    private static double Simpson(Func<double, double> f, double a, double b, int intervals)
    {
        double h = (b - a) / intervals, sum = f(a) + f(b);
        for (int i = 1; i < intervals; i++) sum += f(a + i * h) * (i % 2 == 1 ? 4 : 2);
        return sum * h / 3;
    }
}
