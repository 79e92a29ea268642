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

namespace System.Net.Sockets
{
    public enum AddressFamily
    {
        Unknown = -1,
        Unspecified = 0,
        Unix = 1,
        InterNetwork = 2,
        ImpLink = 3,
        Pup = 4,
        Chaos = 5,
        NS = 6,
        Ipx = 6,
        Iso = 7,
        Osi = 7,
        Ecma = 8,
        DataKit = 9,
        Ccitt = 10,
        Sna = 11,
        DecNet = 12,
        DataLink = 13,
        Lat = 14,
        HyperChannel = 15,
        AppleTalk = 16,
        NetBios = 17,
        VoiceView = 18,
        FireFox = 19,
        Banyan = 21,
        Atm = 22,
        InterNetworkV6 = 23,
        Cluster = 24,
        Ieee12844 = 25,
        Irda = 26,
        NetworkDesigners = 28,
        Max = 29,
    }

    public class NetworkStream : Stream
    {
        public NetworkStream(Socket socket) { throw null; }
        public NetworkStream(Socket socket, bool ownsSocket) { throw null; }
        protected bool _disposed;
        protected EndPoint _remoteEndPoint;
        protected int _socketType;
        public override bool CanRead { get { throw null; } }
        public override bool CanSeek { get { throw null; } }
        public override bool CanTimeout { get { throw null; } }
        public override bool CanWrite { get { throw null; } }
        public virtual bool DataAvailable { get { throw null; } }
        public override long Length { get { throw null; } }
        public override long Position { get { throw null; } set { } }
        public override int ReadTimeout { get { throw null; } set { } }
        public override int WriteTimeout { get { throw null; } set { } }
        public void Close(int timeout) { throw null; }
        protected override void Dispose(bool disposing) { throw null; }
        public override void Flush() { throw null; }
        public override int Read(SpanByte buffer) { throw null; }
        public override int Read(byte[] buffer, int offset, int count) { throw null; }
        public override long Seek(long offset, SeekOrigin origin) { throw null; }
        public override void SetLength(long value) { throw null; }
        public override void Write(byte[] buffer, int offset, int count) { throw null; }
    }

    public enum ProtocolFamily
    {
        Unknown = -1,
        Unspecified = 0,
        Unix = 1,
        InterNetwork = 2,
        ImpLink = 3,
        Pup = 4,
        Chaos = 5,
        NS = 6,
        Ipx = 6,
        Iso = 7,
        Osi = 7,
        Ecma = 8,
        DataKit = 9,
        Ccitt = 10,
        Sna = 11,
        DecNet = 12,
        DataLink = 13,
        Lat = 14,
        HyperChannel = 15,
        AppleTalk = 16,
        NetBios = 17,
        VoiceView = 18,
        FireFox = 19,
        Banyan = 21,
        Atm = 22,
        InterNetworkV6 = 23,
        Cluster = 24,
        Ieee12844 = 25,
        Irda = 26,
        NetworkDesigners = 28,
        Max = 29,
    }

    public enum ProtocolType
    {
        IP = 0,
        IPv6HopByHopOptions = 0,
        Icmp = 1,
        Igmp = 2,
        Ggp = 3,
        IPv4 = 4,
        Tcp = 6,
        Pup = 12,
        Udp = 17,
        Idp = 22,
        IPv6 = 41,
        IPv6RoutingHeader = 43,
        IPv6FragmentHeader = 44,
        IPSecEncapsulatingSecurityPayload = 50,
        IPSecAuthenticationHeader = 51,
        IcmpV6 = 58,
        IPv6NoNextHeader = 59,
        IPv6DestinationOptions = 60,
        ND = 77,
        Raw = 255,
        Unspecified = 0,
        Ipx = 1000,
        Spx = 1256,
        SpxII = 1257,
        Unknown = -1,
    }

    public enum SelectMode
    {
        SelectRead = 0,
        SelectWrite = 1,
        SelectError = 2,
    }

