using MatSim.Conformance;
using MatSim.Adsorption.Jobs;
using MatSim.Adsorption.Systems;
using MatSim.Potentials.Classical;
using MatSim.Adsorption.ForceFields;
using MatSim.Simulation.Energy;
using MatSim.Simulation.Engines.MonteCarlo;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.IO;
using MatSim.Simulation.IO.Cif;
using MatSim.Simulation.Random;
using MatSim.Simulation.Systems;
using MatSim.TestSupport;
using U = MatSim.Simulation.Units.Units;

namespace MatSim.Adsorption.Tests;

/// <summary>Tabulated framework fields against the direct sums they replace.</summary>
public class FrameworkGridTests(ITestOutputHelper output)
{
    // All-silica MFI (bundled CIF) with charged Si and O, a short cutoff so that grids build in a second.
    private static AdsorptionOptions Options(double? spacing) => new()
    {
        Framework = CifReader.ReadFile(Repository.PathOf("data", "frameworks", "MFI.cif")),
        ForceField = new ForceField
        {
            Name = "test",
            Elements = new Dictionary<string, ForceFieldEntry>
            {
                ["O"] = new(new LennardJonesPair(52 * U.Boltzmann, 3.04), Charge: -0.75),
                ["Si"] = new(new LennardJonesPair(22 * U.Boltzmann, 2.30), Charge: 1.5),
            },
            Mode = CutoffMode.Shifted,
            TailCorrection = true,
        },
        Guests = [MoleculeFile.Read(Repository.PathOf("data", "molecules", "co2-trappe.yaml"))],
        Cutoff = 6.5,
        ChargeCutoff = 6.5,
        EwaldPrecision = 1e-5,
        Charges = ChargeSource.ForceField,
        UnitCells = new Replication(1, 1, 2),
        GridSpacing = spacing,
    };

    private static ParticleSystem WithMolecules(AdsorptionSystem adsorption, int count, ulong seed)
    {
        // molecules at low-energy spots: each the best of 30 random trial positions
        ParticleSystem system = adsorption.System.Clone();
        IBoundEnergy energy = adsorption.Energy.Bind(system);
        var rng = new Rng(seed);
        var proposal = new MoveProposal();
        var best = new Vec3[3];
        for (int m = 0; m < count; m++)
        {
            double lowest = double.MaxValue;
            for (int trial = 0; trial < 30; trial++)
            {
                var target = proposal.Insert(system, 0);
                system.Species[0].Place(system.Cell!.ToCartesian(new Vec3(rng.NextDouble(), rng.NextDouble(), rng.NextDouble())), rng.NextRotation(), target);
                double e = energy.Propose(proposal);
                if (e < lowest)
                {
                    lowest = e;
                    target.CopyTo(best);
                }
            }
            best.CopyTo(proposal.Insert(system, 0));
            energy.Propose(proposal);
            system.Apply(proposal);
            energy.Commit();
        }
        return system;
    }

    [Fact]
    public void GriddedAndDirectModelsAgreeOnInsertionEnergies()
    {
        AdsorptionSystem direct = AdsorptionSystem.Build(Options(null));
        AdsorptionSystem gridded = AdsorptionSystem.Build(Options(0.15));
        Assert.Equal(0, gridded.System.FrameworkAtomCount);
        IBoundEnergy a = direct.Energy.Bind(direct.System), b = gridded.Energy.Bind(gridded.System);
        var rng = new Rng(3);
        var pa = new MoveProposal();
        var pb = new MoveProposal();
        double beta = 1 / (U.Boltzmann * 298), wa = 0, wb = 0, weightedError = 0;
        for (int i = 0; i < 3000; i++)
        {
            Vec3 centre = direct.System.Cell!.ToCartesian(new Vec3(rng.NextDouble(), rng.NextDouble(), rng.NextDouble()));
            Mat3 rotation = rng.NextRotation();
            direct.Guests[0].Species.Place(centre, rotation, pa.Insert(direct.System, 0));
            gridded.Guests[0].Species.Place(centre, rotation, pb.Insert(gridded.System, 0));
            double ea = a.Propose(pa), eb = b.Propose(pb);
            double w = Math.Exp(-beta * Math.Min(ea, 5));
            wa += w;
            wb += Math.Exp(-beta * Math.Min(eb, 5));
            weightedError += w * Math.Abs(eb - ea) / Math.Max(Math.Abs(ea), 1e-3);
        }
        output.WriteLine($"<W> direct {wa / 3000:G6}, gridded {wb / 3000:G6}; Boltzmann-weighted relative energy error {weightedError / wa:E2}");
        Assert.True(Math.Abs(wb / wa - 1) < 3e-3, $"<W> differs by {wb / wa - 1:E2}");
        Assert.True(weightedError / wa < 2e-3, $"weighted relative error {weightedError / wa:E2}");
    }

    [Fact]
    public void GriddedModelPassesTheConformanceChecks()
    {
        AdsorptionSystem gridded = AdsorptionSystem.Build(Options(0.2));
        ParticleSystem system = WithMolecules(gridded, 12, 5);
        // forces are the gradient of the interpolant (and of the direct sum next to walls)
        EnergyConformance.ForcesAreMinusTheGradient(gridded.Energy, system, sampledAtoms: 6, tolerance: 2e-5);
        EnergyConformance.IncrementalEqualsFull(gridded.Energy, system, moves: 1500, relativeTolerance: 1e-10, maxTranslation: 0.5);
    }

    [Fact]
    public void GridsAreCachedAndReusedFromDisk()
    {
        string cache = Repository.TemporaryDirectory("grid-cache");
        AdsorptionOptions options = Options(0.3) with { GridCache = cache };
        AdsorptionSystem first = AdsorptionSystem.Build(options);
        double e1 = first.Energy.Bind(first.System).Evaluate(WithMolecules(first, 3, 1)).Energy;
        Assert.NotEmpty(Directory.GetFiles(cache, "*.grid"));
        int files = Directory.GetFiles(cache, "*.grid").Length;
        AdsorptionSystem second = AdsorptionSystem.Build(options);
        double e2 = second.Energy.Bind(second.System).Evaluate(WithMolecules(second, 3, 1)).Energy;
        Assert.Equal(e1, e2);
        Assert.Equal(files, Directory.GetFiles(cache, "*.grid").Length);
        // another spacing is another grid
        AdsorptionSystem third = AdsorptionSystem.Build(options with { GridSpacing = 0.35 });
        third.Energy.Bind(third.System).Evaluate(WithMolecules(third, 1, 1));
        Assert.True(Directory.GetFiles(cache, "*.grid").Length > files);
    }
}
