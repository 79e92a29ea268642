// Licensed under the MIT License.

namespace Edge.HostSim.Simulation;

/// <summary>
/// The unit of an event's value and threshold, per kind and diagnosis, as the device's contract gives it
/// (firmware/Edge.Core.Messaging/Telemetry/CONTRACT.md, "value and threshold per kind"): the device leaves it out
/// of each message to save bytes, but a file read on its own (events.jsonl, the report) must say it. Null where
/// both are 0 (events that only inform).
/// </summary>
public static class EventUnits
{
    public static string? Of(string kind, string? diagnosis) => kind switch
    {
        "depletionOnset" => diagnosis == "depletionEdgeResistanceRise" ? "milliohm" : "mV",
        "softShort" => diagnosis switch
        {
            "softShortResistanceDrop" => "milliohm",
            "softShortEfficiencyDrop" => "percent",
            "softShortConfirmed" => "count",
            _ => "mV",
        },
        "hardShort" => diagnosis == "hardShortShuntEdge" ? "milliohm" : "uV",
        "overvoltage" or "undervoltage" or "cutoff" => "mV",
        "overcurrent" or "currentCapped" or "derated" or "demandMet" => "uA",
        "overtemperature" => "0.1 degC",

        // A saturated channel reports its reading, an implausible current its reading against the setpoint; an invalid
        // one its status code.
        "channelFault" => diagnosis switch
        {
            "cellChannelStuck" or "cellChannelSaturated" => "mV",
            "currentChannelSaturated" or "currentChannelImplausible" => "uA",
            "muxAddressFault" => "ADC counts",
            "cellChannelIntermittent" or "currentChannelIntermittent" => "readings",
            _ => "status code",
        },
        "tickTiming" or "timeLimit" => "ms",
        "capacityLimit" or "stopped" or "protocolDone" => "mC",
        "telemetryOverflow" => "records",
        "outboxOverflow" => "messages",
        "retainedCommand" => "commands",
        "derateLifted" or "depletionLifted" => "percent",
        "resumed" => "ms",
        "channelRecovered" => "readings",
        "suspended" => "reason code",
        _ => null,
    };
}
