// Licensed under the MIT License.

namespace Edge.Firmware.Networking
{
    /// <summary>
    /// Topic names of one device under edge/&lt;device id&gt;/. Until the telemetry contract lands in
    /// the core, this is the firmware's side of it:
    /// status (retained "online"/"offline", the offline one as Last Will), cmd/# (commands in),
    /// telemetry/&lt;record kind&gt;, device-event, health.
    /// </summary>
    public sealed class MqttTopics
    {
        /// <summary>Builds the topics of <paramref name="deviceId"/> (validated by the settings parser).</summary>
        public MqttTopics(string deviceId)
        {
            Root = "edge/" + deviceId + "/";
            Status = Root + "status";
            CommandFilter = Root + "cmd/#";
            CommandPrefix = Root + "cmd/";
            DeviceEvent = Root + "device-event";
            Health = Root + "health";
            TelemetryPrefix = Root + "telemetry/";
        }

        /// <summary>"edge/&lt;id&gt;/".</summary>
        public string Root { get; }

        /// <summary>Retained availability: "online" or "offline".</summary>
        public string Status { get; }

        /// <summary>Subscription filter for commands.</summary>
        public string CommandFilter { get; }

        /// <summary>Prefix of every command topic; the rest names the command.</summary>
        public string CommandPrefix { get; }

        /// <summary>Application events (board errors, watchdog, network).</summary>
        public string DeviceEvent { get; }

        /// <summary>Periodic health message.</summary>
        public string Health { get; }

        /// <summary>Prefix of core telemetry records; followed by the record kind.</summary>
        public string TelemetryPrefix { get; }
    }
}
