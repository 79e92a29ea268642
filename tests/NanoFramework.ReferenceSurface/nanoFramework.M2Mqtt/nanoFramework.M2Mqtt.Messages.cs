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
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Exceptions;
using nanoFramework.M2Mqtt.Internal;
using nanoFramework.M2Mqtt.Session;
using nanoFramework.Networking;
using nanoFramework.Runtime.Native;

namespace nanoFramework.M2Mqtt.Messages
{
    public class ConnectionClosedRequestEventArgs : EventArgs
    {
        public ConnectionClosedRequestEventArgs(MqttMsgDisconnect disconnect) { throw null; }
        public MqttMsgDisconnect Message { get { throw null; } }
    }

    public class ConnectionOpenedEventArgs : EventArgs
    {
        public ConnectionOpenedEventArgs(MqttMsgConnack connact) { throw null; }
        public MqttMsgConnack Message { get { throw null; } }
    }

    public enum MqttMessageType
    {
        Connect = 1,
        ConnectAck = 2,
        Publish = 3,
        PublishAck = 4,
        PublishReceived = 5,
        PublishRelease = 6,
        PublishComplete = 7,
        Subscribe = 8,
        SubscribeAck = 9,
        Unsubscribe = 10,
        UnsubscribeAck = 11,
        PingRequest = 12,
        PingResponse = 13,
        Disconnect = 14,
        Authentication = 15,
    }

    public class MqttMsgAuthentication : MqttMsgBase
    {
        public MqttMsgAuthentication() { throw null; }
        public byte[] AuthenticationData { get { throw null; } set { } }
        public string AuthenticationMethod { get { throw null; } set { } }
        public string Reason { get { throw null; } set { } }
        public MqttReasonCode ReasonCode { get { throw null; } set { } }
        public override byte[] GetBytes(MqttProtocolVersion protocolVersion) { throw null; }
        public static MqttMsgAuthentication Parse(byte fixedHeaderFirstByte, MqttProtocolVersion protocolVersion, IMqttNetworkChannel channel) { throw null; }
    }

    public class MqttMsgAuthenticationEventArgs : EventArgs
    {
        public MqttMsgAuthenticationEventArgs(MqttMsgAuthentication authentication) { throw null; }
        public MqttMsgAuthentication Message { get { throw null; } }
    }

    public abstract class MqttMsgBase
    {
        protected MqttMsgBase() { throw null; }
        public bool DupFlag { get { throw null; } set { } }
        public uint MaximumPacketSize { get { throw null; } set { } }
        public ushort MessageId { get { throw null; } set { } }
        public MqttQoSLevel QosLevel { get { throw null; } set { } }
        public bool Retain { get { throw null; } set { } }
        public MqttMessageType Type { get { throw null; } set { } }
        public ArrayList UserProperties { get { throw null; } }
        protected static int DecodeVariableByte(IMqttNetworkChannel channel) { throw null; }
        protected int EncodeVariableByte(int remainingLength, byte[] buffer, int index) { throw null; }
        public abstract byte[] GetBytes(MqttProtocolVersion protocolVersion);
    }

    public class MqttMsgConnack : MqttMsgBase
    {
        public MqttMsgConnack() { throw null; }
        public string AssignedClientIdentifier { get { throw null; } set { } }
        public byte[] AuthenticationData { get { throw null; } set { } }
        public string AuthenticationMethod { get { throw null; } set { } }
        public bool MaximumQoS { get { throw null; } set { } }
        public string Reason { get { throw null; } set { } }
        public ushort ReceiveMaximum { get { throw null; } set { } }
        public string ResponseInformation { get { throw null; } set { } }
        public bool RetainAvailable { get { throw null; } set { } }
        public MqttReasonCode ReturnCode { get { throw null; } set { } }
        public ushort ServerKeepAlive { get { throw null; } set { } }
        public string ServerReference { get { throw null; } set { } }
        public uint SessionExpiryInterval { get { throw null; } set { } }
        public bool SessionPresent { get { throw null; } set { } }
        public bool SharedSubscriptionAvailable { get { throw null; } set { } }
        public bool SubscriptionIdentifiersAvailable { get { throw null; } set { } }
        public ushort TopicAliasMaximum { get { throw null; } set { } }
        public bool WildcardSubscriptionAvailable { get { throw null; } set { } }
        public override byte[] GetBytes(MqttProtocolVersion protocolVersion) { throw null; }
        public static MqttMsgConnack Parse(byte fixedHeaderFirstByte, MqttProtocolVersion protocolVersion, IMqttNetworkChannel channel) { throw null; }
        public override string ToString() { throw null; }
    }

