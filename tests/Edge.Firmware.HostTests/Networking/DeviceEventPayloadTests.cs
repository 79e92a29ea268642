// Licensed under the MIT License.

using System;
using System.Globalization;
using System.Text.Json;
using Edge.Core.Session;
using Edge.Core.Telemetry.Encoding;
using Edge.Firmware.Diagnostics;
using Edge.Firmware.Networking;
using NFUnitTest.Fakes;
using Xunit;

namespace Edge.Firmware.HostTests.Networking
{
    /// <summary>
    /// A device event's message reaches a JSON reader of <c>edge/&lt;id&gt;/device-event</c> character for character
    /// (firmware/README.md: <c>calibration-record</c> carries the finished record's text, which is pasted into
    /// DeployedUnitCalibration: its line breaks must survive).
    /// </summary>
    public class DeviceEventPayloadTests
    {
        private const string Topic = "edge/pack-7/device-event|";

        [Fact]
        public void AMultiLineRecordArrivesWithItsLineBreaks()
        {
            // Line feeds, a CR LF, a tab, a control character, quotes and a backslash: each must read back as itself.
            string record = "# unit record\n[unit]\r\nid = bench-3\nboard = \"esp32\"\tC:\\cal\u0001\n";

            string message = PublishedMessage("calibration-record", record);

            Assert.Equal(record, message);
        }

        [Fact]
        public void AnEventCarriesTheUtcTimeItWasReportedAtInIso8601()
        {
            // The host's clock is set, as a device's is once SNTP has run: the event says when it happened, to the
            // millisecond, in UTC (ISO 8601 with Z), so one held through an outage still tells its time.
            DateTime before = DateTime.UtcNow;
            JsonElement payload = PublishedPayload("watchdog", "no sampling tick for 100 ms");
            DateTime after = DateTime.UtcNow;

            string time = payload.GetProperty("timeUtc").GetString();
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$", time);
            DateTime reported = DateTime.Parse(time, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
            Assert.Equal(DateTimeKind.Utc, reported.Kind);
            Assert.InRange(reported, before.AddTicks(-(before.Ticks % TimeSpan.TicksPerMillisecond)), after);
        }

        /// <summary>The message of the device event reported as <paramref name="code"/>, as a JSON reader of the topic reads it.</summary>
        private static string PublishedMessage(string code, string message)
        {
            JsonElement payload = PublishedPayload(code, message);
            Assert.Equal(code, payload.GetProperty("code").GetString());
            return payload.GetProperty("message").GetString();
        }

        /// <summary>The payload of the device event reported as <paramref name="code"/>, as a JSON reader of the topic reads it.</summary>
        private static JsonElement PublishedPayload(string code, string message)
        {
            var events = new DeviceEventLog();
            var broker = new FakeConnection(new TopicSet("pack-7"));
            MqttSession session = OnlineMqttSession.Open(broker, broker, events);

            events.Report(code, message);
            session.Pass();

            // FakeConnection records "topic|payload|qos|retained-or-dash".
            string line = broker.PublishedAt(broker.IndexOf(Topic));
            Assert.EndsWith("|1|-", line);
            string payload = line.Substring(Topic.Length, line.Length - Topic.Length - "|1|-".Length);
            using JsonDocument document = JsonDocument.Parse(payload);
            return document.RootElement.Clone();
        }
    }
}
