using MatSim.Sampling.Flows;
using MatSim.Sampling.Training;
using MatSim.Simulation.Config;
using MatSim.Simulation.Plugins;
using MatSim.Simulation.Units;

namespace MatSim.Sampling.Jobs;

/// <summary>Ground truth and training data: local Metropolis chains (`reference:`).</summary>
public sealed record ReferenceChains(int Chains, int SamplesPerChain, int Stride, int Equilibration, double Step, double TestFraction);

/// <summary>The flow MC comparison (`mc:`): a chain mixing flow and local moves against local moves only.</summary>
public sealed record FlowMcSettings(long Steps, double FlowProbability, long LocalSteps);

/// <summary>Two states split by one coordinate of a 2D target (`order_parameter:`); transitions counted with hysteresis.</summary>
public sealed record OrderParameter(int Coordinate, double Boundary, double Low, double High);

/// <summary>Everything a `job: sample` configuration says.</summary>
public sealed record SamplingSettings(
    SamplingTarget Target,
    ReferenceChains Reference,
    FlowArchitecture Architecture,
    string? FlowFile,
    FlowTrainingOptions Training,
    int Samples,
    FlowMcSettings? Mc,
    OrderParameter? Order,
    GridSettings? Grid,
    (double Range, int Bins)? PairDistances,
    int TorchThreads,
    int TrainingCheckpointEvery,
    ulong Seed)
{
    /// <summary>The keys of `flow:` (named relative to it).</summary>
    public static readonly IReadOnlyList<OptionInfo> FlowOptions =
    [
        new("from", "", "none", "start from a saved flow (FILE.flow.json)"),
        new("coupling", "", "realnvp", "realnvp | spline"),
        new("layers", "", "8", "coupling layers"),
        new("hidden", "", "64", "hidden units per conditioner layer"),
        new("depth", "", "2", "hidden layers per conditioner"),
        new("bins", "", "8", "spline bins"),
        new("bound", "", "5", "spline interval [−bound, bound]"),
        new("actnorm", "", "true", "activation normalisation between couplings"),
    ];

    /// <summary>The keys of a sample job besides `target:` (named from the job's root).</summary>
    public static IEnumerable<OptionInfo> Options =>
    [
        new("reference.chains", "", "2", "local Metropolis chains (training data and ground truth)"),
        new("reference.samples", "", "1000", "samples per chain"),
        new("reference.stride", "", "10", "steps between samples"),
        new("reference.equilibration", "", "1000", "steps before sampling"),
        new("reference.step", "Å or model units", "0.2 angstrom or 0.5", "maximum displacement"),
        new("reference.test_fraction", "", "0.2", "share of the samples held out"),
        .. OptionPaths.Under("flow", FlowOptions),
        new("training.example_steps", "", "500", "steps of training by example"),
        new("training.energy_steps", "", "500", "steps of training by energy"),
        new("training.example_weight", "", "0.5", "weight of the example loss while training by energy"),
        new("training.energy_weight", "", "1", "weight of the energy loss"),
        new("training.batch", "", "256", "samples per step"),
        new("training.learning_rate", "", "1e-3", "Adam step size"),
        new("training.gradient_clip", "", "100", "gradient norm clip"),
        new("training.energy_cap", "", "1e3", "energies (kT) capped in the loss"),
        new("training.temperatures", "K or model units", "none", "annealing temperatures of energy training"),
        new("training.checkpoint_every", "", "100", "steps between training checkpoints"),
        new("sampling.samples", "", "100000", "flow samples for reweighting"),
        new("mc.steps", "", "100000", "flow MC steps"),
        new("mc.flow_probability", "", "0.5", "chance of a flow proposal"),
        new("mc.local_steps", "", "1000000", "local MC steps of the comparison chain"),
        new("order_parameter.coordinate", "", "0", "coordinate that tells the states apart"),
        new("order_parameter.boundary", "", "0", "between the states"),
        new("order_parameter.low", "", null, "at or below: the first state"),
        new("order_parameter.high", "", null, "at or above: the second state"),
        new("grid.x", "", null, "[min, max] of a 2D density grid"),
        new("grid.y", "", null, "[min, max]"),
        new("grid.cells", "", "100", "cells per axis"),
        new("pair_distances.range", "Å or model units", null, "largest pair distance of the histogram"),
        new("pair_distances.bins", "", "80", "histogram bins"),
        new("torch_threads", "", "1", "libtorch intra-op threads"),
    ];

    public static SamplingSettings Read(ConfigMap config, SamplingTarget target, ulong seed)
    {
        bool physical = target.EnergyUnit == "eV";
        ConfigMap r = config.RequiredMap("reference", "local Metropolis chains for training data and ground truth: {chains, samples, stride, step}");
        var reference = new ReferenceChains(
            r.Count("chains", 2), r.Count("samples", 1000), r.Count("stride", 10),
            r.Int("equilibration", 1000),
            physical ? r.Quantity("step", Dimension.Length, "0.2 angstrom") : r.Number("step", 0.5),
            r.Number("test_fraction", 0.2));
        if (reference.TestFraction is < 0 or >= 1) throw r.Optional("test_fraction")!.Error("test_fraction must be in [0, 1)");
        r.EnsureNoUnknownKeys();

        ConfigMap f = config.OptionalMap("flow") ?? throw config.Node.Error("missing key 'flow' (the flow architecture, or {from: FILE.flow.json})");
        string? file = f.Optional("from") is { } from ? f.Record("from", from.AsExistingFile()) : null;
        var architecture = new FlowArchitecture(
            FlowArchitecture.ParseCoupling(f.Choice("coupling", "realnvp", "realnvp", "spline")),
            f.Count("layers", 8), f.Count("hidden", 64), f.Count("depth", 2),
            f.Int("bins", 8), f.Number("bound", 5), f.Bool("actnorm", true));
        if (architecture.Coupling == CouplingKind.Spline && architecture.Bins < 2) throw f.Optional("bins")!.Error("a spline needs at least 2 bins");
        f.EnsureNoUnknownKeys();

        ConfigMap t = config.OptionalMap("training") ?? throw config.Node.Error("missing key 'training' ({example_steps, energy_steps, ...}; 0 steps to use a loaded flow as it is)");
        var training = new FlowTrainingOptions
        {
            KT = target.KT,
            ExampleSteps = t.Count("example_steps", 500, minimum: 0),
            EnergySteps = t.Count("energy_steps", 500, minimum: 0),
            ExampleWeight = t.Number("example_weight", 0.5),
            EnergyWeight = t.Number("energy_weight", 1),
            BatchSize = t.Count("batch", 256),
            LearningRate = t.Number("learning_rate", 1e-3),
            GradientClip = t.Number("gradient_clip", 100),
            EnergyCap = t.Number("energy_cap", 1e3),
            Temperatures = t.Optional("temperatures") is { } temps
                ? temps.AsList().Select(n => physical ? Units.KelvinToEv(n.AsQuantity(Dimension.Temperature)) : n.AsNumber()).ToArray()
                : [],
            Seed = seed,
        };
        if (t.Optional("temperatures") is { } given) t.Record("temperatures", given.AsList().Select(n => n.AsString()).ToArray());
        int checkpointEvery = t.Count("checkpoint_every", 100);
        t.EnsureNoUnknownKeys();

        ConfigMap? s = config.OptionalMap("sampling");
        int samples = s != null ? s.Count("samples", 100_000) : 100_000;
        s?.EnsureNoUnknownKeys();

        FlowMcSettings? mc = null;
        if (config.OptionalMap("mc") is { } m)
        {
            mc = new FlowMcSettings(m.Optional("steps")?.AsLong() ?? 100_000, m.Number("flow_probability", 0.5), m.Optional("local_steps")?.AsLong() ?? 1_000_000);
            m.Record("steps", mc.Steps);
            m.Record("local_steps", mc.LocalSteps);
            if (mc.FlowProbability is <= 0 or > 1) throw m.Optional("flow_probability")!.Error("flow_probability must be in (0, 1]");
            m.EnsureNoUnknownKeys();
        }
        OrderParameter? order = null;
        if (config.OptionalMap("order_parameter") is { } o)
        {
            order = new OrderParameter(o.Int("coordinate", 0), o.Number("boundary", 0), o.RequiredNumber("low", "the value at or below which a chain is in the first state"),
                o.RequiredNumber("high", "the value at or above which a chain is in the second state"));
            if (order.Coordinate < 0 || order.Coordinate >= target.Energy.Particles * target.Energy.SpatialDimension)
                throw o.Optional("coordinate")!.Error($"coordinate must be in [0, {target.Energy.Particles * target.Energy.SpatialDimension})");
            o.EnsureNoUnknownKeys();
        }
        GridSettings? grid = config.OptionalMap("grid") is { } g ? GridSettings.Read(g, target) : null;
        (double, int)? distances = null;
        if (config.OptionalMap("pair_distances") is { } p)
        {
            distances = (physical ? p.RequiredQuantity("range", Dimension.Length, "the largest distance, e.g. 8 angstrom") : p.RequiredNumber("range", "the largest distance"),
                p.Count("bins", 80));
            p.EnsureNoUnknownKeys();
        }
        // libtorch's intra-op threads spin between operations: for flows this small one thread is as fast, and
        // it leaves the other cores to the target's energies and to other jobs
        int threads = config.Count("torch_threads", 1);
        return new SamplingSettings(target, reference, architecture, file, training, samples, mc, order, grid, distances, threads, checkpointEvery, seed);
    }
}

/// <summary>A grid over a 2D target (`grid: {x: [min, max], y: [min, max], cells: N}`) for density comparisons.</summary>
public sealed record GridSettings(double XMin, double XMax, double YMin, double YMax, int Cells)
{
    public static GridSettings Read(ConfigMap g, SamplingTarget target)
    {
        if (target.Energy.Particles * target.Energy.SpatialDimension != 2) throw g.Node.Error("grid: only for two-dimensional targets");
        double[] Range(string key)
        {
            ConfigNode node = g.Required(key, "[min, max]");
            double[] v = node.AsList().Select(n => n.AsNumber()).ToArray();
            if (v.Length != 2 || v[1] <= v[0]) throw node.Error("expected [min, max] with min < max");
            return g.Record(key, v);
        }
        double[] x = Range("x"), y = Range("y");
        int cells = g.Int("cells", 100);
        if (cells < 2) throw g.Optional("cells")!.Error("cells must be at least 2");
        g.EnsureNoUnknownKeys();
        return new GridSettings(x[0], x[1], y[0], y[1], cells);
    }
}
