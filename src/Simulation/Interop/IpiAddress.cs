using System.Net;
using System.Net.Sockets;
using MatSim.Simulation.Errors;

namespace MatSim.Simulation.Interop;

/// <summary>
/// Where an i-PI server listens: `HOST:PORT` (TCP) or `unix:NAME` (the Unix socket `ipi_NAME` in the
/// system's temporary folder, where i-PI and ASE create it; a NAME with a '/' is taken as the socket's path).
/// </summary>
public sealed record IpiAddress(EndPoint EndPoint, string Text)
{
    public bool IsUnix => EndPoint is UnixDomainSocketEndPoint;

    public static IpiAddress Parse(string text)
    {
        if (text.StartsWith("unix:", StringComparison.Ordinal))
        {
            string name = text["unix:".Length..];
            if (name.Length == 0) throw new InputException(new SourceLocation("--address"), "unix: needs a socket name, e.g. unix:matsim");
            string path = name.Contains('/') ? name : Path.Combine(Path.GetTempPath(), "ipi_" + name);
            return new IpiAddress(new UnixDomainSocketEndPoint(path), text);
        }
        int colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text[(colon + 1)..], out int port) || port is < 1 or > 65535)
            throw new InputException(new SourceLocation("--address"), $"'{text}' is not an i-PI address; expected HOST:PORT (e.g. localhost:31415) or unix:NAME");
        string host = text[..colon];
        EndPoint endPoint = IPAddress.TryParse(host, out IPAddress? ip) ? new IPEndPoint(ip, port) : new DnsEndPoint(host, port);
        return new IpiAddress(endPoint, text);
    }

    /// <summary>Connects, retrying while the server is not yet listening, up to <paramref name="wait"/>.</summary>
    public Socket Connect(TimeSpan wait, CancellationToken cancellation = default)
    {
        DateTime giveUp = DateTime.UtcNow + wait;
        while (true)
        {
            var socket = IsUnix
                ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
                : new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Connect(EndPoint);
                return socket;
            }
            catch (SocketException e) when (DateTime.UtcNow < giveUp && e.SocketErrorCode is SocketError.ConnectionRefused or SocketError.AddressNotAvailable or SocketError.AddressFamilyNotSupported or SocketError.TryAgain)
            {
                socket.Dispose();
                Task.Delay(200, cancellation).Wait(cancellation);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                throw new IpiException($"cannot connect to the i-PI server at {Text}: {e.Message}");
            }
        }
    }
}

/// <summary>The i-PI conversation failed (server gone, unexpected message, wrong atom count).</summary>
public sealed class IpiException(string message) : Exception(message);
