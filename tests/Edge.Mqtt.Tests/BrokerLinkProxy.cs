// Licensed under the MIT License.

using System.Net;
using System.Net.Sockets;

namespace Edge.Mqtt.Tests
{
    /// <summary>
    /// A TCP relay on a free loopback port in front of a broker's listener (MQTT or WebSockets: the bytes pass through
    /// unchanged), for a link that fails without anyone noticing. While <see cref="SwallowReplies"/> is set, the broker's
    /// bytes (PUBACKs among them) are discarded instead of reaching the client; while <see cref="Silent"/> is set, nothing
    /// either side sends reaches the other. No side is told. <see cref="DropAll"/> then cuts every relayed connection, as
    /// the failure finally noticed would. While <see cref="HoldRequests"/> is set, the client's bytes are not read (a link that
    /// stalls: its buffers fill and the client's writes wait), and they go on when it is cleared. The dashboard tests
    /// compile this file too.
    /// </summary>
    internal sealed class BrokerLinkProxy : IDisposable
    {
        private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);
        private readonly int _brokerPort;
        private readonly List<TcpClient> _open = new List<TcpClient>();
        private volatile bool _swallowReplies;
        private volatile bool _swallowRequests;
        private volatile bool _disposed;
        private volatile bool _holdRequests;

        public BrokerLinkProxy(int brokerPort)
        {
            _brokerPort = brokerPort;
            // A fixed receive window for the relayed connections (accepted sockets inherit it): Linux would otherwise grow
            // it to megabytes, and a held link would take a run's whole telemetry into its buffers instead of leaving it
            // with the client, at random. The client's own send buffer is MQTTnet's 8 kB.
            _listener.Server.ReceiveBufferSize = HeldBytesWindow;
            _listener.Start();
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            _ = Task.Run(AcceptLoop);
        }

        /// <summary>The receive buffer of each relayed connection, in bytes (what a held link takes before the client's buffer fills).</summary>
        public const int HeldBytesWindow = 8192;

        /// <summary>The port clients connect to.</summary>
        public int Port { get; }

        /// <summary>While true, nothing the broker sends reaches the client.</summary>
        public bool SwallowReplies
        {
            get => _swallowReplies;
            set => _swallowReplies = value;
        }

        /// <summary>While true, bytes in both directions are discarded: the link is dead but both ends still think it up.</summary>
        public bool Silent
        {
            get => _swallowReplies && _swallowRequests;
            set
            {
                _swallowReplies = value;
                _swallowRequests = value;
            }
        }

        /// <summary>While true, nothing the client sends is read (held in the link's buffers, not lost); cleared, it flows on.</summary>
        public bool HoldRequests
        {
            get => _holdRequests;
            set => _holdRequests = value;
        }

        /// <summary>Closes every relayed connection, both sides, without a word to either.</summary>
        public void DropAll()
        {
            lock (_open)
            {
                foreach (TcpClient socket in _open)
                {
                    socket.Close();
                }

                _open.Clear();
            }
        }

        public void Dispose()
        {
            _disposed = true;
            _listener.Stop();
            DropAll();
        }

        private async Task AcceptLoop()
        {
            while (!_disposed)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync();
                }
                catch (Exception)
                {
                    return;
                }

                TcpClient broker = new TcpClient();
                try
                {
                    await broker.ConnectAsync(IPAddress.Loopback, _brokerPort);
                }
                catch (Exception)
                {
                    client.Close();
                    broker.Close();
                    continue;
                }

                lock (_open)
                {
                    _open.Add(client);
                    _open.Add(broker);
                }

                _ = Relay(client, broker, fromBroker: false);
                _ = Relay(broker, client, fromBroker: true);
            }
        }

        private async Task Relay(TcpClient from, TcpClient to, bool fromBroker)
        {
            byte[] buffer = new byte[8192];
            try
            {
                NetworkStream source = from.GetStream();
                NetworkStream target = to.GetStream();
                int read;
                while (true)
                {
                    while (!fromBroker && _holdRequests && !_disposed)
                    {
                        await Task.Delay(5);
                    }

                    read = await source.ReadAsync(buffer);
                    if (read <= 0)
                    {
                        break;
                    }

                    if (fromBroker ? _swallowReplies : _swallowRequests)
                    {
                        continue;
                    }

                    await target.WriteAsync(buffer.AsMemory(0, read));
                }
            }
            catch (Exception)
            {
                // One side closed or was dropped: the other goes too.
            }

            from.Close();
            to.Close();
        }
    }
}
