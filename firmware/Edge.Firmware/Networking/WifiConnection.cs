// Licensed under the MIT License.

using System;
using System.Net;
using System.Net.NetworkInformation;
using System.Threading;
using nanoFramework.Networking;

namespace Edge.Firmware.Networking
{
    /// <summary>
    /// Joins the Wi-Fi network stored in the device's Wireless80211 configuration (written once with
    /// Visual Studio's Device Explorer or <see cref="WifiCredentials"/>; never compiled in) and waits
    /// for an IP address and, when asked to, for the clock to be set. The time comes from the SNTP client built into
    /// the nanoFramework ESP32 firmware, which NetworkHelper waits for when asked for a valid date: only TLS needs it
    /// (the certificates' dates), so a plain-TCP broker on a network without NTP is reached without it.
    /// </summary>
    public sealed class WifiConnection : INetworkConnection
    {
        private readonly int _timeoutMs;
        private readonly bool _requiresTime;
        private bool _attempted;

        /// <summary>Each attempt waits at most <paramref name="timeoutMs"/>, and for the SNTP time when <paramref name="requiresTime"/>.</summary>
        public WifiConnection(int timeoutMs, bool requiresTime)
        {
            if (timeoutMs < 1000)
            {
                throw new ArgumentOutOfRangeException(nameof(timeoutMs));
            }

            _timeoutMs = timeoutMs;
            _requiresTime = requiresTime;
        }

        /// <inheritdoc />
        public string LastError { get; private set; }

        /// <summary>One attempt: true when there is an IP address (and a valid UTC time, SNTP, if required).</summary>
        public bool TryConnect()
        {
            // Still up from an earlier attempt (the MQTT session dropped, not the Wi-Fi): nothing to do.
            if (NetworkHelper.Status == NetworkHelperStatus.NetworkIsReady && IPGlobalProperties.GetIPAddress() != IPAddress.Any)
            {
                LastError = null;
                return true;
            }

            CancellationTokenSource timeout = new CancellationTokenSource(_timeoutMs);
            try
            {
                // The helper is set up once per boot; a later attempt starts it over.
                if (_attempted)
                {
                    NetworkHelper.Reset();
                }

                _attempted = true;
                bool connected = NetworkHelper.SetupAndConnectNetwork(timeout.Token, _requiresTime);
                LastError = connected ? null : "Wi-Fi not ready: " + DescribeStatus(NetworkHelper.Status) + (NetworkHelper.HelperException == null ? string.Empty : " (" + NetworkHelper.HelperException.Message + ")");
                return connected;
            }
            catch (Exception ex)
            {
                LastError = "Wi-Fi failed: " + ex.Message;
                return false;
            }
            finally
            {
                timeout.Dispose();
            }
        }

        private static string DescribeStatus(NetworkHelperStatus status)
        {
            switch (status)
            {
                case NetworkHelperStatus.FailedNoNetworkInterface:
                    return "no network interface";
                case NetworkHelperStatus.TokenExpiredWaitingIPAddress:
                    return "no IP address in time (check SSID and password)";
                case NetworkHelperStatus.TokenExpiredWaitingDateTime:
                    return "no SNTP time in time";
                case NetworkHelperStatus.ErrorConnetingToWiFiWhileScanning:
                    return "connection failed while scanning";
                case NetworkHelperStatus.ExceptionOccurred:
                    return "exception in the network helper";
                default:
                    return "status " + ((int)status).ToString();
            }
        }
    }
}
