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
using nanoFramework.M2Mqtt.Messages;

namespace nanoFramework.M2Mqtt
{
    public interface IMqttClient
    {
        bool IsConnected { get; }
        event IMqttClient.ConnectionClosedEventHandler ConnectionClosed;
        event IMqttClient.MqttMsgPublishedEventHandler MqttMsgPublished;
        event IMqttClient.MqttMsgPublishEventHandler MqttMsgPublishReceived;
        event IMqttClient.MqttMsgSubscribedEventHandler MqttMsgSubscribed;
        event IMqttClient.MqttMsgUnsubscribedEventHandler MqttMsgUnsubscribed;
        void Close();
        MqttReasonCode Connect(string clientId, string username, string password, bool willRetain, MqttQoSLevel willQosLevel, bool willFlag, string willTopic, string willMessage, bool cleanSession, ushort keepAlivePeriod);
        void Disconnect();
        void Init(string brokerHostName, int brokerPort, bool secure, byte[] caCert, byte[] clientCert, MqttSslProtocols sslProtocol);
        ushort Publish(string topic, byte[] message);
        ushort Publish(string topic, byte[] message, string contentType);
        ushort Publish(string topic, byte[] message, string contentType, ArrayList userProperties, MqttQoSLevel qosLevel, bool retain);
        ushort Subscribe(string[] topics, MqttQoSLevel[] qosLevels);
        ushort Unsubscribe(string[] topics);

        public delegate void ConnectionClosedEventHandler(object sender, EventArgs e);

        public delegate void MqttMsgPublishEventHandler(object sender, MqttMsgPublishEventArgs e);

        public delegate void MqttMsgPublishedEventHandler(object sender, MqttMsgPublishedEventArgs e);

        public delegate void MqttMsgSubscribedEventHandler(object sender, MqttMsgSubscribedEventArgs e);

        public delegate void MqttMsgUnsubscribedEventHandler(object sender, MqttMsgUnsubscribedEventArgs e);
    }

    public enum MqttSslProtocols
    {
        None = 0,
        SSLv3 = 1,
        TLSv1_0 = 2,
        TLSv1_1 = 3,
        TLSv1_2 = 4,
        TLSv1_3 = 5,
    }
}
