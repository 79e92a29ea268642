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
using nanoFramework.Networking;
using nanoFramework.Runtime.Events;

namespace System.Net.NetworkInformation
{
    public enum AddressMode : byte
    {
        Invalid = 0,
        DHCP = 1,
        Static = 2,
        AutoIP = 3,
    }

    public enum AuthenticationType : byte
    {
        None = 0,
        EAP = 1,
        PEAP = 2,
        WCN = 3,
        Open = 4,
        Shared = 5,
        WEP = 6,
        WPA = 7,
        WPA2 = 8,
    }

    public enum EncryptionType : byte
    {
        None = 0,
        WEP = 1,
        WPA = 2,
        WPA2 = 3,
        WPA_PSK = 4,
        WPA2_PSK = 5,
        Certificate = 6,
    }

    public static class IPGlobalProperties
    {
        public static IPAddress GetIPAddress() { throw null; }
    }

    public delegate void NetworkAPStationChangedEventHandler(int NetworkIndex, NetworkAPStationEventArgs e);

    public class NetworkAPStationEventArgs : EventArgs
    {
        // No public or protected constructor: suppresses the implicit public one.
        internal NetworkAPStationEventArgs() { }
        public bool IsConnected { get { throw null; } }
        public int StationIndex { get { throw null; } }
    }

    public delegate void NetworkAddressChangedEventHandler(object sender, EventArgs e);

    public delegate void NetworkAvailabilityChangedEventHandler(object sender, NetworkAvailabilityEventArgs e);

    public class NetworkAvailabilityEventArgs : EventArgs
    {
        // No public or protected constructor: suppresses the implicit public one.
        internal NetworkAvailabilityEventArgs() { }
        public bool IsAvailable { get { throw null; } }
    }

    public static class NetworkChange
    {
        public static event NetworkAddressChangedEventHandler NetworkAddressChanged;
        public static event NetworkAPStationChangedEventHandler NetworkAPStationChanged;
        public static event NetworkAvailabilityChangedEventHandler NetworkAvailabilityChanged;
    }

    public class NetworkInterface
    {
        protected NetworkInterface(int interfaceIndex) { throw null; }
        public string IPv4Address { get { throw null; } }
        public string[] IPv4DnsAddresses { get { throw null; } }
        public string IPv4GatewayAddress { get { throw null; } }
        public string IPv4SubnetMask { get { throw null; } }
        public bool IsAutomaticDnsEnabled { get { throw null; } }
        public bool IsDhcpEnabled { get { throw null; } }
        public NetworkInterfaceType NetworkInterfaceType { get { throw null; } }
        public byte[] PhysicalAddress { get { throw null; } set { } }
        public uint SpecificConfigId { get { throw null; } set { } }
        [Obsolete("This method will be removed in a future version. Using automatic DNS it's part of DHCP configuration and can't be used as an individual operation.")]
        public void EnableAutomaticDns() { throw null; }
        public void EnableDhcp() { throw null; }
        public void EnableStaticIP(string ipv4Address, string ipv4subnetMask, string ipv4gatewayAddress, string ipv6Address, string ipv6SubnetMask, string ipv6GatewayAddress) { throw null; }
        public void EnableStaticIPv4(string ipv4Address, string ipv4SubnetMask, string ipv4GatewayAddress) { throw null; }
        public void EnableStaticIPv4Dns(string[] dnsAddresses) { throw null; }
        public void EnableStaticIPv6(string ipv6Address, string ipv6SubnetMask, string ipv6GatewayAddress) { throw null; }
        public void EnableStaticIPv6Dns(string[] dnsAddresses) { throw null; }
        public static NetworkInterface[] GetAllNetworkInterfaces() { throw null; }
        public static bool GetIsNetworkAvailable() { throw null; }
        public void ReleaseDhcpLease() { throw null; }
        public void RenewDhcpLease() { throw null; }
    }

    public enum NetworkInterfaceType
    {
        Unknown = 1,
        Ethernet = 6,
        Wireless80211 = 71,
        WirelessAP = 72,
    }

    [Flags]
    public enum PhyProtocols
    {
        PHY802_11b = 1,
        PHY802_11g = 2,
        PHY802_11n = 4,
        PHY802_11lr = 8,
    }

    public enum RadioType : byte
    {
        NotSpecified = 0,
        _802_11a = 1,
        _802_11b = 2,
        _802_11g = 4,
        _802_11n = 8,
    }

    public class Wireless80211Configuration
    {
        public Wireless80211Configuration(uint id) { throw null; }
        public AuthenticationType Authentication { get { throw null; } set { } }
        public EncryptionType Encryption { get { throw null; } set { } }
        public uint Id { get { throw null; } }
        public Wireless80211Configuration.ConfigurationOptions Options { get { throw null; } set { } }
        public string Password { get { throw null; } set { } }
        public RadioType Radio { get { throw null; } set { } }
        public string Ssid { get { throw null; } set { } }
        public static Wireless80211Configuration[] GetAllWireless80211Configurations() { throw null; }
        public void SaveConfiguration() { throw null; }

        [Flags]
        public enum ConfigurationOptions : byte
        {
            None = 0,
            Disable = 1,
            Enable = 2,
            AutoConnect = 6,
            SmartConfig = 10,
        }
    }

    public class WirelessAPConfiguration
    {
        public WirelessAPConfiguration(uint id) { throw null; }
        public AuthenticationType Authentication { get { throw null; } set { } }
        public byte Channel { get { throw null; } set { } }
        public EncryptionType Encryption { get { throw null; } set { } }
        public uint Id { get { throw null; } }
        public byte MaxConnections { get { throw null; } set { } }
        public WirelessAPConfiguration.ConfigurationOptions Options { get { throw null; } set { } }
        public string Password { get { throw null; } set { } }
        public RadioType Radio { get { throw null; } set { } }
        public string Ssid { get { throw null; } set { } }
        public void DeAuthStation(int stationIndex) { throw null; }
        public static WirelessAPConfiguration[] GetAllWirelessAPConfigurations() { throw null; }
        public WirelessAPStation[] GetConnectedStations() { throw null; }
        public WirelessAPStation GetConnectedStations(int stationIndex) { throw null; }
        public void SaveConfiguration() { throw null; }

        [Flags]
        public enum ConfigurationOptions : byte
        {
            None = 0,
            Disable = 1,
            Enable = 2,
            AutoStart = 6,
            HiddenSSID = 8,
        }
    }

    public class WirelessAPStation
    {
        // No public or protected constructor: suppresses the implicit public one.
        internal WirelessAPStation() { }
        public byte[] MacAddress { get { throw null; } }
        public PhyProtocols PhyModes { get { throw null; } }
        public sbyte Rssi { get { throw null; } }
    }
}
