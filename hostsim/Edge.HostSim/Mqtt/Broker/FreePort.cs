// Licensed under the MIT License.

using System.Net;
using System.Net.Sockets;

namespace Edge.HostSim.Mqtt.Broker
{
    /// <summary>Finds unused loopback TCP ports by letting the kernel choose (bind to port 0).</summary>
    public static class FreePort
    {
        /// <summary>
        /// Returns <paramref name="count"/> distinct free ports on 127.0.0.1. All probe sockets stay open
        /// until every port is chosen, so the ports differ; another process may still take one before
        /// it is used, which callers treat as a start failure.
        /// </summary>
        public static int[] Allocate(int count)
        {
            TcpListener[] listeners = new TcpListener[count];
            int[] ports = new int[count];
            try
            {
                for (int i = 0; i < count; i++)
                {
                    listeners[i] = new TcpListener(IPAddress.Loopback, 0);
                    listeners[i].Start();
                    ports[i] = ((IPEndPoint)listeners[i].LocalEndpoint).Port;
                }
            }
            finally
            {
                foreach (TcpListener listener in listeners)
                {
                    listener?.Stop();
                }
            }

            return ports;
        }
    }
}
