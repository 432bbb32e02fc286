using System.Globalization;
using System.Text.Json.Nodes;
using MatSim.Adsorption.Systems;
using MatSim.Simulation.Config;
using MatSim.Simulation.Energy;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.IO;
using MatSim.Simulation.IO.ExtXyz;
using MatSim.Simulation.Jobs;
using MatSim.Simulation.Plugins;
using MatSim.Simulation.Random;
using MatSim.Simulation.Structures;
using MatSim.Simulation.Systems;
using MatSim.Simulation.Units;
using U = MatSim.Simulation.Units.Units;

namespace MatSim.Adsorption.Jobs;

/// <summary>
/// `job: guest-data` — teacher data for a learned framework–guest potential: guests placed in the framework's unit
/// cell, labelled with the framework–guest part of the adsorption energy model (E(F ∪ G) − E(G) − E(F), the
/// classical force field by default) and its forces, written as extended XYZ for `nnp-train` or `kernel-train`.
/// </summary>
public sealed class GuestDataJobFactory(ComponentRegistry registry) : IJobFactory
{
    public string Name => "guest-data";
    public string Description => "guests in a framework labelled with the framework–guest energy and forces of the adsorption model (data for learned host–guest potentials)";

    public IReadOnlyList<OptionInfo> Options =>
    [
        .. AdsorptionConfiguration.SharedOptions.Where(o => !o.Name.StartsWith("grid.", StringComparison.Ordinal)),
        new("grid", "", "none", "not for guest-data: its labels are the direct sums (framework atoms in the box)"),
        new("structures", "", null, "structures with the framework to write"),
        new("guests", "", "4", "most guests in one structure (each holds 1 … guests, uniformly)"),
        new("boltzmann_fraction", "", "0.5", "share of guests placed with the Boltzmann distribution of their framework–guest energy; the others uniformly below max_energy"),
        new("max_energy", "eV", "0.5 eV", "highest framework–guest energy of a uniformly placed guest"),
        new("guests_alone", "", "0.05", "share of extra structures of guests without the framework (energy 0), the part a host–guest term subtracts"),
    ];

    public IJob Bind(ConfigMap config, ulong seed)
    {
        if (config.Optional("grid") is { } grid) throw grid.Error("guest-data labels with the direct sums (framework atoms in the box); remove grid:");
        AdsorptionSetup setup = AdsorptionConfiguration.Read(config, registry, new Dictionary<string, double>());
        if (setup.Adsorption.Gridded)
            throw config.Optional("energy")!.Error("guest-data labels with the framework atoms in the box; drop framework-field so that the labels are the direct sums");
        ConfigNode? restricted = config.Optional("energy")?.AsList().FirstOrDefault(b => b.IsMap && b.AsMap().Optional("acts_on")?.AsString() is not (null or "all"));
        if (restricted != null)
            throw restricted.AsMap().Optional("acts_on")!.Error("guest-data labels the framework–guest part of the whole energy list itself; give its models without acts_on");
        var settings = new GuestDataSettings(
            config.RequiredCount("structures", "how many structures with the framework to write", minimum: 1),
            config.Count("guests", 4),
            Fraction(config, "boltzmann_fraction", 0.5),
            config.PositiveQuantity("max_energy", Dimension.Energy, "0.5 eV"),
            Fraction(config, "guests_alone", 0.05),
            config.Optional("max_energy") ?? config.Node);
        return new GuestDataJob(setup, settings);
    }

    private static double Fraction(ConfigMap config, string key, double defaultValue)
    {
        double value = config.Number(key, defaultValue);
        if (value is < 0 or > 1) throw config.Optional(key)!.Error($"{key} is a share between 0 and 1");
        return value;
    }
}

/// <summary>What guest-data writes: counts, the placement rule and the energy cap (eV); <c>Where</c> is named when no guest fits.</summary>
internal sealed record GuestDataSettings(int Structures, int MaxGuests, double BoltzmannFraction, double MaxEnergy, double GuestsAlone,
    ConfigNode Where);

