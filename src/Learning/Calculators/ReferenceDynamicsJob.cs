using System.Globalization;
using System.Text.Json.Nodes;
using MatSim.Simulation.Config;
using MatSim.Simulation.IO.ExtXyz;
using MatSim.Simulation.Jobs;
using MatSim.Simulation.Plugins;
using MatSim.Simulation.Random;
using MatSim.Simulation.Structures;
using MatSim.Simulation.Units;

namespace MatSim.Learning.Calculators;

/// <summary>
/// `job: reference-md` — configurations from MD with the reference method itself (xtb's own
/// integrator, one run per temperature, runs in parallel), written as one extended XYZ file with
/// the reference energy of each frame: the test sets and candidate pools of `matsim learn`. The
/// initial velocities of run k come from stream k of the seed.
/// A finished run is kept when the job is re-run.
/// </summary>
public sealed class ReferenceDynamicsJobFactory : IJobFactory
{
    public string Name => "reference-md";
    public string Description => "molecular dynamics with the reference method (xtb --md) to draw reference-distribution configurations";

    public IReadOnlyList<OptionInfo> Options =>
    [
        new("reference.calculator", "", "xtb", "xtb"),
        new("reference.method", "", "2", "GFN method 0, 1 or 2"),
        new("reference.executable", "", "xtb", "program path"),
        new("structure", "", null, "start structure (extended XYZ; a molecule or cluster)"),
        new("temperatures", "K", null, "one run per temperature"),
        new("time", "ps", null, "length of each run"),
        new("time_step", "fs", "0.5 fs", "integration time step"),
        new("dump_interval", "fs", "20 fs", "time between frames"),
    ];

    public IJob Bind(ConfigMap config, ulong seed)
    {
        ConfigMap reference = config.RequiredMap("reference", "{calculator: xtb, method: 2}");
        reference.Choice("calculator", "xtb", "xtb");
        int method = reference.Int("method", 2);
        string executable = reference.String("executable", "xtb");
        reference.EnsureNoUnknownKeys();
        string xtb = executable.Contains('/') ? executable : XtbCalculator.Locate() ?? throw reference.Node.Error("the xtb program is not on PATH (Debian: apt-get install -y xtb)");
        string structure = config.RequiredFile("structure", "the start structure (extended XYZ; a molecule or cluster)");
        double[] temperatures = config.Required("temperatures", "a list of temperatures, e.g. [250 K, 350 K]").AsListOrSingle()
            .Select(n => n.AsQuantity(Dimension.Temperature)).ToArray();
        config.Record("temperatures", temperatures.Select(t => $"{t} K").ToArray());
        double picoseconds = Units.InternalToFemtoseconds(config.RequiredQuantity("time", Dimension.Time, "the length of each run, e.g. 10 ps")) / 1000;
        double step = Units.InternalToFemtoseconds(config.Quantity("time_step", Dimension.Time, "0.5 fs"));
        double dump = Units.InternalToFemtoseconds(config.Quantity("dump_interval", Dimension.Time, "20 fs"));
        if (!(picoseconds > 0 && step > 0 && dump >= step)) throw config.Node.Error("time and time_step must be positive and dump_interval at least time_step");
        return new ReferenceDynamicsJob(new XtbDynamics(xtb, method, TimeSpan.FromHours(2)), structure, temperatures, picoseconds, step, dump, seed);
    }
}

internal sealed class ReferenceDynamicsJob(XtbDynamics dynamics, string structureFile, double[] temperatures, double picoseconds, double step, double dump, ulong seed) : IJob
{
    public JsonObject Run(RunContext context)
    {
        Structure start = ExtXyzReader.ReadFile(structureFile).First().Structure;
        var runs = new IReadOnlyList<ReferenceFrame>[temperatures.Length];
        Parallel.For(0, temperatures.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, k =>
        {
            string folder = Path.Combine(context.OutputDirectory, string.Create(CultureInfo.InvariantCulture, $"run-{temperatures[k]:F0}K"));
            string done = Path.Combine(folder, "xtb.trj");
            runs[k] = File.Exists(Path.Combine(folder, "xtbmdok")) && File.Exists(done)
                ? XtbDynamics.ReadTrajectory(done, start)
                : dynamics.Run(start, temperatures[k], picoseconds, step, dump, folder, Rng.ForStream(seed, (ulong)k), context.Cancellation);
            context.Log.Info($"{temperatures[k]} K: {runs[k].Count} frames");
        });
        var frames = new List<ExtXyzFrame>();
        for (int k = 0; k < runs.Length; k++)
            frames.AddRange(runs[k].Select(f => new ExtXyzFrame
            {
                Structure = f.Structure,
                Energy = f.Energy,
                Info = new Dictionary<string, string> { ["temperature_K"] = temperatures[k].ToString("R", CultureInfo.InvariantCulture) },
            }));
        ExtXyzWriter.WriteFile(Path.Combine(context.OutputDirectory, "frames.extxyz"), frames);
        return new JsonObject
        {
            ["frames"] = frames.Count,
            ["temperatures_K"] = new JsonArray([.. temperatures.Select(t => (JsonNode)t)]),
            ["picoseconds_per_run"] = picoseconds,
            ["file"] = "frames.extxyz",
        };
    }
}
