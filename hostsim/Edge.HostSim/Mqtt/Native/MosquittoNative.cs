// Licensed under the MIT License.

using System.Runtime.InteropServices;

namespace Edge.HostSim.Mqtt.Native
{
    /// <summary>
    /// P/Invoke declarations for Eclipse Mosquitto's C client library (libmosquitto 2.0, mosquitto.h).
    /// Signatures follow mosquitto.h one to one; C <c>bool</c> is one byte, strings are UTF-8.
    /// Callback setters take raw <c>delegate* unmanaged[Cdecl]</c> pointers passed as <see cref="IntPtr"/>.
    /// </summary>
    internal static partial class MosquittoNative
    {
        private const string Library = "libmosquitto.so.1";

        /// <summary>MQTT_PROTOCOL_V311 in mosquitto.h, value of <see cref="MosquittoOption.ProtocolVersion"/>.</summary>
        public const int ProtocolV311 = 4;

        [LibraryImport(Library, EntryPoint = "mosquitto_lib_init")]
        public static partial int LibInit();

        [LibraryImport(Library, EntryPoint = "mosquitto_lib_cleanup")]
        public static partial int LibCleanup();

        [LibraryImport(Library, EntryPoint = "mosquitto_lib_version")]
        public static partial int LibVersion(out int major, out int minor, out int revision);

        [LibraryImport(Library, EntryPoint = "mosquitto_new", StringMarshalling = StringMarshalling.Utf8)]
        public static partial IntPtr New(string? id, [MarshalAs(UnmanagedType.U1)] bool cleanSession, IntPtr obj);

        [LibraryImport(Library, EntryPoint = "mosquitto_destroy")]
        public static partial void Destroy(IntPtr mosq);

        [LibraryImport(Library, EntryPoint = "mosquitto_int_option")]
        public static partial int IntOption(IntPtr mosq, MosquittoOption option, int value);

        [LibraryImport(Library, EntryPoint = "mosquitto_username_pw_set", StringMarshalling = StringMarshalling.Utf8)]
        public static partial int UsernamePasswordSet(IntPtr mosq, string? username, string? password);

        /// <summary>int mosquitto_tls_set(mosq, cafile, capath, certfile, keyfile, int (*pw_callback)(char*, int, int, void*)).</summary>
        [LibraryImport(Library, EntryPoint = "mosquitto_tls_set", StringMarshalling = StringMarshalling.Utf8)]
        public static partial int TlsSet(IntPtr mosq, string? caFile, string? caPath, string? certFile, string? keyFile, IntPtr passwordCallback);

        [LibraryImport(Library, EntryPoint = "mosquitto_will_set", StringMarshalling = StringMarshalling.Utf8)]
        public static unsafe partial int WillSet(IntPtr mosq, string topic, int payloadLength, byte* payload, int qos, [MarshalAs(UnmanagedType.U1)] bool retain);

        [LibraryImport(Library, EntryPoint = "mosquitto_connect_async", StringMarshalling = StringMarshalling.Utf8)]
        public static partial int ConnectAsync(IntPtr mosq, string host, int port, int keepAliveSeconds);

        [LibraryImport(Library, EntryPoint = "mosquitto_disconnect")]
        public static partial int Disconnect(IntPtr mosq);

        [LibraryImport(Library, EntryPoint = "mosquitto_threaded_set")]
        public static partial int ThreadedSet(IntPtr mosq, [MarshalAs(UnmanagedType.U1)] bool threaded);

        /// <summary>One network iteration: select up to <paramref name="timeoutMs"/>, read, write, keep-alive.</summary>
        [LibraryImport(Library, EntryPoint = "mosquitto_loop")]
        public static partial int Loop(IntPtr mosq, int timeoutMs, int maxPackets);




        [LibraryImport(Library, EntryPoint = "mosquitto_publish", StringMarshalling = StringMarshalling.Utf8)]
        public static unsafe partial int Publish(IntPtr mosq, out int mid, string topic, int payloadLength, byte* payload, int qos, [MarshalAs(UnmanagedType.U1)] bool retain);

        [LibraryImport(Library, EntryPoint = "mosquitto_subscribe", StringMarshalling = StringMarshalling.Utf8)]
        public static partial int Subscribe(IntPtr mosq, out int mid, string subscription, int qos);

        [LibraryImport(Library, EntryPoint = "mosquitto_unsubscribe", StringMarshalling = StringMarshalling.Utf8)]
        public static partial int Unsubscribe(IntPtr mosq, out int mid, string subscription);

        [LibraryImport(Library, EntryPoint = "mosquitto_socket")]
        public static partial int Socket(IntPtr mosq);

        /// <summary>void mosquitto_connect_callback_set(mosq, void (*on_connect)(struct mosquitto*, void* obj, int rc)).</summary>
        [LibraryImport(Library, EntryPoint = "mosquitto_connect_callback_set")]
        public static partial void ConnectCallbackSet(IntPtr mosq, IntPtr onConnect);

        /// <summary>void mosquitto_disconnect_callback_set(mosq, void (*on_disconnect)(struct mosquitto*, void* obj, int rc)).</summary>
        [LibraryImport(Library, EntryPoint = "mosquitto_disconnect_callback_set")]
        public static partial void DisconnectCallbackSet(IntPtr mosq, IntPtr onDisconnect);

        /// <summary>void mosquitto_publish_callback_set(mosq, void (*on_publish)(struct mosquitto*, void* obj, int mid)).</summary>
        [LibraryImport(Library, EntryPoint = "mosquitto_publish_callback_set")]
        public static partial void PublishCallbackSet(IntPtr mosq, IntPtr onPublish);

        /// <summary>void mosquitto_message_callback_set(mosq, void (*on_message)(struct mosquitto*, void* obj, const struct mosquitto_message*)).</summary>
        [LibraryImport(Library, EntryPoint = "mosquitto_message_callback_set")]
        public static partial void MessageCallbackSet(IntPtr mosq, IntPtr onMessage);

        [LibraryImport(Library, EntryPoint = "mosquitto_strerror")]
        public static partial IntPtr StrError(int errorCode);

        [LibraryImport(Library, EntryPoint = "mosquitto_connack_string")]
        public static partial IntPtr ConnackString(int connackCode);

        /// <summary>Human-readable text for a libmosquitto error code.</summary>
        public static string ErrorText(int errorCode)
        {
            return Marshal.PtrToStringUTF8(StrError(errorCode)) ?? ("error " + errorCode);
        }

        /// <summary>Human-readable text for an MQTT CONNACK return code.</summary>
        public static string ConnackText(int connackCode)
        {
            return Marshal.PtrToStringUTF8(ConnackString(connackCode)) ?? ("connack " + connackCode);
        }
    }
}
