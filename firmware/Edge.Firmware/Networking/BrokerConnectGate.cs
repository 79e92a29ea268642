// Licensed under the MIT License.

using System;
using Edge.Core.Session;

namespace Edge.Firmware.Networking
{
    /// <summary>
    /// What comes before the MQTT client's connect, and the quiet window around it (<see cref="IControlPause"/>: every
    /// switch open). The broker name is looked up in a short window of its own (the lookup stops the runtime), once and
    /// again only after <see cref="BrokerAddress.FailuresBeforeLookup"/> failed attempts in a row. Over TLS the client's
    /// connect stops the runtime for its whole length (its own lookup and the blocking handshake, up to the TCP
    /// timeout when nothing answers), so a plain TCP connect to the address and port comes first, outside any window
    /// (it does not stop the runtime), bounded by <see cref="ProbeTimeoutMs"/>: only a broker that answers gets the
    /// window for the TLS connect, and an unreachable one costs the pack nothing but the rare lookup. Plain TCP needs no
    /// window for its connect and is not probed.
    /// </summary>
    public sealed class BrokerConnectGate
    {
        /// <summary>
        /// How long the probe waits for the TCP connection, ms: three SYN retransmissions at lwIP's 3 s retransmission
        /// time (the ESP32 build's TCP_SYNMAXRTX 4 gives up after the fourth, at about 12.5 s).
        /// </summary>
        public const int ProbeTimeoutMs = 10000;

        private readonly string _host;
        private readonly int _port;
        private readonly BrokerAddress _address;
        private readonly IBrokerProbe _probe;
        private readonly IControlPause _pause;
        private bool _inWindow;

        /// <summary>
        /// The broker <paramref name="host"/> and <paramref name="port"/>, over TLS when <paramref name="secure"/>;
        /// <paramref name="pause"/> is the control loop's quiet window, null when there is no loop to pause.
        /// </summary>
        public BrokerConnectGate(string host, int port, bool secure, IBrokerProbe probe, IControlPause pause)
        {
            if (port < 1 || port > 65535)
            {
                throw new ArgumentOutOfRangeException(nameof(port), "a TCP port is 1..65535, not " + port.ToString());
            }

            _address = new BrokerAddress(host, secure);
            _host = host;
            _port = port;
            _probe = probe ?? throw new ArgumentNullException(nameof(probe));
            _pause = pause;
        }

        /// <summary>Why the last <see cref="Open"/> refused, or null.</summary>
        public string LastError { get; private set; }

        /// <summary>What the client is given to connect to (<see cref="BrokerAddress.ConnectHost"/>).</summary>
        public string ConnectHost
        {
            get { return _address.ConnectHost; }
        }

        /// <summary>True from an <see cref="Open"/> that entered the quiet window to <see cref="ClientReturned"/>.</summary>
        public bool InWindow
        {
            get { return _inWindow; }
        }

        /// <summary>
        /// Readies one attempt: <see cref="ConnectOutcome.Accepted"/> when the client may connect now (inside the quiet
        /// window when its connect stops the runtime: call <see cref="ClientReturned"/> once it returns), else
        /// <see cref="ConnectOutcome.BrokerUnreachable"/> with <see cref="LastError"/> and no window open.
        /// </summary>
        public ConnectOutcome Open()
        {
            if (_address.NeedsLookup && !LookUp())
            {
                return ConnectOutcome.BrokerUnreachable;
            }

            if (_address.ConnectBlocks)
            {
                string probed = _address.Address;
                if (!_probe.TryReach(probed, _port, ProbeTimeoutMs))
                {
                    _address.Failed();
                    LastError = "broker " + _host + ":" + _port.ToString() + Via(probed) + " unreachable: " + _probe.LastError + "; TLS connect not tried";
                    return ConnectOutcome.BrokerUnreachable;
                }

                if (_pause != null)
                {
                    if (!_pause.Enter())
                    {
                        LastError = "connection to " + _host + ":" + _port.ToString() + " not tried: " + _pause.LastError;
                        return ConnectOutcome.BrokerUnreachable;
                    }

                    _inWindow = true;
                }
            }

            LastError = null;
            return ConnectOutcome.Accepted;
        }

        /// <summary>The client's blocking part is over (whether it connected or not): ends the window, if one is open.</summary>
        public void ClientReturned()
        {
            if (_inWindow)
            {
                _inWindow = false;
                _pause.Leave();
            }
        }

        /// <summary>The client connected.</summary>
        public void Connected()
        {
            ClientReturned();
            _address.Connected();
        }

        /// <summary>The client's connect failed (no TCP connection, or its handshake).</summary>
        public void Failed()
        {
            ClientReturned();
            _address.Failed();
        }

        /// <summary>Looks the broker's name up in a quiet window of its own (the lookup stops the runtime); false with <see cref="LastError"/>.</summary>
        private bool LookUp()
        {
            if (_pause != null && !_pause.Enter())
            {
                LastError = "broker name " + _host + " not looked up: " + _pause.LastError;
                return false;
            }

            string answer;
            try
            {
                answer = _probe.LookUp(_host);
            }
            finally
            {
                if (_pause != null)
                {
                    _pause.Leave();
                }
            }

            if (answer == null || !BrokerAddress.IsDottedQuad(answer))
            {
                LastError = answer == null ? _probe.LastError : "broker name " + _host + " answered '" + answer + "', not an IPv4 address";
                return false;
            }

            _address.Resolved(answer);
            return true;
        }

        private string Via(string address)
        {
            return address == _host ? string.Empty : " (" + address + ")";
        }
    }
}
