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

namespace NFUnitTest.Networking
{
    /// <summary>
    /// The MQTT session of device pack-7 (two modules of one cell, a 16-slot outbox) over a fake broker, not yet opened:
    /// its first pass makes the first connection attempt.
    /// </summary>
    internal static class FakeBrokerSession
    {
        public static MqttSession Create(FakeConnection broker, FakeClock clock, DeviceEventLog events)
        {
            DeviceSettings settings = new DeviceSettings();
            settings.DeviceId = "pack-7";
            settings.MqttHost = "broker";
            OutboxConfiguration outboxConfiguration = new OutboxConfiguration();
            outboxConfiguration.SlotCount = 16;
            MessageOutbox outbox = new MessageOutbox(outboxConfiguration, PayloadBudget.MaximumStreamPayloadBytes(1));
            broker.Outbox = outbox;
            EdgeController controller = new EdgeController(new PackLayout(2, 1, 0), new ControllerConfiguration());
            return new MqttSession(settings, new TopicSet("pack-7"), broker, clock, outbox, "B007", controller, new CommandHandler(controller, null), new TelemetryPublisher(outbox, "B007"), events, null);
        }
    }
}
