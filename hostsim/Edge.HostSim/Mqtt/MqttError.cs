// Licensed under the MIT License.

namespace Edge.HostSim.Mqtt
{
    /// <summary>
    /// Failure reasons of an MQTT transport call. Values equal libmosquitto's MOSQ_ERR_* codes
    /// (mosquitto.h 2.0) so native results pass through unchanged. <see cref="IMqttTransport.Publish"/>
    /// returns the negated value, e.g. <c>-(int)MqttError.NotConnected</c>.
    /// </summary>
    public enum MqttError
    {
        /// <summary>MOSQ_ERR_SUCCESS.</summary>
        None = 0,

        /// <summary>MOSQ_ERR_NOMEM.</summary>
        OutOfMemory = 1,

        /// <summary>MOSQ_ERR_PROTOCOL.</summary>
        Protocol = 2,

        /// <summary>MOSQ_ERR_INVAL: bad topic, QoS or argument.</summary>
        InvalidArgument = 3,

        /// <summary>MOSQ_ERR_NO_CONN: no connection to the broker right now (also after dispose).</summary>
        NotConnected = 4,

        /// <summary>MOSQ_ERR_CONN_REFUSED: the broker refused the CONNECT.</summary>
        ConnectionRefused = 5,

        /// <summary>MOSQ_ERR_NOT_FOUND.</summary>
        NotFound = 6,

        /// <summary>MOSQ_ERR_CONN_LOST: the connection dropped.</summary>
        ConnectionLost = 7,

        /// <summary>MOSQ_ERR_TLS.</summary>
        Tls = 8,

        /// <summary>MOSQ_ERR_PAYLOAD_SIZE: payload above the MQTT limit.</summary>
        PayloadSize = 9,

        /// <summary>MOSQ_ERR_NOT_SUPPORTED.</summary>
        NotSupported = 10,

        /// <summary>MOSQ_ERR_AUTH.</summary>
        Authentication = 11,

        /// <summary>MOSQ_ERR_ACL_DENIED.</summary>
        AccessDenied = 12,

        /// <summary>MOSQ_ERR_UNKNOWN.</summary>
        Unknown = 13,

        /// <summary>MOSQ_ERR_ERRNO: a system call failed (e.g. connection refused by the host).</summary>
        SystemError = 14,

        /// <summary>MOSQ_ERR_EAI: host name lookup failed.</summary>
        NameResolution = 15,

        /// <summary>MOSQ_ERR_PROXY.</summary>
        Proxy = 16,

        /// <summary>MOSQ_ERR_MALFORMED_UTF8: topic is not valid UTF-8 for MQTT.</summary>
        MalformedUtf8 = 18,

        /// <summary>MOSQ_ERR_KEEPALIVE: the broker stopped answering within the keep-alive.</summary>
        KeepAlive = 19,
    }
}
