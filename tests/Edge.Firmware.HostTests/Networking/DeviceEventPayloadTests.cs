// Licensed under the MIT License.

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

        /// <summary>The message of the device event reported as <paramref name="code"/>, as a JSON reader of the topic reads it.</summary>
        private static string PublishedMessage(string code, string message)
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
            Assert.Equal(code, document.RootElement.GetProperty("code").GetString());
            return document.RootElement.GetProperty("message").GetString();
        }
    }
}
