using System.Buffers.Binary;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using MatSim.Simulation.Energy;
using MatSim.Simulation.Geometry;
using MatSim.Simulation.Systems;
using U = MatSim.Simulation.Units.Units;

namespace MatSim.Simulation.Interop;

/// <summary>
/// A force client of the i-PI socket protocol (Ceriotti et al., Comput. Phys. Commun. 185, 1019
/// (2014); the protocol ASE's SocketIOCalculator speaks): the server sends STATUS, INIT, POSDATA
/// (cell h with lattice vectors as columns, its inverse, N, positions; atomic units), GETFORCE and
/// EXIT; the client answers READY / HAVEDATA and FORCEREADY with the energy (Ha), forces (Ha/bohr),
/// virial (Ha; −∂E/∂ε, as MatSim's) and an empty extra string. Messages are 12-byte ASCII headers
/// followed by native (little-endian) int32 and float64 data.
/// </summary>
public sealed class IpiClient(Stream stream, ParticleSystem system, IEnergyModel model)
{
    private const int HeaderLength = 12;
    private readonly byte[] header = new byte[HeaderLength];
    private readonly EnergyEvaluation evaluation = new();
    private IBoundEnergy? bound;
    private bool haveData;
    private byte[] buffer = new byte[1024];

    /// <summary>Force evaluations served so far.</summary>
    public long Evaluations { get; private set; }

    /// <summary>Serves until the server says EXIT (true) or closes the connection (false).</summary>
    public bool Serve(CancellationToken cancellation = default)
    {
        while (!cancellation.IsCancellationRequested)
        {
            if (!TryReadExactly(header)) return false;
            string message = Encoding.ASCII.GetString(header).TrimEnd(' ', '\0');
            switch (message)
            {
                case "STATUS":
                    WriteHeader(haveData ? "HAVEDATA" : "READY");
                    break;
                case "INIT":
                    ReadInt();
                    ReadBytes(ReadInt());
                    break;
                case "POSDATA":
                    ReceivePositions();
                    haveData = true;
                    break;
                case "GETFORCE":
                    if (!haveData) throw new IpiException("the server asked for forces before sending positions");
                    SendForces();
                    haveData = false;
                    break;
                case "EXIT":
                    return true;
                default:
                    throw new IpiException($"unexpected i-PI message '{message}' (expected STATUS, INIT, POSDATA, GETFORCE or EXIT)");
            }
        }
        cancellation.ThrowIfCancellationRequested();
        return false;
    }

    private void ReceivePositions()
    {
        Span<double> h = stackalloc double[9];
        ReadDoubles(h);
        ReadDoubles(stackalloc double[9]);   // the inverse cell: MatSim inverts its own
        int n = ReadInt();
        if (n != system.Count)
            throw new IpiException($"the server sent {n} atoms; the configuration's system has {system.Count} (the same atoms in the same order are needed)");
        Span<double> r = MemoryMarshal.Cast<Vec3, double>(system.Positions);
        ReadDoubles(r);
        for (int i = 0; i < r.Length; i++) r[i] *= U.BohrInAngstrom;
        // h is sent row by row with the lattice vectors as its columns.
        var a = new Vec3(h[0], h[3], h[6]) * U.BohrInAngstrom;
        var b = new Vec3(h[1], h[4], h[7]) * U.BohrInAngstrom;
        var c = new Vec3(h[2], h[5], h[8]) * U.BohrInAngstrom;
        bool periodic = Math.Abs(a.Dot(b.Cross(c))) > 1e-9;
        bool cellChanged = periodic
            ? system.Cell is not { } old || old.A != a || old.B != b || old.C != c
            : system.Cell != null;
        if (cellChanged)
        {
            system.Cell = periodic ? new Cell(a, b, c) : null;
            bound = null;   // caches (k-vectors, cell lists) belong to the old cell
        }
        // As in an MD step: the version bump tells the bound model the positions moved; its neighbour
        // lists rebuild only when an atom left the skin.
        system.PositionsChanged();
        bound ??= model.Bind(system);
        evaluation.Reset(system.Count, EnergyRequest.Forces | EnergyRequest.Virial);
        bound.Compute(evaluation);
        Evaluations++;
    }

    private void SendForces()
    {
        int n = system.Count;
        int length = HeaderLength + 8 + 4 + 24 * n + 72 + 4;
        EnsureBuffer(length);
        Span<byte> span = buffer.AsSpan(0, length);
        span.Fill((byte)' ');
        Encoding.ASCII.GetBytes("FORCEREADY", span);
        int at = HeaderLength;
        BinaryPrimitives.WriteDoubleLittleEndian(span[at..], evaluation.Energy / U.HartreeInEv);
        at += 8;
        BinaryPrimitives.WriteInt32LittleEndian(span[at..], n);
        at += 4;
        const double forceUnit = U.BohrInAngstrom / U.HartreeInEv;
        foreach (Vec3 f in evaluation.Forces)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(span[at..], f.X * forceUnit);
            BinaryPrimitives.WriteDoubleLittleEndian(span[(at + 8)..], f.Y * forceUnit);
            BinaryPrimitives.WriteDoubleLittleEndian(span[(at + 16)..], f.Z * forceUnit);
            at += 24;
        }
        Mat3 w = evaluation.Virial;
        for (int row = 0; row < 3; row++)
        for (int col = 0; col < 3; col++, at += 8)
            BinaryPrimitives.WriteDoubleLittleEndian(span[at..], w[col, row] / U.HartreeInEv);   // sent transposed
        BinaryPrimitives.WriteInt32LittleEndian(span[at..], 0);   // no extra string
        stream.Write(span);
        stream.Flush();
    }

    private void WriteHeader(string message)
    {
        Span<byte> bytes = stackalloc byte[HeaderLength];
        bytes.Fill((byte)' ');
        Encoding.ASCII.GetBytes(message, bytes);
        stream.Write(bytes);
        stream.Flush();
    }

    private int ReadInt()
    {
        Span<byte> bytes = stackalloc byte[4];
        ReadExactly(bytes);
        return BinaryPrimitives.ReadInt32LittleEndian(bytes);
    }

    private void ReadDoubles(Span<double> values)
    {
        ReadExactly(MemoryMarshal.AsBytes(values));
        if (!BitConverter.IsLittleEndian)
            for (int i = 0; i < values.Length; i++)
                values[i] = BitConverter.Int64BitsToDouble(BinaryPrimitives.ReverseEndianness(BitConverter.DoubleToInt64Bits(values[i])));
    }

    private void ReadBytes(int count)
    {
        if (count < 0) throw new IpiException($"negative INIT length {count}");
        EnsureBuffer(count);
        ReadExactly(buffer.AsSpan(0, count));
    }

    private void EnsureBuffer(int length)
    {
        if (buffer.Length < length) buffer = new byte[Math.Max(length, 2 * buffer.Length)];
    }

    private void ReadExactly(Span<byte> target)
    {
        if (!TryReadExactly(target)) throw new IpiException("the i-PI server closed the connection in the middle of a message");
    }

    private bool TryReadExactly(Span<byte> target)
    {
        int read = 0;
        while (read < target.Length)
        {
            int n;
            try
            {
                n = stream.Read(target[read..]);
            }
            catch (IOException e) when (e.InnerException is SocketException)
            {
                return false;
            }
            if (n == 0) return false;
            read += n;
        }
        return true;
    }
}
