// Reference surface of nanoFramework's nanoFramework.M2Mqtt 5.1.220 (NuGet package nanoFramework.M2Mqtt).
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
using nanoFramework.M2Mqtt.Exceptions;
using nanoFramework.M2Mqtt.Internal;
using nanoFramework.M2Mqtt.Messages;
using nanoFramework.M2Mqtt.Session;
using nanoFramework.Networking;
using nanoFramework.Runtime.Native;

namespace nanoFramework.M2Mqtt
{
    public interface IMqttNetworkChannel
    {
        bool DataAvailable { get; }
        bool ValidateServerCertificate { get; set; }
        void Accept();
        void Close();
        void Connect();
        int Receive(byte[] buffer);
        int Receive(byte[] buffer, int timeout);
        int Send(byte[] buffer);
    }

    public static class IPAddressUtility
    {
        public static AddressFamily GetAddressFamily(this IPAddress ipAddress) { throw null; }
    }

    public class MqttClient : IMqttClient, IDisposable
    {
        public MqttClient(string brokerHostName) { throw null; }
        public MqttClient(string brokerHostName, int brokerPort, bool secure, X509Certificate caCert, X509Certificate clientCert, MqttSslProtocols sslProtocol) { throw null; }
        public byte[] AuthenticationData { get { throw null; } set { } }
        public string AuthenticationMethod { get { throw null; } set { } }
        public bool CleanSession { get { throw null; } }
        public string ClientId { get { throw null; } }
        public bool IsAuthenticationFlow { get { throw null; } set { } }
        public bool IsConnected { get { throw null; } }
        public uint MaximumPacketSize { get { throw null; } set { } }
        public MqttProtocolVersion ProtocolVersion { get { throw null; } set { } }
        public ushort ReceiveMaximum { get { throw null; } set { } }
        public bool RequestProblemInformation { get { throw null; } set { } }
        public bool RequestResponseInformation { get { throw null; } set { } }
        public uint SessionExpiryInterval { get { throw null; } set { } }
        public MqttSettings Settings { get { throw null; } }
        public ushort TopicAliasMaximum { get { throw null; } set { } }
        public ArrayList UserProperties { get { throw null; } }
        public uint WillDelayInterval { get { throw null; } set { } }
        public bool WillFlag { get { throw null; } }
        public string WillMessage { get { throw null; } }
        public MqttQoSLevel WillQosLevel { get { throw null; } }
        public string WillTopic { get { throw null; } }
        public event MqttClient.MqttMsgAuthenticationEventHandler Authentication;
        public event IMqttClient.ConnectionClosedEventHandler ConnectionClosed;
        public event MqttClient.ConnectionClosedRequestEventHandler ConnectionClosedRequest;
        public event MqttClient.ConnectionOpenedEventHandler ConnectionOpened;
        public event IMqttClient.MqttMsgPublishedEventHandler MqttMsgPublished;
        public event IMqttClient.MqttMsgPublishEventHandler MqttMsgPublishReceived;
        public event IMqttClient.MqttMsgSubscribedEventHandler MqttMsgSubscribed;
        public event IMqttClient.MqttMsgUnsubscribedEventHandler MqttMsgUnsubscribed;
        public void Close() { throw null; }
        public MqttReasonCode Connect(string clientId) { throw null; }
        public MqttReasonCode Connect(string clientId, bool cleanSession) { throw null; }
        public MqttReasonCode Connect(string clientId, string username, string password) { throw null; }
        public MqttReasonCode Connect(string clientId, string username, string password, bool cleanSession, ushort keepAlivePeriod) { throw null; }
        public MqttReasonCode Connect(string clientId, string username, string password, bool willRetain, MqttQoSLevel willQosLevel, bool willFlag, string willTopic, string willMessage, bool cleanSession, ushort keepAlivePeriod) { throw null; }
        public void Disconnect() { throw null; }
        public void Dispose() { throw null; }
        public void Init(string brokerHostName, int brokerPort, bool secure, byte[] caCert, byte[] clientCert, MqttSslProtocols sslProtocol) { throw null; }
        public ushort Publish(string topic, byte[] message) { throw null; }
        public ushort Publish(string topic, byte[] message, string contentType) { throw null; }
        public ushort Publish(string topic, byte[] message, string contentType, ArrayList userProperties) { throw null; }
        public ushort Publish(string topic, byte[] message, string contentType, ArrayList userProperties, MqttQoSLevel qosLevel, bool retain) { throw null; }
        public ushort Subscribe(string[] topics, MqttQoSLevel[] qosLevels) { throw null; }
        public ushort Unsubscribe(string[] topics) { throw null; }

