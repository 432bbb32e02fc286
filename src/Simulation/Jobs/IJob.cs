using System.Text.Json.Nodes;
using MatSim.Simulation.Config;

namespace MatSim.Simulation.Jobs;

/// <summary>
/// A kind of run that `matsim run` can do, selected by the configuration's `job:` key. The
/// factory reads and checks its options (strictly, from the configuration's root mapping) and
/// loads its inputs; nothing runs until <see cref="IJob.Run"/>, so `matsim validate` can bind a
/// configuration without running it.
/// </summary>
public interface IJobFactory : Plugins.IComponentFactory
{
    /// <summary>Reads the job's keys from the configuration's root mapping; <paramref name="seed"/> seeds any randomness of the setup.</summary>
    IJob Bind(ConfigMap config, ulong seed);
}

/// <summary>A configured run, ready to go.</summary>
public interface IJob
{
    /// <summary>Runs the job; returns the results (names carry their units) written to results.json.</summary>
    JsonObject Run(RunContext context);
}

/// <summary>
/// What a running job may use: its folder, log, seed, cancellation, and a hash of its resolved
/// configuration (a checkpoint is resumed only by the configuration that wrote it).
/// </summary>
public sealed record RunContext(string OutputDirectory, RunLog Log, ulong Seed, CancellationToken Cancellation, string ConfigHash);

/// <summary>A job whose system and energy model can be evaluated once (`matsim energy`).</summary>
public interface ISinglePoint
{
    (Systems.ParticleSystem System, Energy.IEnergyModel Model) SinglePoint();
}
