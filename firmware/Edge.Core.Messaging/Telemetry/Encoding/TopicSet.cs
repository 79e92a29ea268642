// Licensed under the MIT License.

using System;

namespace Edge.Core.Telemetry.Encoding
{
    /// <summary>
    /// The topic strings of one device, built once at start-up so that publishing never concatenates.
    /// Device ids are restricted to letters, digits, '-' and '_' so they can never carry MQTT wildcards
    /// or level separators.
    /// </summary>
    public sealed class TopicSet
    {
        /// <summary>Number of <see cref="TopicId"/> values.</summary>
        public const int TopicCount = 7;

        /// <summary>Number of numbered streams (the telemetry topics and the event topic).</summary>
        public const int StreamCount = 4;

        public const int MaximumDeviceIdLength = 64;

        private readonly string[] _topics = new string[TopicCount];

        public TopicSet(string deviceId)
        {
            if (!IsValidDeviceId(deviceId))
            {
                throw new ArgumentException("device id must be 1 to 64 letters, digits, '-' or '_'", nameof(deviceId));
            }

            DeviceId = deviceId;
            string root = "edge/" + deviceId + "/";
            _topics[(int)TopicId.TelemetryPulse] = root + "telemetry/pulse";
            _topics[(int)TopicId.TelemetryCells] = root + "telemetry/cells";
            _topics[(int)TopicId.TelemetryState] = root + "telemetry/state";
            _topics[(int)TopicId.Event] = root + "event";
            _topics[(int)TopicId.Status] = root + "status";
            _topics[(int)TopicId.Config] = root + "config";
            _topics[(int)TopicId.CommandResult] = root + "cmd/result";
            Modules = root + "telemetry/modules";
            Health = root + "health";
            CommandPrefix = root + "cmd/";
            CommandFilter = root + "cmd/+";
        }

        public string DeviceId { get; }

        /// <summary>"edge/&lt;id&gt;/telemetry/modules": every module's state, stop reason and latching diagnosis, retained.</summary>
        public string Modules { get; }

        /// <summary>"edge/&lt;id&gt;/health": the periodic health message (Telemetry.Health.HealthPayload), QoS 0, not retained.</summary>
        public string Health { get; }

        /// <summary>"edge/&lt;id&gt;/cmd/": a command topic is this plus the verb.</summary>
        public string CommandPrefix { get; }

        /// <summary>Subscription filter for commands. It also matches cmd/result, which is ignored as a verb.</summary>
        public string CommandFilter { get; }

        public string this[TopicId topic] => _topics[(int)topic];

        /// <summary>
        /// The verb of a command topic, or null when the topic is not one of this device's command topics.
        /// "cmd/" with an empty level matches the cmd/+ subscription: its verb is "" so it is answered
        /// ("verb is missing") rather than silently dropped.
        /// </summary>
        public string VerbOf(string topic)
        {
            if (topic == null || topic.Length < CommandPrefix.Length)
            {
                return null;
            }

            // Ordinal comparison: .NET's string.IndexOf(string) is culture-sensitive and skips ignorable characters.
            for (int i = 0; i < CommandPrefix.Length; i++)
            {
                if (topic[i] != CommandPrefix[i])
                {
                    return null;
                }
            }

            string verb = topic.Substring(CommandPrefix.Length);
            return verb.IndexOf('/') >= 0 ? null : verb;
        }

        public static bool IsValidDeviceId(string deviceId)
        {
            if (deviceId == null || deviceId.Length == 0 || deviceId.Length > MaximumDeviceIdLength)
            {
                return false;
            }

            for (int i = 0; i < deviceId.Length; i++)
            {
                char c = deviceId[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
                if (!ok)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