        public delegate void ConnectionClosedEventHandler(object sender, EventArgs e);

        public delegate void ConnectionClosedRequestEventHandler(object sender, ConnectionClosedRequestEventArgs e);

        public delegate void ConnectionOpenedEventHandler(object sender, ConnectionOpenedEventArgs e);

        public delegate void MqttMsgAuthenticationEventHandler(object sender, MqttMsgAuthenticationEventArgs e);

        public delegate void MqttMsgPublishEventHandler(object sender, MqttMsgPublishEventArgs e);

        public delegate void MqttMsgPublishedEventHandler(object sender, MqttMsgPublishedEventArgs e);

        public delegate void MqttMsgSubscribedEventHandler(object sender, MqttMsgSubscribedEventArgs e);

        public delegate void MqttMsgUnsubscribedEventHandler(object sender, MqttMsgUnsubscribedEventArgs e);
    }

    public class MqttNetworkChannel : IMqttNetworkChannel
    {
        public MqttNetworkChannel(Socket socket) { throw null; }
        public MqttNetworkChannel(string remoteHostName, int remotePort) { throw null; }
        public MqttNetworkChannel(Socket socket, bool secure, X509Certificate serverCert, MqttSslProtocols sslProtocol) { throw null; }
        public MqttNetworkChannel(string remoteHostName, int remotePort, bool secure, X509Certificate caCert, X509Certificate clientCert, MqttSslProtocols sslProtocol) { throw null; }
        public bool DataAvailable { get { throw null; } }
        public string RemoteHostName { get { throw null; } }
        public IPAddress RemoteIpAddress { get { throw null; } }
        public int RemotePort { get { throw null; } }
        public bool ValidateServerCertificate { get { throw null; } set { } }
        public void Accept() { throw null; }
        public void Close() { throw null; }
        public void Connect() { throw null; }
        public int Receive(byte[] buffer) { throw null; }
        public int Receive(byte[] buffer, int timeout) { throw null; }
        public int Send(byte[] buffer) { throw null; }
    }

    public enum MqttProtocolVersion
    {
        Version_3_1 = 3,
        Version_3_1_1 = 4,
        Version_5 = 5,
    }

    public class MqttSettings
    {
        // No public or protected constructor: suppresses the implicit public one.
        internal MqttSettings() { }
        public const int BrokerDefaultPort = 1883;
        public const int BrokerDefaultSslPort = 8883;
        public const int ConnectTimeout = 30000;
        public const int DefaultDelayRetry = 1000;
        public const int DefaultInflightQueueSize = 2147483647;
        public const int DefaultTimeout = 30000;
        public const int MaximumAttemptsRetry = 3;
        public int AttemptsOnRetry { get { throw null; } }
        public int DelayOnRetry { get { throw null; } }
        public int InflightQueueSize { get { throw null; } set { } }
        public static MqttSettings Instance { get { throw null; } }
        public int Port { get { throw null; } }
        public int SslPort { get { throw null; } }
        public int TimeoutOnConnection { get { throw null; } }
        public int TimeoutOnReceiving { get { throw null; } }
        public bool ValidateServerCertificate { get { throw null; } set { } }
    }

    public static class MqttSslUtility
    {
        public static SslProtocols ToSslPlatformEnum(MqttSslProtocols mqttSslProtocol) { throw null; }
    }
}
