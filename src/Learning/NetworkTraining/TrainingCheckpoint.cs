using System.Text.Json;
using MatSim.Potentials.NeuralNetworks;
using MatSim.Simulation.IO;

namespace MatSim.Learning.NetworkTraining;

/// <summary>
/// The state of a training run after a completed epoch (written atomically each epoch): current and
/// best weights, history and early-stopping state; the optimiser's own state (Adam moments) is in
/// a companion file named per epoch (<see cref="OptimizerFileOf"/>), written before the checkpoint that names it,
/// so that a run killed between the two resumes from a matching pair. Resumed only by the configuration that wrote it.
/// </summary>
public sealed record TrainingCheckpoint
{
    public const string FileName = "training-checkpoint.json";

    /// <summary>The optimiser's state after a number of completed epochs of a stage.</summary>
    public static string OptimizerFileOf(string stage, int completedEpochs) => $"training-checkpoint.{stage}.{completedEpochs}.optimizer";

    public required string ConfigHash { get; init; }
    public required string Stage { get; init; }
    public required int CompletedEpochs { get; init; }
    public required double BestLoss { get; init; }
    public required int BestEpoch { get; init; }
    public required double[][] Weights { get; init; }
    public required double[][] BestWeights { get; init; }
    public required List<EpochRecord> History { get; init; }

    public void Save(string folder) =>
        AtomicFile.WriteAllText(Path.Combine(folder, FileName), JsonSerializer.Serialize(this));

    public static TrainingCheckpoint? Load(string folder, string configHash, string stage)
    {
        string path = Path.Combine(folder, FileName);
        if (!File.Exists(path)) return null;
        var checkpoint = JsonSerializer.Deserialize<TrainingCheckpoint>(File.ReadAllText(path));
        return checkpoint != null && checkpoint.ConfigHash == configHash && checkpoint.Stage == stage ? checkpoint : null;
    }
}
