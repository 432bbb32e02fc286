using System.Globalization;
using System.Text.Json.Nodes;
using MatSim.Adsorption.Systems;
using MatSim.Simulation.Energy;
using MatSim.Simulation.Engines;
using MatSim.Simulation.Engines.MonteCarlo;
using MatSim.Simulation.Jobs;
using MatSim.Simulation.Random;
using MatSim.Simulation.Statistics;
using MatSim.Simulation.Systems;
using U = MatSim.Simulation.Units.Units;

namespace MatSim.Adsorption.Jobs;

/// <summary>One state point of an isotherm: the gas it is in equilibrium with.</summary>
public sealed record StatePoint(int Index, double Pressure, double[] Fugacities, double[] FugacityCoefficients, double[] BulkDensities)
{
    public string FolderName => string.Create(CultureInfo.InvariantCulture, $"p{Index:D2}-{U.InternalToBar(Pressure):G6}bar");
}

/// <summary>The loadings and energies of one state point.</summary>
public sealed record StatePointResult(StatePoint Point, Estimate[] Molecules, Estimate Energy, Estimate?[] Enthalpies, JsonObject Json);

/// <summary>GCMC at one state point, with checkpoints in its own folder.</summary>
internal sealed class GrandCanonicalRun(AdsorptionSetup setup, GrandCanonicalSettings settings, StatePoint point, double voidFraction)
{
    public StatePointResult Run(RunContext context, string folder)
    {
        Directory.CreateDirectory(folder);
        AdsorptionSystem adsorption = setup.Adsorption;
        ParticleSystem system = adsorption.System.Clone();
        int species = setup.Components.Count;
        string hash = context.ConfigHash + point.Index.ToString(CultureInfo.InvariantCulture);
        Checkpoint? checkpoint = Checkpoint.Load(folder, "gcmc", hash);
        checkpoint?.RestoreInto(system);
        IBoundEnergy energy = adsorption.Energy.Bind(system);
        List<MonteCarloMove> moves = Moves(system);
        Rng rng = checkpoint != null ? Rng.FromState(checkpoint.Rng) : Rng.ForStream(context.Seed, 10, (ulong)point.Index);
        var engine = new MonteCarloEngine(system, energy, moves, setup.Temperature, rng);
        long production = settings.ProductionCycles;
        SampledAverage[] counts = Enumerable.Range(0, species)
            .Select(s => new SampledAverage($"N{s}", settings.Blocks, production, 1, () => system.CountOf(s))).ToArray();
        var energyAverage = new SampledAverage("U", settings.Blocks, production, 1, () => engine.State.TotalEnergy);
        var fluctuations = new FluctuationObserver(new FluctuationAverage(settings.Blocks, production, species), engine);
        WidomObserver[] widom = moves.OfType<WidomMove>().Select(m => new WidomObserver(m, settings.Blocks, production)).ToArray();
        string pressure = string.Create(CultureInfo.InvariantCulture, $"{U.InternalToBar(point.Pressure):G6} bar: ");
        var propagator = new MonteCarloPropagator(engine, settings.AdaptEvery, 0.5, drift => string.Create(CultureInfo.InvariantCulture,
            $"molecules {string.Join("+", Enumerable.Range(0, species).Select(s => system.CountOf(s)))}, drift {drift:G2} eV"));
        var loop = new ProductionLoop
        {
            Job = "gcmc",
            Label = pressure,
            Phases = new ProductionPhases(settings.InitializationCycles, production, settings.CheckpointEvery),
            Engine = propagator,
            Observers = [.. counts, energyAverage, fluctuations, .. widom],
        };
        if (checkpoint != null) loop.Resume(checkpoint, context.Log);
        loop.Run(context, folder, hash);
        ProductionWarnings.Moves(context.Log, moves, pressure);
        return Summarise(engine, moves, counts.Select(c => c.Result).ToArray(), energyAverage.Result, fluctuations.Average, widom, loop.MaxDrift,
            propagator.MaxTermDrifts);
    }

    // state points start in parallel, and move factories read (and record into) the components' shared option blocks
    private static readonly Lock MoveCreation = new();

