// Licensed under the MIT License.

using Edge.Core;
using Edge.Core.Commands;
using Edge.Core.Configuration;
using Edge.Core.Sampling;
using Edge.Core.Session;
using Edge.Core.Telemetry.Encoding;
using Edge.Core.Telemetry.Outbox;
using Edge.Firmware.Diagnostics;
using Edge.Firmware.Networking;
using Edge.Firmware.Persistence;
using NFUnitTest.Fakes;
using Xunit;

namespace Edge.Firmware.HostTests.Networking
{
    /// <summary>The firmware's MQTT session of device pack-7 (boot B007, two one-cell modules), opened over a fake broker.</summary>
    internal static class OnlineMqttSession
    {
        public const string DeviceId = "pack-7";

        public const string BootId = "B007";

        /// <summary>
        /// A session over <paramref name="connection"/> (the fake <paramref name="broker"/> itself, or a connection in front
        /// of it), opened: its first pass returns Opened.
        /// </summary>
        public static MqttSession Open(ISessionConnection connection, FakeConnection broker, DeviceEventLog events)
        {
            var settings = new DeviceSettings();
            settings.DeviceId = DeviceId;
            settings.MqttHost = "broker";
            var outboxConfiguration = new OutboxConfiguration();
            outboxConfiguration.SlotCount = 16;
            var outbox = new MessageOutbox(outboxConfiguration, PayloadBudget.MaximumStreamPayloadBytes(1));
            broker.Outbox = outbox;
            broker.Events = events;
            var controller = new EdgeController(new PackLayout(2, 1, 0), new ControllerConfiguration());
            var session = new MqttSession(settings, new TopicSet(DeviceId), connection, new FakeClock(), outbox, BootId, controller, new CommandHandler(controller, null), new TelemetryPublisher(outbox, BootId), events, null);
            Assert.Equal(SessionStep.Opened, session.Pass());
            return session;
        }
    }
}
