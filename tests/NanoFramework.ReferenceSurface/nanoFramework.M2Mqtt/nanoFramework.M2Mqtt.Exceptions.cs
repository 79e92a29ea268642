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
using nanoFramework.M2Mqtt.Internal;
using nanoFramework.M2Mqtt.Messages;
using nanoFramework.M2Mqtt.Session;
using nanoFramework.Networking;
using nanoFramework.Runtime.Native;

namespace nanoFramework.M2Mqtt.Exceptions
{
    public enum MqttClientErrorCode
    {
        WillWrong = 1,
        KeepAliveWrong = 2,
        TopicWildcard = 3,
        TopicLength = 4,
        QosNotAllowed = 5,
        TopicsEmpty = 6,
        QosLevelsEmpty = 7,
        TopicsQosLevelsNotMatch = 8,
        WrongBrokerMessage = 9,
        WrongMessageId = 10,
        InflightQueueFull = 11,
        InvalidFlagBits = 12,
        InvalidConnectFlags = 13,
        InvalidClientId = 14,
        InvalidProtocolName = 15,
    }

    public class MqttClientException : Exception
    {
        public MqttClientException(MqttClientErrorCode errorCode) { throw null; }
        public MqttClientErrorCode ErrorCode { get { throw null; } set { } }
    }

    public class MqttCommunicationException : Exception
    {
        public MqttCommunicationException() { throw null; }
        public MqttCommunicationException(Exception e) { throw null; }
    }

    public class MqttConnectionException : Exception
    {
        public MqttConnectionException(string message, Exception innerException) { throw null; }
    }

    public class MqttTimeoutException : Exception
    {
        public MqttTimeoutException() { throw null; }
    }
}
