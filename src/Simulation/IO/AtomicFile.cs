using System.Text;

namespace MatSim.Simulation.IO;

/// <summary>
/// Writes files so that a reader (or a killed run) sees the old content or the new, never a part:
/// the content goes to a temporary file in the same folder, is flushed to disk, then renamed over
/// the target (rename is atomic on POSIX file systems).
/// </summary>
public static class AtomicFile
{
    public static void WriteStream(string path, Action<Stream> write)
    {
        string full = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(full) ?? ".";
        Directory.CreateDirectory(directory);
        string temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    public static void Write(string path, Action<TextWriter> write) =>
        WriteStream(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
            write(writer);
        });

    public static void WriteAllText(string path, string content) => Write(path, w => w.Write(content));
}
