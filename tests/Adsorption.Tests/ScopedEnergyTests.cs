using MatSim.Adsorption.ForceFields;
using MatSim.Adsorption.Systems;
using MatSim.Conformance;
using MatSim.Simulation.Energy;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.IO;
using MatSim.Simulation.IO.Cif;
using MatSim.Simulation.Random;
using MatSim.Simulation.Systems;
using MatSim.TestSupport;

namespace MatSim.Adsorption.Tests;

/// <summary>
/// `acts_on:` restricts any model to the framework–guest or guest–guest part of a box holding the framework:
/// the parts sum to the model, their incremental energies follow full recomputation, and the framework–guest
/// Lennard-Jones of the direct sum agrees with the independently tabulated framework field.
/// </summary>
public class ScopedEnergyTests
{
    /// <summary>Bundled IRMOF-1 (uncharged), DREIDING/UFF, TraPPE CO2: Lennard-Jones plus Ewald for the guests' charges.</summary>
    private static AdsorptionSystem CarbonDioxideInIrmof(double? gridSpacing = null) => AdsorptionSystem.Build(new AdsorptionOptions
    {
        Framework = CifReader.ReadFile(Repository.PathOf("data", "frameworks", "IRMOF-1.cif")),
        ForceField = ForceFieldFile.Read(Repository.PathOf("data", "forcefields", "dreiding-uff.yaml")),
        Guests = [MoleculeFile.Read(Repository.PathOf("data", "molecules", "co2-trappe.yaml"))],
        Cutoff = 12.8,
        ChargeCutoff = 12.8,
        Charges = ChargeSource.None,
        GridSpacing = gridSpacing,
    });

    /// <summary>Adds CO2 molecules at random points and orientations, none of their atoms closer than <paramref name="clearance"/> (Å) to another atom.</summary>
    private static ParticleSystem WithGuests(ParticleSystem system, int count, ulong seed, double clearance = 2.5)
    {
        var rng = new Rng(seed);
        var positions = new Vec3[3];
        while (system.MoleculeCount < count)
        {
            Vec3 centre = system.Cell!.ToCartesian(new Vec3(rng.NextDouble(), rng.NextDouble(), rng.NextDouble()));
            system.Species[0].Place(centre, rng.NextRotation(), positions);
            bool clear = true;
            foreach (Vec3 atom in system.Positions)
                foreach (Vec3 p in positions)
                    clear &= system.Cell.MinimumImage(atom - p).Length > clearance;
            if (clear) system.AddMolecule(0, positions);
        }
        return system;
    }

    private static double Energy(IEnergyModel model, ParticleSystem system) => model.Bind(system).TotalEnergy(system);

    [Fact]
    public void TheFrameworkGuestAndGuestGuestPartsSumToTheModelInFullAndPerMove()
    {
        AdsorptionSystem adsorption = CarbonDioxideInIrmof();
        ParticleSystem system = WithGuests(adsorption.System.Clone(), 12, seed: 3);
        IEnergyModel model = adsorption.Energy;
        var hostGuest = new ScopedEnergy(model, InteractionScope.HostGuest);
        var guestGuest = new ScopedEnergy(model, InteractionScope.GuestGuest);
        var frameworkOnly = new ParticleSystem(system.Cell, system.Types, system.Species, system.FrameworkAtomCount);
        for (int a = 0; a < system.FrameworkAtomCount; a++) frameworkOnly.AddFrameworkAtom(system.TypeIndices[a], system.Charges[a], system.Positions[a]);

        double whole = Energy(model, system), hg = Energy(hostGuest, system), gg = Energy(guestGuest, system);
        Assert.Equal(whole, hg + gg + Energy(model, frameworkOnly), 1e-9 * Math.Abs(whole));
        Assert.True(hg < -0.05 && gg != 0, $"both parts should matter: framework–guest {hg} eV, guest–guest {gg} eV");

        IBoundEnergy all = model.Bind(system), h = hostGuest.Bind(system), g = guestGuest.Bind(system);
        var rng = new Rng(5);
        var move = new MoveProposal();
        var positions = new Vec3[3];
        for (int i = 0; i < 200; i++)
        {
            int molecule = rng.NextInt(system.MoleculeCount);
            if (i % 3 == 2)
            {
                move.Delete(system, molecule);
            }
            else
            {
                Vec3 centre = system.Cell!.ToCartesian(new Vec3(rng.NextDouble(), rng.NextDouble(), rng.NextDouble()));
                system.Species[0].Place(centre, rng.NextRotation(), positions);
                positions.CopyTo(i % 3 == 0 ? move.Insert(system, 0) : move.Displace(system, molecule));
            }
            double delta = all.Propose(move), parts = h.Propose(move) + g.Propose(move);
            Assert.Equal(delta, parts, 1e-9 * Math.Max(1, Math.Abs(delta)));
            if (delta > 1 || system.MoleculeCount < 4) continue;
            system.Apply(move);
            all.Commit();
            h.Commit();
            g.Commit();
        }
    }

    [Theory]
    [InlineData(InteractionScope.HostGuest)]
    [InlineData(InteractionScope.GuestGuest)]
    public void IncrementalEnergiesOfAScopeFollowFullRecomputation(InteractionScope scope)
    {
        AdsorptionSystem adsorption = CarbonDioxideInIrmof();
        ParticleSystem system = WithGuests(adsorption.System.Clone(), 8, seed: 11);
        EnergyConformance.IncrementalEqualsFull(new ScopedEnergy(adsorption.Energy, scope), system, moves: 600, relativeTolerance: 1e-9, maxIncrease: 1.0);
    }

    [Fact]
    public void FrameworkGuestLennardJonesOfTheDirectSumAgreesWithTheTabulatedField()
    {
        AdsorptionSystem direct = CarbonDioxideInIrmof(), gridded = CarbonDioxideInIrmof(gridSpacing: 0.15);
        // in the pores, where guests sit, not on the walls' steep repulsion, where grids give way to exact sums anyway
        ParticleSystem withFramework = WithGuests(direct.System.Clone(), 10, seed: 7, clearance: 3.2);
        ParticleSystem guestsOnly = gridded.System.Clone();
        for (int m = 0; m < withFramework.MoleculeCount; m++)
            guestsOnly.AddMolecule(0, withFramework.Positions.Slice(withFramework.FirstAtomOf(m), 3));

        IEnergyModel lennardJones = CompositeEnergy.TermsOf(direct.Energy).Single(t => t.Name == "lj");
        var hostGuest = new ScopedEnergy(lennardJones, InteractionScope.HostGuest);
        double scoped = hostGuest.Bind(withFramework).Evaluate(withFramework).Components["lj[host-guest]"];
        IEnergyModel field = CompositeEnergy.TermsOf(gridded.Energy).Single(t => t.Name == "framework-field");
        double tabulated = field.Bind(guestsOnly).Evaluate(guestsOnly).Components["framework_lj"];

        Assert.True(scoped < -0.05, $"the guests should feel the framework: {scoped} eV");
        Assert.Equal(tabulated, scoped, 2e-3 * Math.Abs(tabulated));
    }

    [Fact]
    public void HostGuestNeedsTheFrameworkInTheBox()
    {
        AdsorptionSystem gridded = CarbonDioxideInIrmof(gridSpacing: 0.4);
        var scoped = new ScopedEnergy(gridded.Energy, InteractionScope.HostGuest);
        Assert.Throws<ModelParameterException>(() => scoped.Bind(gridded.System.Clone()));
    }
}
