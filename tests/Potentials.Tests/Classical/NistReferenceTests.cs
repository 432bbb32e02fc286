using MatSim.Potentials.Classical;
using MatSim.Simulation.Energy;
using MatSim.Simulation.IO.ExtXyz;
using MatSim.Simulation.Structures;
using MatSim.Simulation.Systems;
using MatSim.TestSupport;
using U = MatSim.Simulation.Units.Units;

namespace MatSim.Potentials.Tests.Classical;

/// <summary>
/// Single-configuration energies of the NIST Standard Reference Simulation Website
/// (../shared/reference/lj-nist and spce-nist): every component to the published digits.
/// </summary>
public class NistReferenceTests
{
    private static Structure ReadConfiguration(string folder, string file) =>
        Assert.Single(ExtXyzReader.ReadFile(Repository.RequireShared($"reference/{folder}/{file}"))).Structure;

    public static TheoryData<int> LennardJonesRows => new() { 0, 1, 2 };

    [Theory]
    [MemberData(nameof(LennardJonesRows))]
    public void LennardJonesPairEnergyVirialAndTailCorrection(int row)
    {
        var table = ReferenceTable.Read(Repository.RequireShared("reference/lj-nist/energies.csv"));
        var r = table.Rows[row];
        double rc = ReferenceTable.Number(r, "rc");
        // reduced units: σ = 1 Å, ε = 1 eV, so energies in eV are the reduced numbers
        LennardJones Model(bool tail) => new(new LennardJonesOptions
        {
            Types = new Dictionary<string, LennardJonesPair> { ["Ar"] = new(1.0, 1.0) },
            Cutoff = rc,
            TailCorrection = tail,
        });
        ParticleSystem system = SystemBuilder.FromStructure(ReadConfiguration("lj-nist", r["file"]));
        Assert.Equal(ReferenceTable.Number(r, "N"), system.Count);
        EnergyEvaluation withTail = Model(tail: true).Bind(system).Evaluate(system);
        // W_pair is the pair virial alone (the tail correction adds 3 V P_tail to the trace)
        EnergyEvaluation pairsOnly = Model(tail: false).Bind(system).Evaluate(system, EnergyRequest.Virial);

        double[] expected = [ReferenceTable.Number(r, "U_pair"), ReferenceTable.Number(r, "W_pair"), ReferenceTable.Number(r, "U_lrc")];
        double[] actual = [withTail.Components[LennardJones.Component], pairsOnly.Virial.Trace, withTail.Components[LennardJones.TailComponent]];
        bool cubic = r["file"].Contains("cubic");
        for (int k = 0; k < 3; k++)
        {
            // cubic rows: five significant digits published (half a unit of the last); triclinic: 1e-9 relative
            double tolerance = cubic ? 0.5e-4 * Math.Pow(10, Math.Floor(Math.Log10(Math.Abs(expected[k])))) : 1e-9 * Math.Abs(expected[k]);
            Assert.True(Math.Abs(actual[k] - expected[k]) <= tolerance, $"{r["file"]} rc={rc} column {k}: {actual[k]} vs {expected[k]}");
        }
    }

    private static readonly double KelvinPerEv = 1 / U.Boltzmann;

    private static (ParticleSystem System, IEnergyModel Model) Water(string file, double rc, EwaldOptions ewald)
    {
        Structure s = ReadConfiguration("spce-nist", file);
        // molecules are consecutive O H H triples; SPC/E charges
        int[] molecules = Enumerable.Range(0, s.Count).Select(i => i / 3).ToArray();
        double[] charges = s.Elements.Select(e => e.Symbol == "O" ? -0.8476 : 0.4238).ToArray();
        var water = new Structure(s.Cell, s.Elements, s.Positions, s.Types, charges, molecules);
        var lj = new LennardJones(new LennardJonesOptions
        {
            Types = new Dictionary<string, LennardJonesPair>
            {
                ["O"] = new(78.19743111 * U.Boltzmann, 3.16555789),
                ["H"] = new(0, 1),
            },
            Cutoff = rc,
            TailCorrection = true,
        });
        return (SystemBuilder.FromStructure(water), new CompositeEnergy([lj, new Ewald(ewald)]));
    }

    [Fact]
    public void SpceCubicConfigurationEveryComponent()
    {
        var table = ReferenceTable.Read(Repository.RequireShared("reference/spce-nist/energies.csv"));
        var r = table.Rows.Single(row => row["file"] == "config1-cubic.extxyz");
        var (system, model) = Water("config1-cubic.extxyz", 10, new EwaldOptions
        {
            RealCutoff = 10,
            Alpha = 5.6 / 20,
            KSpace = new KSpaceRule { MaxIndex = (5, 5, 5), MaxIndexSquared = 27 },
        });
        EnergyEvaluation e = model.Bind(system).Evaluate(system);
        // published as E/k_B in K to six significant digits: agree to half a unit of the last digit
        void Check(string column, double ev)
        {
            double expected = ReferenceTable.Number(r, column), actual = ev * KelvinPerEv;
            double halfUnit = 0.5e-5 * Math.Pow(10, Math.Floor(Math.Log10(Math.Abs(expected))));
            Assert.True(Math.Abs(actual - expected) <= halfUnit, $"{column}: {actual} K vs {expected} K");
        }
        Check("disp", e.Components[LennardJones.Component]);
        Check("lrc", e.Components[LennardJones.TailComponent]);
        Check("real", e.Components[Ewald.RealComponent]);
        Check("fourier", e.Components[Ewald.FourierComponent]);
        Check("self", e.Components[Ewald.SelfComponent]);
        Check("intra", e.Components[Ewald.IntraComponent]);
        // the total is the sum of unrounded components: 5e-6 relative (shared/reference/README.md)
        double total = ReferenceTable.Number(r, "total");
        Assert.True(Math.Abs(e.Energy * KelvinPerEv - total) <= 5e-6 * Math.Abs(total), $"total: {e.Energy * KelvinPerEv} K vs {total} K");
    }

    [Theory]
    [InlineData("cube7+sphere")]
    [InlineData("cube7")]
    public void SpceTriclinicConfigurationEveryComponent(string rule)
    {
        var table = ReferenceTable.Read(Repository.RequireShared("reference/spce-nist/energies.csv"));
        var r = table.Rows.Single(row => row["file"] == "config1-triclinic.extxyz" && row["kspace_rule"] == rule);
        var (system, model) = Water("config1-triclinic.extxyz", 10, new EwaldOptions
        {
            RealCutoff = 10,
            Alpha = 0.2850,
            KSpace = new KSpaceRule
            {
                MaxIndex = (7, 7, 7),
                MaxWaveNumber = rule == "cube7+sphere" ? 2 * Math.PI * 7 / 28.97777478867205 : null,
            },
        });
        EnergyEvaluation e = model.Bind(system).Evaluate(system);
        double kjPerMol = U.KilojoulePerMolePerEv;
        void Check(string column, double ev)
        {
            double expected = ReferenceTable.Number(r, column), actual = ev * kjPerMol;
            Assert.True(Math.Abs(actual - expected) <= 1e-6 * Math.Abs(expected), $"{column}: {actual} vs {expected} kJ/mol");
        }
        Check("disp", e.Components[LennardJones.Component]);
        Check("lrc", e.Components[LennardJones.TailComponent]);
        Check("real", e.Components[Ewald.RealComponent]);
        Check("fourier", e.Components[Ewald.FourierComponent]);
        Check("self", e.Components[Ewald.SelfComponent]);
        Check("intra", e.Components[Ewald.IntraComponent]);
    }
}