    public class MqttMsgConnect : MqttMsgBase
    {
        public MqttMsgConnect() { throw null; }
        public MqttMsgConnect(string clientId) { throw null; }
        public MqttMsgConnect(string clientId, string username, string password, bool willRetain, MqttQoSLevel willQosLevel, bool willFlag, string willTopic, string willMessage, bool cleanSession, ushort keepAlivePeriod, MqttProtocolVersion protocolVersion) { throw null; }
        public byte[] AuthenticationData { get { throw null; } set { } }
        public string AuthenticationMethod { get { throw null; } set { } }
        public bool CleanSession { get { throw null; } set { } }
        public string ClientId { get { throw null; } set { } }
        public ushort KeepAlivePeriod { get { throw null; } set { } }
        public string Password { get { throw null; } set { } }
        public string ProtocolName { get { throw null; } set { } }
        public MqttProtocolVersion ProtocolVersion { get { throw null; } set { } }
        public ushort ReceiveMaximum { get { throw null; } set { } }
        public bool RequestProblemInformation { get { throw null; } set { } }
        public bool RequestResponseInformation { get { throw null; } set { } }
        public uint SessionExpiryInterval { get { throw null; } set { } }
        public ushort TopicAliasMaximum { get { throw null; } set { } }
        public string Username { get { throw null; } set { } }
        public uint WillDelayInterval { get { throw null; } set { } }
        public bool WillFlag { get { throw null; } set { } }
        public string WillMessage { get { throw null; } set { } }
        public byte WillQosLevel { get { throw null; } set { } }
        public bool WillRetain { get { throw null; } set { } }
        public string WillTopic { get { throw null; } set { } }
        public override byte[] GetBytes(MqttProtocolVersion protocolVersion) { throw null; }
        public static MqttMsgConnect Parse(byte fixedHeaderFirstByte, MqttProtocolVersion protocolVersion, IMqttNetworkChannel channel) { throw null; }
        public override string ToString() { throw null; }
    }

    public class MqttMsgConnectEventArgs : EventArgs
    {
        public MqttMsgConnectEventArgs(MqttMsgConnect connect) { throw null; }
        public MqttMsgConnect Message { get { throw null; } }
    }

    public class MqttMsgContext
    {
        public MqttMsgContext() { throw null; }
        public int Attempt { get { throw null; } set { } }
        public MqttMsgFlow Flow { get { throw null; } set { } }
        public string Key { get { throw null; } }
        public MqttMsgBase Message { get { throw null; } set { } }
        public MqttMsgState State { get { throw null; } set { } }
        public long Timestamp { get { throw null; } set { } }
    }

    public class MqttMsgDisconnect : MqttMsgBase
    {
        public MqttMsgDisconnect() { throw null; }
        public string Reason { get { throw null; } set { } }
        public MqttReasonCode ResonCode { get { throw null; } set { } }
        public string ServerReference { get { throw null; } set { } }
        public uint SessionExpiryInterval { get { throw null; } set { } }
        public override byte[] GetBytes(MqttProtocolVersion protocolVersion) { throw null; }
        public static MqttMsgDisconnect Parse(byte fixedHeaderFirstByte, MqttProtocolVersion protocolVersion, IMqttNetworkChannel channel) { throw null; }
        public override string ToString() { throw null; }
    }