internal sealed class GuestDataJob(AdsorptionSetup setup, GuestDataSettings settings) : IJob
{
    /// <summary>Placements tried for one guest before the framework is declared to have no room for it.</summary>
    private const int MaxAttempts = 1_000_000;
    /// <summary>Uniform placements per component that look for its lowest framework–guest energy before any structure.</summary>
    private const int Survey = 20_000;

    public JsonObject Run(RunContext context)
    {
        AdsorptionSystem adsorption = setup.Adsorption;
        ParticleSystem system = adsorption.System;
        IBoundEnergy teacher = new ScopedEnergy(adsorption.Energy, InteractionScope.HostGuest).Bind(system);
        Structure unitCell = adsorption.Options.Framework.Structure;
        var rng = Rng.ForStream(context.Seed, 0x6e57);
        double beta = 1 / (U.Boltzmann * setup.Temperature);
        int alone = (int)Math.Round(settings.GuestsAlone * settings.Structures);
        context.Log.Info($"guest-data: {settings.Structures} structures of 1–{settings.MaxGuests} guests in {setup.FrameworkName} (+{alone} without it), " +
            $"labelled with {teacher.Name} in the {adsorption.UnitCells} supercell at {setup.Temperature} K");
        var frames = new List<ExtXyzFrame>();
        var perGuest = new List<double>();
        long attempts = 0, placed = 0;
        var move = new MoveProposal();
        double[] lowest = setup.Components.Select((_, species) => LowestEnergy(teacher, system, species, unitCell.Cell!, rng, move)).ToArray();
        for (int s = 0; s < settings.Structures; s++)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            int guests = 1 + (int)(rng.NextDouble() * settings.MaxGuests);
            for (int g = 0; g < guests; g++)
            {
                int species = (int)(rng.NextDouble() * setup.Components.Count);
                bool boltzmann = rng.NextDouble() < settings.BoltzmannFraction;
                for (int attempt = 1; ; attempt++)
                {
                    if (attempt > MaxAttempts)
                        throw settings.Where.Error($"no place for {system.Species[species].Name} in {setup.FrameworkName} " +
                            (boltzmann ? "" : $"below max_energy ") + $"after {MaxAttempts:N0} tries; raise max_energy or check the framework");
                    attempts++;
                    system.Species[species].Place(InUnitCell(unitCell.Cell!, rng), rng.NextRotation(), move.Insert(system, species));
                    double change = teacher.Propose(move);
                    // rejection sampling of e^(−βΔU) under its bound e^(−βU_lowest) (a new lowest is taken and becomes the bound)
                    lowest[species] = Math.Min(lowest[species], change);
                    bool accept = boltzmann ? rng.NextDouble() < Math.Exp(-beta * (change - lowest[species])) : change < settings.MaxEnergy;
                    if (!accept) continue;
                    system.Apply(move);
                    teacher.Commit();
                    placed++;
                    break;
                }
            }
            EnergyEvaluation label = teacher.Evaluate(system, EnergyRequest.Energy | EnergyRequest.Forces);
            perGuest.Add(label.Energy / guests);
            frames.Add(Frame(unitCell, system, label.Energy, label.Forces, includeFramework: true, $"{guests}"));
            while (system.MoleculeCount > 0) system.RemoveMolecule(system.MoleculeCount - 1);
            teacher.Refresh();
            if ((s + 1) % Math.Max(1, settings.Structures / 10) == 0) context.Log.Info($"structure {s + 1}/{settings.Structures}");
        }
        for (int s = 0; s < alone; s++)
        {
            int guests = 1 + (int)(rng.NextDouble() * settings.MaxGuests);
            for (int g = 0; g < guests; g++)
            {
                int species = (int)(rng.NextDouble() * setup.Components.Count);
                system.Species[species].Place(InUnitCell(unitCell.Cell!, rng), rng.NextRotation(), move.Insert(system, species));
                system.Apply(move);
            }
            frames.Add(Frame(unitCell, system, 0, new Vec3[system.Count], includeFramework: false, $"{guests}"));
            while (system.MoleculeCount > 0) system.RemoveMolecule(system.MoleculeCount - 1);
        }
        string file = Path.Combine(context.OutputDirectory, "guest-data.extxyz");
        AtomicFile.Write(file, w =>
        {
            foreach (ExtXyzFrame frame in frames) ExtXyzWriter.Write(w, frame);
        });
        double[] sorted = perGuest.Order().ToArray();
        context.Log.Info(string.Create(CultureInfo.InvariantCulture,
            $"wrote {frames.Count} structures to {file}; framework–guest energy per guest {sorted[0]:F4} … {sorted[^1]:F4} eV (median {sorted[sorted.Length / 2]:F4}); {placed} guests from {attempts} placements"));
        return new JsonObject
        {
            ["framework"] = setup.FrameworkName,
            ["temperature_K"] = setup.Temperature,
            ["teacher"] = teacher.Name,
            ["data_file"] = Path.GetFileName(file),
            ["structures_with_framework"] = settings.Structures,
            ["structures_without_framework"] = alone,
            ["guests_placed"] = placed,
            ["placements_tried"] = attempts,
            ["energy_per_guest_eV"] = new JsonObject { ["min"] = sorted[0], ["median"] = sorted[sorted.Length / 2], ["max"] = sorted[^1] },
        };
    }

    /// <summary>The lowest framework–guest energy (eV) of <see cref="Survey"/> uniform placements of a component.</summary>
    private static double LowestEnergy(IBoundEnergy teacher, ParticleSystem system, int species, Cell cell, Rng rng, MoveProposal move)
    {
        double lowest = double.PositiveInfinity;
        for (int k = 0; k < Survey; k++)
        {
            system.Species[species].Place(InUnitCell(cell, rng), rng.NextRotation(), move.Insert(system, species));
            lowest = Math.Min(lowest, teacher.Propose(move));
        }
        return lowest;
    }

    /// <summary>A uniformly random point of the unit cell.</summary>
    private static Vec3 InUnitCell(Cell cell, Rng rng) => cell.ToCartesian(new Vec3(rng.NextDouble(), rng.NextDouble(), rng.NextDouble()));

    /// <summary>
    /// One labelled structure in the unit cell: its framework atoms (if included) and the guests wrapped into it. The
    /// supercell's framework atom i is a copy of unit-cell atom i mod n, so the force on a unit-cell atom is the sum
    /// over its copies — what the periodic unit cell's own images exert.
    /// </summary>
    private static ExtXyzFrame Frame(Structure unitCell, ParticleSystem system, double energy, ReadOnlySpan<Vec3> forces, bool includeFramework, string guests)
    {
        Cell cell = unitCell.Cell!;
        int n = includeFramework ? unitCell.Count : 0;
        var positions = new List<Vec3>();
        var elements = new List<Simulation.Chemistry.Element>();
        var types = new List<string>();
        var labels = new Vec3[n + system.MobileAtomCount];
        for (int a = 0; a < n; a++)
        {
            positions.Add(unitCell.Positions[a]);
            elements.Add(unitCell.Elements[a]);
            types.Add(unitCell.Types[a]);
        }
        for (int i = 0; i < system.FrameworkAtomCount && includeFramework; i++) labels[i % n] += forces[i];
        for (int i = system.FrameworkAtomCount; i < system.Count; i++)
        {
            AtomType type = system.Types[system.TypeIndices[i]];
            labels[positions.Count] = forces[i];
            positions.Add(cell.Wrap(system.Positions[i]));
            elements.Add(type.Element);
            types.Add(type.Name);
        }
        return new ExtXyzFrame
        {
            Structure = new Structure(cell, elements, positions, types),
            Energy = energy,
            Forces = labels,
            Info = new Dictionary<string, string> { ["guests"] = guests },
        };
    }
}
