// Licensed under the MIT License.

namespace Edge.Core.Telemetry.Encoding
{
    /// <summary>
    /// The topics of the MQTT contract (see CONTRACT.md next to this folder). Also the stream a message
    /// belongs to: each telemetry topic and the event topic number their messages with their own seq.
    /// </summary>
    public enum TopicId : byte
    {
        /// <summary>edge/&lt;id&gt;/telemetry/pulse: one summary per pulse and module.</summary>
        TelemetryPulse = 0,

        /// <summary>edge/&lt;id&gt;/telemetry/cells: periodic per-cell voltages of a module.</summary>
        TelemetryCells = 1,

        /// <summary>edge/&lt;id&gt;/telemetry/state: module state changes and tuned rests.</summary>
        TelemetryState = 2,

        /// <summary>edge/&lt;id&gt;/event: events, QoS 1.</summary>
        Event = 3,

        /// <summary>edge/&lt;id&gt;/status: retained online / offline (the offline one is the Last Will).</summary>
        Status = 4,

        /// <summary>edge/&lt;id&gt;/config: retained effective configuration.</summary>
        Config = 5,

        /// <summary>edge/&lt;id&gt;/cmd/result: replies to commands.</summary>
        CommandResult = 6,
    }
}
