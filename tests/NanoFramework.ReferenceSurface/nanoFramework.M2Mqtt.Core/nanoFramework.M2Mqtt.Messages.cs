// Reference surface of nanoFramework's nanoFramework.M2Mqtt.Core 5.1.220 (NuGet package nanoFramework.M2Mqtt.Core).
// Public signatures mirrored from nanoFramework's public repositories; bodies are
// placeholders because this assembly is only ever used as a compile-time reference.

using System;
using System.Collections;
using System.ComponentModel;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.IO;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Remoting;
using System.Runtime.Versioning;
using System.Threading;
using nanoFramework.M2Mqtt;

namespace nanoFramework.M2Mqtt.Messages
{
    public class MqttMsgPublishEventArgs : EventArgs
    {
        public MqttMsgPublishEventArgs(string topic, byte[] message, bool dupFlag, MqttQoSLevel qosLevel, bool retain) { throw null; }
        public bool DupFlag { get { throw null; } }
        public byte[] Message { get { throw null; } }
        public MqttQoSLevel QosLevel { get { throw null; } }
        public bool Retain { get { throw null; } }
        public string Topic { get { throw null; } }
    }

    public class MqttMsgPublishedEventArgs : EventArgs
    {
        public MqttMsgPublishedEventArgs(ushort messageId) { throw null; }
        public MqttMsgPublishedEventArgs(ushort messageId, bool isPublished) { throw null; }
        public bool IsPublished { get { throw null; } set { } }
        public ushort MessageId { get { throw null; } set { } }
    }

    public class MqttMsgSubscribeEventArgs : EventArgs
    {
        public MqttMsgSubscribeEventArgs(ushort messageId, string[] topics, MqttQoSLevel[] qosLevels) { throw null; }
        public ushort MessageId { get { throw null; } }
        public MqttQoSLevel[] QoSLevels { get { throw null; } }
        public string[] Topics { get { throw null; } }
    }

    public class MqttMsgSubscribedEventArgs : EventArgs
    {
        public MqttMsgSubscribedEventArgs(ushort messageId, MqttQoSLevel[] grantedQosLevels) { throw null; }
        public MqttQoSLevel[] GrantedQoSLevels { get { throw null; } }
        public ushort MessageId { get { throw null; } }
    }

    public class MqttMsgUnsubscribeEventArgs : EventArgs
    {
        public MqttMsgUnsubscribeEventArgs(ushort messageId, string[] topics) { throw null; }
        public ushort MessageId { get { throw null; } }
        public string[] Topics { get { throw null; } }
    }

    public class MqttMsgUnsubscribedEventArgs : EventArgs
    {
        public MqttMsgUnsubscribedEventArgs(ushort messageId) { throw null; }
        public ushort MessageId { get { throw null; } }
    }

    public enum MqttQoSLevel
    {
        AtMostOnce = 0,
        AtLeastOnce = 1,
        ExactlyOnce = 2,
        GrantedFailure = 128,
    }

    public enum MqttReasonCode
    {
        Success = 0,
        NormalDisconnection = 0,
        GrantedQoS0 = 0,
        GrantedQoS1 = 1,
        GrantedQoS2 = 2,
        DisconnectWithWillMessage = 4,
        NoMatchingSubscribers = 16,
        NoSubscriptionExisted = 17,
        ContinueAuthentication = 24,
        ReAuthenticate = 25,
        UnspecifiedError = 128,
        MalformedPacket = 129,
        ProtocolError = 130,
        ImplementationSpecificError = 131,
        UnsupportedProtocolVersion = 132,
        ClientIdentifierNotValid = 133,
        BadUserNameOrPassword = 134,
        NotAuthorized = 135,
        ServerUnavailable = 136,
        ServerBusy = 137,
        Banned = 138,
        ServeShuttingDown = 139,
        BadAuthenticationMethod = 140,
        KeepAliveTimeout = 141,
        SessionTakenOver = 142,
        TopicFilterInvalid = 143,
        TopicNameInvalid = 144,
        PacketIdentifierInUse = 145,
        PacketIdentifierNotFound = 146,
        ReceiveMaximumExceeded = 147,
        TopicAliasInvalid = 148,
        PacketTooLarge = 149,
        MessageRateTooHigh = 150,
        QuotaExceeded = 151,
        AdministrativeAction = 152,
        PayloadFormatInvalid = 153,
        RetainNotSupported = 154,
        QoSNotSupported = 155,
        UseAnotherServer = 156,
        ServerMoved = 157,
        SharedSubscriptionsNotSupported = 158,
        ConnectionRateExceeded = 159,
        MaximumConnectTime = 160,
        SubscriptionIdentifiersNotSupported = 161,
        WildcardSubscriptionsNotSupported = 162,
        ConnectionRefusedUnacceptableProtocolVersion = 1,
        ConnectionRefusedIdentifierRejected = 2,
        ConnectionRefusedServerUnavailable = 3,
        ConnectionRefusedBadUserNameOrPassword = 4,
        ConnectionRefusedNotAuthorized = 5,
    }

    public class UserProperty
    {
        public UserProperty(string name, string value) { throw null; }
        public string Name { get { throw null; } set { } }
        public string Value { get { throw null; } set { } }
    }
}
