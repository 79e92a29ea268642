// Licensed under the MIT License.

using System;

namespace Edge.Firmware.Networking
{
    /// <summary>
    /// Where the MQTT client connects, and which connect steps stop the whole runtime. nanoFramework's M2Mqtt looks the
    /// broker's name up (Dns.GetHostEntry: lwIP's getaddrinfo, blocking the native task until an answer or its
    /// timeout) every time a client is made; a dotted-quad address needs no lookup. The name is looked up once, and the
    /// address reused (the socket connect waits without blocking: nf-interpreter's NativeSocket connects non-blocking
    /// and polls through the runtime's event wait); it is looked up again only after <see cref="FailuresBeforeLookup"/>
    /// failed attempts in a row on it (the broker may have moved). Over plain TCP the client is given the address. TLS
    /// needs the name (M2Mqtt hands it to the handshake, which checks the certificate against it), and the handshake
    /// itself blocks (SslNative runs mbedTLS in blocking mode): the address serves the reachability probe before it
    /// (<see cref="BrokerConnectGate"/>), and the client's whole connect runs in a quiet window.
    /// </summary>
    public sealed class BrokerAddress
    {
        /// <summary>Failed attempts in a row on a looked-up address before the name is looked up again.</summary>
        public const int FailuresBeforeLookup = 5;

        private readonly string _host;
        private readonly bool _secure;
        private readonly bool _hostIsAddress;
        private string _address;
        private int _failures;

        /// <summary>The broker <paramref name="host"/> (a name or a dotted-quad address), over TLS when <paramref name="secure"/>.</summary>
        public BrokerAddress(string host, bool secure)
        {
            if (host == null || host.Length == 0)
            {
                throw new ArgumentException("broker host required", nameof(host));
            }

            _host = host;
            _secure = secure;
            _hostIsAddress = IsDottedQuad(host);
            _address = _hostIsAddress ? host : null;
        }

        /// <summary>True when the next attempt must first look the name up (no address known).</summary>
        public bool NeedsLookup
        {
            get { return _address == null; }
        }

        /// <summary>True when the client's connect itself stops the runtime (TLS: its lookup and its handshake).</summary>
        public bool ConnectBlocks
        {
            get { return _secure; }
        }

        /// <summary>What the client is given: the name over TLS, else the address (the name until it is known).</summary>
        public string ConnectHost
        {
            get { return _secure || _address == null ? _host : _address; }
        }

        /// <summary>The broker's dotted-quad address, or null until it is looked up.</summary>
        public string Address
        {
            get { return _address; }
        }

        /// <summary>The lookup's answer (a dotted-quad address).</summary>
        public void Resolved(string address)
        {
            if (address == null || !IsDottedQuad(address))
            {
                throw new ArgumentException("not an IPv4 address: " + (address == null ? "null" : address), nameof(address));
            }

            _address = address;
            _failures = 0;
        }

        /// <summary>The attempt on the address failed (no TCP connection, or the client's connect failed).</summary>
        public void Failed()
        {
            _failures++;
            if (!_hostIsAddress && _failures >= FailuresBeforeLookup)
            {
                _address = null;
                _failures = 0;
            }
        }

        /// <summary>The attempt connected.</summary>
        public void Connected()
        {
            _failures = 0;
        }

        /// <summary>Four numbers from 0 to 255 separated by dots, as lwIP reads an address without a lookup.</summary>
        public static bool IsDottedQuad(string text)
        {
            int parts = 0;
            int value = 0;
            int digits = 0;
            for (int i = 0; i <= text.Length; i++)
            {
                char c = i < text.Length ? text[i] : '.';
                if (c == '.')
                {
                    if (digits == 0 || value > 255)
                    {
                        return false;
                    }

                    parts++;
                    value = 0;
                    digits = 0;
                    continue;
                }

                if (c < '0' || c > '9' || digits == 3)
                {
                    return false;
                }

                value = (value * 10) + (c - '0');
                digits++;
            }

            return parts == 4;
        }
    }
}
