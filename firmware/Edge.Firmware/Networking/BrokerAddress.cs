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
        /// <exception cref="ArgumentException"><paramref name="host"/> is empty, or numeric but not an address as written (<see cref="CheckHost"/>).</exception>
        public BrokerAddress(string host, bool secure)
        {
            if (host == null || host.Length == 0)
            {
                throw new ArgumentException("broker host required", nameof(host));
            }

            string problem = CheckHost(host);
            if (problem != null)
            {
                throw new ArgumentException("broker host " + problem, nameof(host));
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

        /// <summary>
        /// Four decimal numbers from 0 to 255 separated by dots, without leading zeros: an address lwIP reads as written,
        /// with no lookup (lwIP's inet_aton reads a leading 0 as octal, "010" as 8).
        /// </summary>
        public static bool IsDottedQuad(string text)
        {
            int parts = 0;
            int value = 0;
            int digits = 0;
            bool leadingZero = false;
            for (int i = 0; i <= text.Length; i++)
            {
                char c = i < text.Length ? text[i] : '.';
                if (c == '.')
                {
                    if (digits == 0 || value > 255 || (leadingZero && digits > 1))
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

                if (digits == 0)
                {
                    leadingZero = c == '0';
                }

                value = (value * 10) + (c - '0');
                digits++;
            }

            return parts == 4;
        }

        /// <summary>
        /// Why <paramref name="host"/> cannot name the broker, or null. A host of digits and dots only is an address
        /// (no name is all digits), and the device's network stack reads it as inet_aton does: a part with a leading
        /// 0 is octal ("192.168.010.1" is 192.168.8.1, "08" no number at all) and fewer than four parts are filled
        /// in ("10.1" is 10.0.0.1), so such a host would reach another address than it seems to say. A name is what
        /// the stack's lookup takes: letters, digits, '-', '_' and '.', at most <see cref="MaximumHostLength"/>; a URL
        /// (scheme, port or path), a quoted value or a space is refused naming what to write instead, since the
        /// lookup would only fail at every connect.
        /// </summary>
        public static string CheckHost(string host)
        {
            if (host == null || host.Length == 0 || IsDottedQuad(host))
            {
                return null;
            }

            if (!IsNumeric(host))
            {
                return CheckName(host);
            }

            string[] parts = host.Split('.');
            bool leadingZero = false;
            string meant = string.Empty;
            for (int i = 0; i < parts.Length; i++)
            {
                string part = parts[i];
                int first = 0;
                while (first < part.Length - 1 && part[first] == '0')
                {
                    first++;
                }

                leadingZero |= first > 0;
                meant = i == 0 ? part.Substring(first) : meant + "." + part.Substring(first);
            }

            if (leadingZero && IsDottedQuad(meant))
            {
                return "'" + host + "' has a number with a leading zero, which the network stack reads as octal (010 is 8): write the address without leading zeros ("
                    + meant + ")";
            }

            return "'" + host + "' is neither a name nor an IPv4 address (four numbers from 0 to 255 separated by dots, as 192.168.1.20)";
        }

        /// <summary>Longest host name, characters (a DNS name's limit, RFC 1035).</summary>
        public const int MaximumHostLength = 253;

        private const string NameForm = "a name is letters, digits, '-', '_' and '.' (broker.local), an address four numbers (192.168.1.20)";

        private static string CheckName(string host)
        {
            int scheme = host.IndexOf("://");
            if (scheme >= 0)
            {
                string rest = host.Substring(scheme + 3);
                int end = rest.IndexOf('/');
                rest = end < 0 ? rest : rest.Substring(0, end);
                int colon = rest.IndexOf(':');
                string bare = colon < 0 ? rest : rest.Substring(0, colon);
                return "'" + host + "' is a URL: write the host alone (mqtt_host = " + bare + "), the port in mqtt_port"
                    + (colon < 0 ? string.Empty : " (mqtt_port = " + rest.Substring(colon + 1) + ")") + " and TLS as mqtt_ca_cert";
            }

            int portColon = host.IndexOf(':');
            if (portColon > 0 && host.IndexOf(':', portColon + 1) < 0 && IsDigits(host.Substring(portColon + 1)))
            {
                return "'" + host + "' has a port: write the host alone (mqtt_host = " + host.Substring(0, portColon) + ") and the port in mqtt_port (mqtt_port = "
                    + host.Substring(portColon + 1) + ")";
            }

            if (host.Length > MaximumHostLength)
            {
                return "is " + host.Length.ToString() + " characters long: a host name has at most " + MaximumHostLength.ToString();
            }

            for (int i = 0; i < host.Length; i++)
            {
                char c = host[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
                if (!ok)
                {
                    string what = c == ' ' ? "a space" : c == '"' || c == '\'' ? "a quote (write the value without quotes)" : "the character '" + c.ToString() + "'";
                    return "'" + host + "' has " + what + " at position " + (i + 1).ToString() + ": " + NameForm;
                }
            }

            if (host[0] == '.' || host.IndexOf("..") >= 0)
            {
                return "'" + host + "' has an empty part between dots: " + NameForm;
            }

            return null;
        }

        private static bool IsDigits(string text)
        {
            if (text.Length == 0)
            {
                return false;
            }

            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] < '0' || text[i] > '9')
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsNumeric(string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c != '.' && (c < '0' || c > '9'))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
