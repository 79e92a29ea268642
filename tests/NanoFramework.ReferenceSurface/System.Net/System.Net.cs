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
using nanoFramework.Networking;
using nanoFramework.Runtime.Events;

namespace System.Net
{
    public static class Dns
    {
        public static IPHostEntry GetHostEntry(string hostNameOrAddress) { throw null; }
    }

    public abstract class EndPoint
    {
        protected EndPoint() { throw null; }
        public abstract EndPoint Create(SocketAddress socketAddress);
        public abstract SocketAddress Serialize();
    }

    public class IPAddress
    {
        public IPAddress(byte[] address) { throw null; }
        public IPAddress(long newAddress) { throw null; }
        public IPAddress(byte[] address, long scopeid) { throw null; }
        public static readonly IPAddress Any;
        public static readonly IPAddress Broadcast;
        public static readonly IPAddress IPv6Any;
        public static readonly IPAddress IPv6Loopback;
        public static readonly IPAddress Loopback;
        public static readonly IPAddress None;
        public AddressFamily AddressFamily { get { throw null; } }
        public bool IsIPv4MappedToIPv6 { get { throw null; } }
        public long ScopeId { get { throw null; } set { } }
        public bool Equals(IPAddress other) { throw null; }
        public override bool Equals(object other) { throw null; }
        public byte[] GetAddressBytes() { throw null; }
        public static IPAddress GetDefaultLocalAddress() { throw null; }
        public override int GetHashCode() { throw null; }
        public IPAddress MapToIPv4() { throw null; }
        public IPAddress MapToIPv6() { throw null; }
        public static IPAddress Parse(string ipString) { throw null; }
        public override string ToString() { throw null; }
        public static bool operator ==(IPAddress a, IPAddress b) { throw null; }
        public static bool operator !=(IPAddress a, IPAddress b) { throw null; }
    }

    public class IPEndPoint : EndPoint
    {
        public IPEndPoint(IPAddress address, int port) { throw null; }
        public IPEndPoint(long address, int port) { throw null; }
        public const int MaxPort = 65535;
        public const int MinPort = 0;
        public IPAddress Address { get { throw null; } }
        public AddressFamily AddressFamily { get { throw null; } }
        public int Port { get { throw null; } }
        public override EndPoint Create(SocketAddress socketAddress) { throw null; }
        public override bool Equals(object obj) { throw null; }
        public override int GetHashCode() { throw null; }
        public override SocketAddress Serialize() { throw null; }
        public override string ToString() { throw null; }
    }

    public class IPHostEntry
    {
        public IPHostEntry() { throw null; }
        public IPAddress[] AddressList { get { throw null; } }
        public string HostName { get { throw null; } }
    }

    public class SocketAddress
    {
        public SocketAddress(AddressFamily family, int size) { throw null; }
        public AddressFamily Family { get { throw null; } }
        public int Size { get { throw null; } }
        public byte this[int offset] { get { throw null; } set { } }
        public override bool Equals(object obj) { throw null; }
        public override int GetHashCode() { throw null; }
    }
}
