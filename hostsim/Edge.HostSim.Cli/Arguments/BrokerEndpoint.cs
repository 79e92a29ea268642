// Licensed under the MIT License.

using System.Net;
using System.Net.Sockets;

namespace Edge.HostSim.Cli.Arguments;

/// <summary>
/// Checks that an MQTT broker address answers before a run starts: a plain TCP connect (no MQTT
/// handshake, so the check does not depend on the client library), with the reason in the user's terms.
/// </summary>
public static class BrokerEndpoint
{
    /// <summary>How long a connect may take before the broker counts as unreachable.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(3);

    /// <summary>Null when something accepts TCP connections at host:port, else why not.</summary>
    public static string? Problem(string host, int port)
    {
        IPAddress[] addresses;
        try
        {
            addresses = Dns.GetHostAddresses(host);
        }
        catch (SocketException)
        {
            return "cannot resolve the host name '" + host + "'";
        }

        if (addresses.Length == 0)
        {
            return "the host name '" + host + "' has no address";
        }

        string? last = null;
        foreach (IPAddress address in addresses)
        {
            using Socket socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                using CancellationTokenSource timeout = new CancellationTokenSource(ConnectTimeout);
                socket.ConnectAsync(new IPEndPoint(address, port), timeout.Token).AsTask().GetAwaiter().GetResult();
                return null;
            }
            catch (OperationCanceledException)
            {
                last = "no answer from " + host + ":" + port + " within " + ConnectTimeout.TotalSeconds + " s";
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
            {
                last = "nothing accepts connections at " + host + ":" + port + " (connection refused)";
            }
            catch (SocketException e)
            {
                last = "cannot connect to " + host + ":" + port + " (" + e.Message + ")";
            }
        }

        return last;
    }
}
