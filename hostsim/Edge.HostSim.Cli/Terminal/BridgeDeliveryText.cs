// Licensed under the MIT License.

using System.Globalization;
using Edge.Core.Telemetry.Encoding;
using Edge.HostSim.Mqtt.Bridge;

namespace Edge.HostSim.Cli.Terminal;

/// <summary>
/// What a bridged run (edge-sim run --mqtt, --dashboard) says about its telemetry at the end, after the final flush: the
/// stream messages it numbered, delivered (QoS 0 written to the connection, QoS 1 acknowledged), counted as lost (per
/// stream, as outboxOverflow's <c>lost</c> names them) and still unsent when the flush gave up. A run whose telemetry was
/// partly lost is still a completed simulation: its exit code stays 0, and a warning line says so.
/// </summary>
internal static class BridgeDeliveryText
{
    /// <summary>The streams in outboxOverflow's order, with the names its <c>lost</c> object gives them.</summary>
    private static readonly (TopicId Stream, string Name)[] Streams =
    {
        (TopicId.TelemetryPulse, "pulse"),
        (TopicId.TelemetryCells, "cells"),
        (TopicId.TelemetryState, "state"),
        (TopicId.Event, "event"),
    };

    /// <summary>Writes the summary line and, when something did not get there, one warning line per cause.</summary>
    /// <param name="flushed">What the final <see cref="MqttDeviceBridge.Flush"/> returned.</param>
    /// <param name="timeout">How long that flush waited at most.</param>
    /// <param name="timesRealTime">
    /// How many times faster than real time a run without --realtime went; null for a paced run. Said with the losses,
    /// which it explains, and with the advice to pace the run.
    /// </param>
    public static void Write(TextWriter output, MqttDeviceBridge bridge, bool flushed, TimeSpan timeout, double? timesRealTime)
    {
        CultureInfo inv = CultureInfo.InvariantCulture;
        long numbered = 0;
        long delivered = 0;
        long lost = 0;
        long unsent = 0;
        List<string> lostPerStream = new List<string>();
        List<string> unsentPerStream = new List<string>();
        foreach ((TopicId stream, string name) in Streams)
        {
            numbered += bridge.LastSeq(stream);
            delivered += bridge.DeliveredCount(stream);
            long streamLost = bridge.LostCount(stream);
            long streamUnsent = bridge.UnsentCount(stream);
            lost += streamLost;
            unsent += streamUnsent;
            if (streamLost > 0)
            {
                lostPerStream.Add(name + " " + streamLost.ToString(inv));
            }

            if (streamUnsent > 0)
            {
                unsentPerStream.Add(name + " " + streamUnsent.ToString(inv));
            }
        }

        output.WriteLine(string.Format(
            inv,
            "mqtt: {0} stream messages numbered: {1} delivered, {2} lost{3}, {4} unsent at the end; {5} handed to the broker, {6} connection(s)",
            numbered,
            delivered,
            lost,
            lostPerStream.Count > 0 ? " (" + string.Join(", ", lostPerStream) + ")" : string.Empty,
            unsent,
            bridge.PublishedCount,
            bridge.Connections));
        if (!flushed)
        {
            output.WriteLine(string.Format(
                inv,
                "mqtt: warning: the final flush gave up after {0:0.#} s with {1} stream message(s) unsent{2}; they are lost with the connection's close",
                timeout.TotalSeconds,
                unsent,
                unsentPerStream.Count > 0 ? " (" + string.Join(", ", unsentPerStream) + ")" : string.Empty));
        }

        if (lost > 0)
        {
            string reported = bridge.FinalOverflowReports > 0
                ? "reported in outboxOverflow events, the last one sent after the run's last tick"
                : flushed ? "reported in outboxOverflow events" : "outboxOverflow events report those counted while the run went";
            // As fast as it can, the run makes telemetry far faster than a device's link carries: the outbox sheds it as
            // on a device. One line says what was lost, why and what to do, not a second one about the same messages.
            output.WriteLine(timesRealTime is double times
                ? string.Format(
                    inv,
                    "mqtt: warning: {0} stream message(s) lost: the run went {1:0} times faster than real time and the device's outbox dropped what the broker connection could not take ({2}); --realtime paces the run for a broker or dashboard; the simulation itself completed",
                    lost,
                    times,
                    reported)
                : string.Format(
                    inv,
                    "mqtt: warning: {0} stream message(s) counted as lost by the device ({1}); the simulation itself completed",
                    lost,
                    reported));
        }
    }
}