    public enum MqttMsgFlow
    {
        ToPublish = 0,
        ToAcknowledge = 1,
    }

    public class MqttMsgPingReq : MqttMsgBase
    {
        public MqttMsgPingReq() { throw null; }
        public override byte[] GetBytes(MqttProtocolVersion protocolVersion) { throw null; }
        public static MqttMsgPingReq Parse(byte fixedHeaderFirstByte, MqttProtocolVersion protocolVersion, IMqttNetworkChannel channel) { throw null; }
        public override string ToString() { throw null; }
    }

    public class MqttMsgPingResp : MqttMsgBase
    {
        public MqttMsgPingResp() { throw null; }
        public override byte[] GetBytes(MqttProtocolVersion protocolVersion) { throw null; }
        public static MqttMsgPingResp Parse(byte fixedHeaderFirstByte, MqttProtocolVersion protocolVersion, IMqttNetworkChannel channel) { throw null; }
        public override string ToString() { throw null; }
    }

    public class MqttMsgPuback : MqttMsgBase
    {
        public MqttMsgPuback() { throw null; }
        public string Reason { get { throw null; } set { } }
        public MqttReasonCode ReasonCode { get { throw null; } set { } }
        public override byte[] GetBytes(MqttProtocolVersion protocolVersion) { throw null; }
        public static MqttMsgPuback Parse(byte fixedHeaderFirstByte, MqttProtocolVersion protocolVersion, IMqttNetworkChannel channel) { throw null; }
        public override string ToString() { throw null; }
    }

    public class MqttMsgPubcomp : MqttMsgBase
    {
        public MqttMsgPubcomp() { throw null; }
        public string Reason { get { throw null; } set { } }
        public MqttReasonCode ReasonCode { get { throw null; } set { } }
        public override byte[] GetBytes(MqttProtocolVersion protocolVersion) { throw null; }
        public static MqttMsgPubcomp Parse(byte fixedHeaderFirstByte, MqttProtocolVersion protocolVersion, IMqttNetworkChannel channel) { throw null; }
        public override string ToString() { throw null; }
    }

    public class MqttMsgPublish : MqttMsgBase
    {
        public MqttMsgPublish() { throw null; }
        public MqttMsgPublish(string topic, byte[] message) { throw null; }
        public MqttMsgPublish(string topic, byte[] message, bool dupFlag, MqttQoSLevel qosLevel, bool retain) { throw null; }
        public string ContentType { get { throw null; } set { } }
        public byte[] CorrelationData { get { throw null; } set { } }
        public bool IsPayloadUTF8 { get { throw null; } set { } }
        public byte[] Message { get { throw null; } set { } }
        public uint MessageExpiryInterval { get { throw null; } set { } }
        public string ResponseTopic { get { throw null; } set { } }
        public int SubscriptionIdentifier { get { throw null; } set { } }
        public string Topic { get { throw null; } set { } }
        public ushort TopicAlias { get { throw null; } set { } }
        public override byte[] GetBytes(MqttProtocolVersion protocolVersion) { throw null; }
        public static MqttMsgPublish Parse(byte fixedHeaderFirstByte, MqttProtocolVersion protocolVersion, IMqttNetworkChannel channel) { throw null; }
        public override string ToString() { throw null; }
    }

    public class MqttMsgPubrec : MqttMsgBase
    {
        public MqttMsgPubrec() { throw null; }
        public string Reason { get { throw null; } set { } }
        public MqttReasonCode ReasonCode { get { throw null; } set { } }
        public override byte[] GetBytes(MqttProtocolVersion protocolVersion) { throw null; }
        public static MqttMsgPubrec Parse(byte fixedHeaderFirstByte, MqttProtocolVersion protocolVersion, IMqttNetworkChannel channel) { throw null; }
        public override string ToString() { throw null; }
    }

