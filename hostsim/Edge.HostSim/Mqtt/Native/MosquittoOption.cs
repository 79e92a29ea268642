// Licensed under the MIT License.

namespace Edge.HostSim.Mqtt.Native
{
    /// <summary>Subset of <c>enum mosq_opt_t</c> from mosquitto.h 2.0 used with mosquitto_int_option.</summary>
    internal enum MosquittoOption
    {
        /// <summary>MOSQ_OPT_PROTOCOL_VERSION.</summary>
        ProtocolVersion = 1,

        /// <summary>MOSQ_OPT_RECEIVE_MAXIMUM.</summary>
        ReceiveMaximum = 4,

        /// <summary>MOSQ_OPT_SEND_MAXIMUM: QoS 1/2 messages in flight at once (default 20).</summary>
        SendMaximum = 5,

        /// <summary>MOSQ_OPT_TCP_NODELAY: disable Nagle so PUBACKs and small telemetry go out at once.</summary>
        TcpNoDelay = 11,
    }
}
