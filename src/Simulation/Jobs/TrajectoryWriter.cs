using MatSim.Simulation.IO.ExtXyz;
using MatSim.Simulation.Structures;

namespace MatSim.Simulation.Jobs;

/// <summary>
/// Appends frames to an extended XYZ trajectory, flushed per frame. On resume the file is cut back
/// to the length the checkpoint recorded, so frames written after it are not duplicated.
/// </summary>
public sealed class TrajectoryWriter : IDisposable
{
    private readonly FileStream stream;
    private readonly StreamWriter writer;

    public TrajectoryWriter(string path, long resumeLength)
    {
        stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read);
        stream.SetLength(Math.Min(resumeLength, stream.Length));
        stream.Seek(0, SeekOrigin.End);
        writer = new StreamWriter(stream) { AutoFlush = false };
    }

    public long Length
    {
        get
        {
            writer.Flush();
            return stream.Length;
        }
    }

    /// <summary>One frame; energy (eV) and forces (eV/Å) under ASE's keys when given, so frames can serve as training data.</summary>
    public void Write(Structure structure, IReadOnlyDictionary<string, string> info, double? energy = null, Geometry.Vec3[]? forces = null)
    {
        ExtXyzWriter.Write(writer, new ExtXyzFrame { Structure = structure, Info = info, Energy = energy, Forces = forces });
        writer.Flush();
    }

    public void Dispose()
    {
        writer.Dispose();
        stream.Dispose();
    }
}