    /// <summary>Each component is picked with equal chance, then a move by its weights (RASPA's scheme).</summary>
    private List<MonteCarloMove> Moves(ParticleSystem system)
    {
        using Lock.Scope creating = MoveCreation.EnterScope();
        var moves = new List<MonteCarloMove>();
        int species = setup.Components.Count;
        for (int s = 0; s < species; s++)
        {
            ComponentSettings c = setup.Components[s];
            double norm = c.Moves.Sum(m => m.Weight) * species;
            foreach (ComponentMove move in c.Moves.Where(m => m.Weight > 0))
                moves.AddRange(move.Factory.Create(move.Options, new MoveContext(system)
                {
                    Species = s, Fugacities = point.Fugacities, Weight = move.Weight / norm, Defaults = GrandCanonicalJobFactory.DefaultSteps,
                }));
        }
        return moves;
    }

    private StatePointResult Summarise(MonteCarloEngine engine, List<MonteCarloMove> moves, Estimate[] molecules, Estimate energy,
        FluctuationAverage fluctuations, WidomObserver[] widom, double maxDrift, IReadOnlyDictionary<string, double> termDrifts)
    {
        AdsorptionSystem adsorption = setup.Adsorption;
        int cells = adsorption.UnitCells.Count;
        double massPerCell = adsorption.FrameworkMassPerCell;                        // g/mol
        double densityGramsPerCm3 = adsorption.FrameworkDensity / 1000;
        double voidVolume = voidFraction * adsorption.System.Cell!.Volume;           // Å³ of the supercell
        Estimate?[] enthalpies = fluctuations.Enthalpies(setup.Temperature);
        var components = new JsonArray();
        for (int s = 0; s < molecules.Length; s++)
        {
            double guestMass = setup.Components[s].Molecule.Species.Mass;
            double excessMolecules = point.BulkDensities[s] * voidVolume;
            Estimate absolute = molecules[s], excess = new(molecules[s].Mean - excessMolecules, molecules[s].StandardError);
            components.Add(new JsonObject
            {
                ["component"] = setup.Components[s].Molecule.Species.Name,
                ["fugacity_bar"] = U.InternalToBar(point.Fugacities[s]),
                ["fugacity_coefficient"] = point.FugacityCoefficients[s],
                ["bulk_density_molecules_per_angstrom3"] = point.BulkDensities[s],
                ["absolute"] = Loading(absolute, cells, massPerCell, guestMass, densityGramsPerCm3),
                ["excess"] = Loading(excess, cells, massPerCell, guestMass, densityGramsPerCm3),
                ["enthalpy_of_adsorption"] = enthalpies[s] is { } h ? JobResults.Energy(h) : null,
            });
            if (widom.FirstOrDefault(w => w.Species == s) is { } insertions)
                ((JsonObject)components[s]!)["widom"] = insertions.Results(setup.Temperature, point.Fugacities[s], adsorption.UnitCellVolume);
        }
        var json = new JsonObject
        {
            ["pressure_bar"] = U.InternalToBar(point.Pressure),
            ["pressure_Pa"] = U.InternalToPascal(point.Pressure),
            ["components"] = components,
            ["energy"] = JobResults.Energy(energy),
            ["energy_terms"] = JobResults.EnergyTerms(adsorption.Energy, engine.State.Energy, engine.State.System, termDrifts),
            ["moves"] = JobResults.Moves(moves),
            ["max_energy_drift_eV"] = maxDrift,
        };
        return new StatePointResult(point, molecules, energy, enthalpies, json);
    }

    /// <summary>A loading in molecules per unit cell, mol/kg, mg/g, cm³(STP)/g and cm³(STP)/cm³.</summary>
    private static JsonObject Loading(Estimate molecules, int cells, double massPerCell, double guestMass, double densityGramsPerCm3)
    {
        const double MolarVolumeStp = 22414.0;   // cm³/mol at 273.15 K and 1 atm
        double perCell = 1.0 / cells, molPerKg = perCell / massPerCell * 1000;
        return new JsonObject
        {
            ["molecules_per_cell"] = JobResults.Estimate(molecules, perCell),
            ["mol_per_kg"] = JobResults.Estimate(molecules, molPerKg),
            ["mg_per_g"] = JobResults.Estimate(molecules, molPerKg * guestMass),
            ["cm3_stp_per_g"] = JobResults.Estimate(molecules, molPerKg * MolarVolumeStp / 1000),
            ["cm3_stp_per_cm3"] = JobResults.Estimate(molecules, molPerKg * MolarVolumeStp / 1000 * densityGramsPerCm3),
        };
    }
}
