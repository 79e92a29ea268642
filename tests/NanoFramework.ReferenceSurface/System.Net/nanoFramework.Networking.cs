// Reference surface of nanoFramework's System.Net 1.11.54 (NuGet package nanoFramework.System.Net).
// Public signatures mirrored from nanoFramework's public repositories; bodies are
// placeholders because this assembly is only ever used as a compile-time reference.

using System;
using System.Collections;
using System.ComponentModel;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Security;
using System.Net.Sockets;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Remoting;
using System.Runtime.Versioning;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using nanoFramework.Runtime.Events;

namespace nanoFramework.Networking
{
    public class IPConfiguration
    {
        public IPConfiguration(string ipv4Address, string ipv4SubnetMask, string ipv4GatewayAddress, string[] ipv4DnsAddresses = null) { throw null; }
        public string IPAddress { get { throw null; } set { } }
        public string[] IPDns { get { throw null; } set { } }
        public string IPGatewayAddress { get { throw null; } set { } }
        public string IPSubnetMask { get { throw null; } set { } }
    }

    public static class NetworkHelper
    {
        public static Exception HelperException { get { throw null; } }
        public static ManualResetEvent NetworkReady { get { throw null; } }
        public static NetworkHelperStatus Status { get { throw null; } }
        public static void Reset() { throw null; }
        public static bool SetupAndConnectNetwork(CancellationToken token = default, bool requiresDateTime = false) { throw null; }
        public static bool SetupAndConnectNetwork(IPConfiguration ipConfiguration, CancellationToken token = default, bool requiresDateTime = false) { throw null; }
        public static void SetupNetworkHelper(bool requiresDateTime = false) { throw null; }
        public static void SetupNetworkHelper(IPConfiguration ipConfiguration, bool requiresDateTime = false) { throw null; }
    }

    public enum NetworkHelperStatus
    {
        None = 0,
        Started = 1,
        NetworkIsReady = 2,
        FailedNoNetworkInterface = 3,
        TokenExpiredWaitingIPAddress = 4,
        TokenExpiredWaitingDateTime = 5,
        ErrorConnetingToWiFiWhileScanning = 6,
        ExceptionOccurred = 7,
        Reconnecting = 8,
    }
}
