using System.Buffers.Binary;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using MatSim.Simulation.Geometry;
using U = MatSim.Simulation.Units.Units;

namespace MatSim.Simulation.Interop;

/// <summary>What a force engine answered for one configuration (internal units: eV, eV/Å).</summary>
public sealed record IpiForces(double Energy, Vec3[] Forces, Mat3 Virial);

/// <summary>
/// The driver side of the i-PI protocol: sends positions to a connected force client (`matsim ipi`,
/// or any i-PI client such as CP2K, Quantum ESPRESSO, LAMMPS `fix ipi`) and reads back energy,
/// forces and virial. The counterpart of <see cref="IpiClient"/>; it lets MatSim drive external
/// engines and measures the protocol's cost.
/// </summary>
public sealed class IpiServer(Stream stream) : IDisposable
{
    private const int HeaderLength = 12;
    private byte[] buffer = new byte[4096];

    /// <summary>Listens on the address and waits for one client.</summary>
    public static IpiServer Accept(IpiAddress address, out Socket listener)
    {
        listener = address.IsUnix
            ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
            : new Socket(SocketType.Stream, ProtocolType.Tcp);
        if (address.EndPoint is UnixDomainSocketEndPoint unix && File.Exists(unix.ToString())) File.Delete(unix.ToString());
        listener.Bind(address.EndPoint);
        listener.Listen(1);
        Socket client = listener.Accept();
        if (!address.IsUnix) client.NoDelay = true;
        return new IpiServer(new NetworkStream(client, ownsSocket: true));
    }

    /// <summary>One force evaluation: positions (Å) in a periodic cell, or a cluster when <paramref name="cell"/> is null.</summary>
    public IpiForces Compute(Cell? cell, ReadOnlySpan<Vec3> positions)
    {
        Expect("STATUS", "READY");
        int n = positions.Length;
        int length = HeaderLength + 2 * 72 + 4 + 24 * n;
        EnsureBuffer(length);
        Span<byte> span = buffer.AsSpan(0, length);
        WriteHeader(span, "POSDATA");
        int at = HeaderLength;
        // i-PI's h has the lattice vectors as columns, ih = h⁻¹ the reciprocal vectors as rows; both sent row by row.
        Mat3 h = cell?.Matrix ?? default;
        for (int r = 0; r < 3; r++)
        for (int c = 0; c < 3; c++, at += 8)
            BinaryPrimitives.WriteDoubleLittleEndian(span[at..], h[c, r] / U.BohrInAngstrom);
        for (int r = 0; r < 3; r++)
        for (int c = 0; c < 3; c++, at += 8)
            BinaryPrimitives.WriteDoubleLittleEndian(span[at..], (cell?.Reciprocal(r)[c] ?? 0) * U.BohrInAngstrom);
        BinaryPrimitives.WriteInt32LittleEndian(span[at..], n);
        at += 4;
        MemoryMarshal.AsBytes(positions).CopyTo(span[at..]);
        Span<double> sent = MemoryMarshal.Cast<byte, double>(span[at..(at + 24 * n)]);
        for (int i = 0; i < sent.Length; i++) sent[i] /= U.BohrInAngstrom;
        Send(span);
        Expect("STATUS", "HAVEDATA");
        WriteHeaderAndFlush("GETFORCE");
        string reply = ReadHeader();
        if (reply != "FORCEREADY") throw new IpiException($"the client answered '{reply}' to GETFORCE");
        Span<byte> head = stackalloc byte[12];
        ReadExactly(head);
        double energy = BinaryPrimitives.ReadDoubleLittleEndian(head) * U.HartreeInEv;
        int count = BinaryPrimitives.ReadInt32LittleEndian(head[8..]);
        if (count != n) throw new IpiException($"the client sent forces on {count} atoms for {n}");
        var forces = new Vec3[n];
        ReadExactly(MemoryMarshal.AsBytes(forces.AsSpan()));
        const double forceUnit = U.HartreeInEv / U.BohrInAngstrom;
        for (int i = 0; i < n; i++) forces[i] *= forceUnit;
        Span<double> w = stackalloc double[9];
        ReadExactly(MemoryMarshal.AsBytes(w));
        // sent transposed, row by row
        var virial = new Mat3(w[0], w[3], w[6], w[1], w[4], w[7], w[2], w[5], w[8]);
        Span<byte> extraLength = stackalloc byte[4];
        ReadExactly(extraLength);
        int extra = BinaryPrimitives.ReadInt32LittleEndian(extraLength);
        EnsureBuffer(extra);
        ReadExactly(buffer.AsSpan(0, extra));
        return new IpiForces(energy, forces, U.HartreeInEv * virial);
    }

    /// <summary>Tells the client to stop.</summary>
    public void Exit() => WriteHeaderAndFlush("EXIT");

    public void Dispose() => stream.Dispose();

    private void Expect(string message, string answer)
    {
        WriteHeaderAndFlush(message);
        string reply = ReadHeader();
        if (reply != answer) throw new IpiException($"the client answered '{reply}' to {message}; expected {answer}");
    }

    private static void WriteHeader(Span<byte> target, string message)
    {
        target[..HeaderLength].Fill((byte)' ');
        Encoding.ASCII.GetBytes(message, target);
    }

    private void WriteHeaderAndFlush(string message)
    {
        Span<byte> bytes = stackalloc byte[HeaderLength];
        WriteHeader(bytes, message);
        Send(bytes);
    }

    private void Send(ReadOnlySpan<byte> bytes)
    {
        try
        {
            stream.Write(bytes);
            stream.Flush();
        }
        catch (IOException e)
        {
            throw new IpiException($"the i-PI client is gone ({e.Message})");
        }
    }

    private string ReadHeader()
    {
        Span<byte> bytes = stackalloc byte[HeaderLength];
        ReadExactly(bytes);
        return Encoding.ASCII.GetString(bytes).TrimEnd(' ', '\0');
    }

    private void EnsureBuffer(int length)
    {
        if (buffer.Length < length) buffer = new byte[Math.Max(length, 2 * buffer.Length)];
    }

    private void ReadExactly(Span<byte> target)
    {
        try
        {
            stream.ReadExactly(target);
        }
        catch (Exception e) when (e is EndOfStreamException or IOException)
        {
            throw new IpiException("the i-PI client closed the connection in the middle of a message");
        }
    }
}