    public class MqttMsgPubrel : MqttMsgBase
    {
        public MqttMsgPubrel() { throw null; }
        public string Reason { get { throw null; } set { } }
        public MqttReasonCode ReasonCode { get { throw null; } set { } }
        public override byte[] GetBytes(MqttProtocolVersion protocolVersion) { throw null; }
        public static MqttMsgPubrel Parse(byte fixedHeaderFirstByte, MqttProtocolVersion protocolVersion, IMqttNetworkChannel channel) { throw null; }
        public override string ToString() { throw null; }
    }

    public enum MqttMsgState
    {
        QueuedQos0 = 0,
        QueuedQos1 = 1,
        QueuedQos2 = 2,
        WaitForPuback = 3,
        WaitForPubrec = 4,
        WaitForPubrel = 5,
        WaitForPubcomp = 6,
        SendPubrec = 7,
        SendPubrel = 8,
        SendPubcomp = 9,
        SendPuback = 10,
        SendSubscribe = 11,
        SendUnsubscribe = 12,
        WaitForSuback = 13,
        WaitForUnsuback = 14,
        WaitForAuthentication = 15,
    }

    public class MqttMsgSuback : MqttMsgBase
    {
        public MqttMsgSuback() { throw null; }
        public MqttQoSLevel[] GrantedQoSLevels { get { throw null; } set { } }
        public string Reason { get { throw null; } set { } }
        public MqttReasonCode[] ReasonCodes { get { throw null; } set { } }
        public override byte[] GetBytes(MqttProtocolVersion protocolVersion) { throw null; }
        public static MqttMsgSuback Parse(byte fixedHeaderFirstByte, MqttProtocolVersion protocolVersion, IMqttNetworkChannel channel) { throw null; }
        public override string ToString() { throw null; }
    }

    public class MqttMsgSubscribe : MqttMsgBase
    {
        public MqttMsgSubscribe() { throw null; }
        public MqttMsgSubscribe(string[] topics, MqttQoSLevel[] qosLevels) { throw null; }
        public bool NoLocal { get { throw null; } set { } }
        public MqttQoSLevel[] QoSLevels { get { throw null; } set { } }
        public bool RetainAsPublished { get { throw null; } set { } }
        public MqttRetainHandeling RetainHandeling { get { throw null; } set { } }
        public int SubscriptionIdentifier { get { throw null; } set { } }
        public string[] Topics { get { throw null; } set { } }
        public override byte[] GetBytes(MqttProtocolVersion protocolVersion) { throw null; }
        public static MqttMsgSubscribe Parse(byte fixedHeaderFirstByte, MqttProtocolVersion protocolVersion, IMqttNetworkChannel channel) { throw null; }
        public override string ToString() { throw null; }
    }

    public class MqttMsgUnsuback : MqttMsgBase
    {
        public MqttMsgUnsuback() { throw null; }
        public string Reason { get { throw null; } set { } }
        public MqttReasonCode ReasonCode { get { throw null; } set { } }
        public override byte[] GetBytes(MqttProtocolVersion protocolVersion) { throw null; }
        public static MqttMsgUnsuback Parse(byte fixedHeaderFirstByte, MqttProtocolVersion protocolVersion, IMqttNetworkChannel channel) { throw null; }
        public override string ToString() { throw null; }
    }

    public class MqttMsgUnsubscribe : MqttMsgBase
    {
        public MqttMsgUnsubscribe() { throw null; }
        public MqttMsgUnsubscribe(string[] topics) { throw null; }
        public string[] Topics { get { throw null; } set { } }
        public override byte[] GetBytes(MqttProtocolVersion protocolVersion) { throw null; }
        public static MqttMsgUnsubscribe Parse(byte fixedHeaderFirstByte, MqttProtocolVersion protocolVersion, IMqttNetworkChannel channel) { throw null; }
        public override string ToString() { throw null; }
    }

    public enum MqttRetainHandeling
    {
        AllTime = 0,
        SubscribeTimeOnly = 1,
        NoRetain = 2,
    }
}
