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
using nanoFramework.M2Mqtt.Messages;
using nanoFramework.Networking;
using nanoFramework.Runtime.Native;

namespace nanoFramework.M2Mqtt.Session
{
    public class MqttClientSession : MqttSession
    {
        public MqttClientSession(string clientId) { throw null; }
    }

    public abstract class MqttSession
    {
        protected MqttSession() { throw null; }
        protected MqttSession(string clientId) { throw null; }
        public string ClientId { get { throw null; } set { } }
        public Hashtable InflightMessages { get { throw null; } set { } }
        public virtual void Clear() { throw null; }
    }
}