    public class Socket : IDisposable
    {
        public Socket(AddressFamily addressFamily, SocketType socketType, ProtocolType protocolType) { throw null; }
        public int Available { get { throw null; } }
        public bool Connected { get { throw null; } }
        public EndPoint LocalEndPoint { get { throw null; } }
        public int ReceiveTimeout { get { throw null; } set { } }
        public EndPoint RemoteEndPoint { get { throw null; } }
        public int SendTimeout { get { throw null; } set { } }
        public SocketType SocketType { get { throw null; } }
        public Socket Accept() { throw null; }
        public void Bind(EndPoint localEP) { throw null; }
        public void Close() { throw null; }
        public void Connect(EndPoint remoteEP) { throw null; }
        protected virtual void Dispose(bool disposing) { throw null; }
        public object GetSocketOption(SocketOptionLevel optionLevel, SocketOptionName optionName) { throw null; }
        public void GetSocketOption(SocketOptionLevel optionLevel, SocketOptionName optionName, byte[] val) { throw null; }
        public void Listen(int backlog) { throw null; }
        public bool Poll(int microSeconds, SelectMode mode) { throw null; }
        public int Receive(byte[] buffer) { throw null; }
        public int Receive(byte[] buffer, SocketFlags socketFlags) { throw null; }
        public int Receive(byte[] buffer, int size, SocketFlags socketFlags) { throw null; }
        public int Receive(byte[] buffer, int offset, int size, SocketFlags socketFlags) { throw null; }
        public int ReceiveFrom(byte[] buffer, ref EndPoint remoteEP) { throw null; }
        public int ReceiveFrom(byte[] buffer, SocketFlags socketFlags, ref EndPoint remoteEP) { throw null; }
        public int ReceiveFrom(byte[] buffer, int size, SocketFlags socketFlags, ref EndPoint remoteEP) { throw null; }
        public int ReceiveFrom(byte[] buffer, int offset, int size, SocketFlags socketFlags, ref EndPoint remoteEP) { throw null; }
        public int Send(byte[] buffer) { throw null; }
        public int Send(byte[] buffer, SocketFlags socketFlags) { throw null; }
        public int Send(byte[] buffer, int size, SocketFlags socketFlags) { throw null; }
        public int Send(byte[] buffer, int offset, int size, SocketFlags socketFlags) { throw null; }
        public int SendTo(byte[] buffer, EndPoint remoteEP) { throw null; }
        public int SendTo(byte[] buffer, SocketFlags socketFlags, EndPoint remoteEP) { throw null; }
        public int SendTo(byte[] buffer, int size, SocketFlags socketFlags, EndPoint remoteEP) { throw null; }
        public int SendTo(byte[] buffer, int offset, int size, SocketFlags socketFlags, EndPoint remoteEP) { throw null; }
        public void SetSocketOption(SocketOptionLevel optionLevel, SocketOptionName optionName, bool optionValue) { throw null; }
        public void SetSocketOption(SocketOptionLevel optionLevel, SocketOptionName optionName, byte[] optionValue) { throw null; }
        public void SetSocketOption(SocketOptionLevel optionLevel, SocketOptionName optionName, int optionValue) { throw null; }
        ~Socket() { }
        // Explicit interface implementations (not part of the public surface).
        void System.IDisposable.Dispose() { throw null; }
    }

    public enum SocketError
    {
        Success = 0,
        SocketError = -1,
        Interrupted = 10004,
        AccessDenied = 10013,
        Fault = 10014,
        InvalidArgument = 10022,
        TooManyOpenSockets = 10024,
        WouldBlock = 10035,
        InProgress = 10036,
        AlreadyInProgress = 10037,
        NotSocket = 10038,
        DestinationAddressRequired = 10039,
        MessageSize = 10040,
        ProtocolType = 10041,
        ProtocolOption = 10042,
        ProtocolNotSupported = 10043,
        SocketNotSupported = 10044,
        OperationNotSupported = 10045,
        ProtocolFamilyNotSupported = 10046,
        AddressFamilyNotSupported = 10047,
        AddressAlreadyInUse = 10048,
        AddressNotAvailable = 10049,
        NetworkDown = 10050,
        NetworkUnreachable = 10051,
        NetworkReset = 10052,
        ConnectionAborted = 10053,
        ConnectionReset = 10054,
        NoBufferSpaceAvailable = 10055,
        IsConnected = 10056,
        NotConnected = 10057,
        Shutdown = 10058,
        TimedOut = 10060,
        ConnectionRefused = 10061,
        HostDown = 10064,
        HostUnreachable = 10065,
        ProcessLimit = 10067,
        SystemNotReady = 10091,
        VersionNotSupported = 10092,
        NotInitialized = 10093,
        Disconnecting = 10101,
        TypeNotFound = 10109,
        HostNotFound = 11001,
        TryAgain = 11002,
        NoRecovery = 11003,
        NoData = 11004,
    }

    public class SocketException : Exception
    {
        public SocketException(SocketError errorCode) { throw null; }
        public int ErrorCode { get { throw null; } }
    }

    [Flags]
    public enum SocketFlags
    {
        None = 0,
        OutOfBand = 1,
        Peek = 2,
        DontRoute = 4,
        MaxIOVectorLength = 16,
        Truncated = 256,
        ControlDataTruncated = 512,
        Broadcast = 1024,
        Multicast = 2048,
        Partial = 32768,
    }

    public enum SocketOptionLevel
    {
        Socket = 65535,
        IP = 0,
        IPv6 = 41,
        Tcp = 6,
        Udp = 17,
    }

    public enum SocketOptionName
    {
        Debug = 1,
        AcceptConnection = 2,
        ReuseAddress = 4,
        KeepAlive = 8,
        DontRoute = 16,
        Broadcast = 32,
        UseLoopback = 64,
        Linger = 128,
        OutOfBandInline = 256,
        DontLinger = -129,
        ExclusiveAddressUse = -5,
        SendBuffer = 4097,
        ReceiveBuffer = 4098,
        SendLowWater = 4099,
        ReceiveLowWater = 4100,
        SendTimeout = 4101,
        ReceiveTimeout = 4102,
        Error = 4103,
        Type = 4104,
        MaxConnections = 2147483647,
        IPOptions = 1,
        HeaderIncluded = 2,
        TypeOfService = 3,
        IpTimeToLive = 4,
        MulticastInterface = 9,
        MulticastTimeToLive = 10,
        MulticastLoopback = 11,
        AddMembership = 12,
        DropMembership = 13,
        DontFragment = 14,
        AddSourceMembership = 15,
        DropSourceMembership = 16,
        BlockSource = 17,
        UnblockSource = 18,
        PacketInformation = 19,
        HopLimit = 21,
        NoDelay = 1,
        BsdUrgent = 2,
        Expedited = 2,
        NoChecksum = 1,
        ChecksumCoverage = 20,
        UpdateAcceptContext = 28683,
        UpdateConnectContext = 28688,
    }

    public enum SocketType
    {
        Stream = 1,
        Dgram = 2,
        Raw = 3,
        Rdm = 4,
        Seqpacket = 5,
        Unknown = -1,
    }
}
