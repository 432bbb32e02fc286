using MatSim.Sampling.Training;
using MatSim.Simulation.Errors;
using MatSim.Simulation.IO;

namespace MatSim.Sampling.Jobs;

/// <summary>
/// `training-checkpoint.bin` of a sample run: the configuration's hash, the training curve written so far, the test NLL
/// of the untrained flow, and the trainer's state (<see cref="FlowTrainer.Save"/>), written atomically every few steps,
/// so that a killed run resumes its training and ends as an uninterrupted run would.
/// </summary>
internal static class FlowTrainingCheckpoint
{
    public const string FileName = "training-checkpoint.bin";
    private const string Magic = "matsim flow training checkpoint 1";

    public sealed record Progress(string Curve, double InitialNll, double? FirstResident, double FinalNll, double FinalReverseKl);

    public static void Save(string folder, string configHash, Progress progress, FlowTrainer trainer) =>
        AtomicFile.WriteStream(Path.Combine(folder, FileName), stream =>
        {
            using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
            writer.Write(Magic);
            writer.Write(configHash);
            writer.Write(progress.Curve);
            writer.Write(progress.InitialNll);
            writer.Write(progress.FirstResident ?? double.NaN);
            writer.Write(progress.FinalNll);
            writer.Write(progress.FinalReverseKl);
            trainer.Save(writer);
        });

    /// <summary>The progress saved in the folder, loaded into <paramref name="trainer"/>; null when there is none.</summary>
    public static Progress? Load(string folder, string configHash, FlowTrainer trainer)
    {
        string path = Path.Combine(folder, FileName);
        if (!File.Exists(path)) return null;
        try
        {
            using var reader = new BinaryReader(File.OpenRead(path));
            if (reader.ReadString() != Magic) throw new InvalidDataException("not a MatSim flow training checkpoint");
            if (reader.ReadString() != configHash)
                throw new InputException(new SourceLocation(path), "this checkpoint belongs to a different configuration; use another output folder or delete it");
            var progress = new Progress(reader.ReadString(), reader.ReadDouble(), reader.ReadDouble() is var r && double.IsNaN(r) ? null : r,
                reader.ReadDouble(), reader.ReadDouble());
            trainer.Load(reader);
            return progress;
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or IOException)
        {
            throw new InputException(new SourceLocation(path), $"the training checkpoint cannot be read ({e.Message}); delete it to start the training afresh");
        }
    }
}
