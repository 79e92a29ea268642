// Licensed under the MIT License.

using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;

namespace Edge.Firmware.Networking
{
    /// <summary>
    /// <see cref="IBrokerProbe"/> over nanoFramework's System.Net. The lookup is Dns.GetHostEntry (lwIP's getaddrinfo,
    /// blocking the native task). The reach test is Socket.Connect, which in nf-interpreter connects non-blocking
    /// (NativeSocket.connect) and then waits in Socket.Poll through the runtime's event wait, so other threads run;
    /// System.Net has no connect timeout and no way to make a socket non-blocking, so a timer closes the socket at
    /// the deadline (NativeSocket.close sets the socket event, the waiting Poll wakes and throws), else Connect
    /// would wait for lwIP's own limit (TCP_SYNMAXRTX SYN retransmissions).
    /// </summary>
    public sealed class SocketBrokerProbe : IBrokerProbe
    {
        /// <inheritdoc />
        public string LastError { get; private set; }

        /// <inheritdoc />
        public string LookUp(string host)
        {
            try
            {
                IPHostEntry entry = Dns.GetHostEntry(host);
                IPAddress[] addresses = entry == null ? null : entry.AddressList;
                for (int i = 0; addresses != null && i < addresses.Length; i++)
                {
                    if (addresses[i] != null && BrokerAddress.IsDottedQuad(addresses[i].ToString()))
                    {
                        LastError = null;
                        return addresses[i].ToString();
                    }
                }

                LastError = "broker name " + host + " has no IPv4 address";
                return null;
            }
            catch (Exception ex)
            {
                LastError = "broker name " + host + " not found: " + ex.Message;
                return null;
            }
        }

        /// <inheritdoc />
        public bool TryReach(string address, int port, int timeoutMs)
        {
            Socket socket = null;
            Deadline deadline = null;
            try
            {
                socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                deadline = new Deadline(socket, timeoutMs);
                socket.Connect(new IPEndPoint(IPAddress.Parse(address), port));
                if (deadline.Expired)
                {
                    LastError = "no TCP connection within " + timeoutMs.ToString() + " ms";
                    return false;
                }

                LastError = null;
                return true;
            }
            catch (SocketException ex)
            {
                LastError = deadline != null && deadline.Expired
                    ? "no TCP connection within " + timeoutMs.ToString() + " ms"
                    : "TCP connection failed: socket error " + ex.ErrorCode.ToString();
                return false;
            }
            catch (Exception ex)
            {
                // A socket closed at the deadline throws ObjectDisposedException from its Poll.
                LastError = deadline != null && deadline.Expired
                    ? "no TCP connection within " + timeoutMs.ToString() + " ms"
                    : "TCP connection failed: " + ex.Message;
                return false;
            }
            finally
            {
                if (deadline != null)
                {
                    deadline.Cancel();
                }

                Close(socket);
            }
        }

        private static void Close(Socket socket)
        {
            if (socket == null)
            {
                return;
            }

            try
            {
                socket.Close();
            }
            catch (Exception)
            {
                // Closed at the deadline already.
            }
        }

        /// <summary>Closes one probe's socket if it has not connected by the deadline (a timer thread's call).</summary>
        private sealed class Deadline
        {
            private readonly object _lock = new object();
            private readonly Socket _socket;
            private readonly Timer _timer;
            private bool _expired;

            public Deadline(Socket socket, int timeoutMs)
            {
                _socket = socket;
                _timer = new Timer(Expire, null, timeoutMs, Timeout.Infinite);
            }

            public bool Expired
            {
                get
                {
                    lock (_lock)
                    {
                        return _expired;
                    }
                }
            }

            public void Cancel()
            {
                _timer.Dispose();
            }

            private void Expire(object state)
            {
                lock (_lock)
                {
                    _expired = true;
                }

                Close(_socket);
            }
        }
    }
}
