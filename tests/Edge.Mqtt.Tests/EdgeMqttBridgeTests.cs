// Licensed under the MIT License.

using System.Text;
using System.Text.Json;
using Edge.Core;
using Edge.Core.Actuation;
using Edge.Core.Commands;
using Edge.Core.Configuration;
using Edge.Core.Records;
using Edge.Core.Sampling;
using Edge.Core.Telemetry.Encoding;
using Edge.Core.Telemetry.Outbox;
using Edge.HostSim.Mqtt;
using Edge.HostSim.Mqtt.Broker;

namespace Edge.Mqtt.Tests
{
    /// <summary>
    /// The simulator side of the MQTT contract against a real broker: status with Last Will, retained
    /// config, telemetry and events from the outbox, commands and replies, and delivery across a
    /// dropped connection and a broker restart.
    /// </summary>
    [Collection(BrokerCollection.Name)]
    public sealed class EdgeMqttBridgeTests
    {
        private readonly BrokerFixture _fixture;

        public EdgeMqttBridgeTests(BrokerFixture fixture)
        {
            _fixture = fixture;
        }

        [Fact]
        public void StatusConfigTelemetryCommandsAndEventsFlowThroughTheBroker()
        {
            using var device = new Device(_fixture.Broker);
            using HostMqttClient observer = Observe(_fixture.Broker, device.Topics, out Recorder seen);
            device.Bridge.Start(5);

            string root = "edge/" + device.Topics.DeviceId + "/";
            Assert.True(seen.WaitFor(() => seen.PayloadsOn(root + "status").Count > 0));
            JsonElement status = Json(seen.PayloadsOn(root + "status").Last());
            Assert.Equal("online", status.GetProperty("status").GetString());
            Assert.Equal(device.BootId, status.GetProperty("bootId").GetString());
            Assert.Equal(Edge.Core.Configuration.FirmwareVersion.Text, status.GetProperty("fw").GetString());
            Assert.True(seen.WaitFor(() => seen.PayloadsOn(root + "config").Count > 0));
            Assert.Equal("observe", Json(seen.PayloadsOn(root + "config").Last()).GetProperty("mode").GetString());

            // A start command: accepted, and the module pulses from the next tick.
            Send(observer, root + "cmd/start", "{\"id\":\"r1\"}");
            Assert.True(seen.WaitFor(() => Results(seen, root).Any(r => r.GetProperty("id").GetString() == "r1")));
            JsonElement accepted = Results(seen, root).Single(r => r.GetProperty("id").GetString() == "r1");
            Assert.True(accepted.GetProperty("ok").GetBoolean());
            device.Run(700);
            Assert.Equal(ModuleState.Pulse, device.Controller.Module(0).State);

            // A command beyond the safety envelope is refused, naming the step.
            Send(observer, root + "cmd/setProtocol", "{\"id\":\"r2\",\"steps\":[\"Strip at 50 mA for 1 s\"]}");
            Assert.True(seen.WaitFor(() => Results(seen, root).Any(r => r.GetProperty("id").GetString() == "r2")));
            JsonElement refused = Results(seen, root).Single(r => r.GetProperty("id").GetString() == "r2");
            Assert.False(refused.GetProperty("ok").GetBoolean());
            Assert.Equal("steps[0]", refused.GetProperty("error").GetProperty("field").GetString());

            // setMode is applied at a tick and republished as config revision 1.
            Send(observer, root + "cmd/setMode", "{\"id\":\"r3\",\"mode\":\"act\"}");
            Assert.True(seen.WaitFor(() => Results(seen, root).Any(r => r.GetProperty("id").GetString() == "r3")));
            device.Run(1);
            Assert.True(seen.WaitFor(() => seen.PayloadsOn(root + "config").Select(Json).Any(c => c.GetProperty("revision").GetInt32() == 1 && c.GetProperty("mode").GetString() == "act")));

            // 7 s of a 1 s / 5 s protocol: two pulse summaries (1 s and 7 s) and 7 cell messages.
            Assert.True(seen.WaitFor(() => seen.PayloadsOn(root + "telemetry/pulse").Count >= 1 && seen.PayloadsOn(root + "telemetry/cells").Count >= 7));
            JsonElement pulse = Json(seen.PayloadsOn(root + "telemetry/pulse")[0]);
            Assert.Equal(1, pulse.GetProperty("pulseIndex").GetInt32());
            Assert.Equal(385, pulse.GetProperty("pulseCurrentUa").GetInt32());
            Assert.Equal(new long[] { 1, 2, 3, 4, 5, 6, 7 }, seen.PayloadsOn(root + "telemetry/cells").Take(7).Select(p => Json(p).GetProperty("seq").GetInt64()));

            Send(observer, root + "cmd/stop", "{\"id\":\"r4\"}");
            Assert.True(seen.WaitFor(() => Results(seen, root).Any(r => r.GetProperty("id").GetString() == "r4")));
            device.Run(1);
            Assert.True(seen.WaitFor(() => seen.PayloadsOn(root + "event").Select(Json).Any(e => e.GetProperty("kind").GetString() == "stopped")));
        }

        [Fact]
        public void EventsRaisedWhileTheConnectionIsDownArriveAfterTheReconnectAndTheWillIsSeen()
        {
            using var device = new Device(_fixture.Broker);
            using HostMqttClient observer = Observe(_fixture.Broker, device.Topics, out Recorder seen);
            string root = "edge/" + device.Topics.DeviceId + "/";
            device.Bridge.Start(5);
            Assert.True(seen.WaitFor(() => device.Bridge.IsConnected && seen.PayloadsOn(root + "config").Count > 0));

            device.Controller.RequestStart(-1);
            device.Run(10);
            device.Bridge.Connection.Close(false);
            Assert.True(seen.WaitFor(() => seen.PayloadsOn(root + "status").Select(Json).Any(s => s.GetProperty("status").GetString() == "offline")));

            // While away: a stop (event), and 3 s of ticks.
            device.Controller.RequestStop(0);
            device.Run(300);

            Assert.True(seen.WaitFor(() => seen.PayloadsOn(root + "event").Select(Json).Any(e => e.GetProperty("kind").GetString() == "stopped")), "event not delivered after reconnect");
            Assert.Equal("online", Json(seen.PayloadsOn(root + "status").Last()).GetProperty("status").GetString());
            Assert.True(seen.WaitFor(() => device.Outbox.AwaitingAckCount == 0));
        }

        [Fact]
        public void AfterAnOrderlyShutdownTheBrokerRetainsTheOfflineStatus()
        {
            var device = new Device(_fixture.Broker);
            using HostMqttClient observer = Observe(_fixture.Broker, device.Topics, out Recorder seen);
            string status = "edge/" + device.Topics.DeviceId + "/status";
            device.Bridge.Start(5);
            Assert.True(seen.WaitFor(() => device.Bridge.IsConnected && seen.PayloadsOn(status).Count > 0));

            device.Dispose();

            Assert.True(seen.WaitFor(() => seen.PayloadsOn(status).Select(Json).Any(s => s.GetProperty("status").GetString() == "offline")), "Log:\n" + _fixture.Broker.Log);
            JsonElement retained = Json(RetainedValue(_fixture.Broker, status));
            Assert.Equal("offline", retained.GetProperty("status").GetString());
            Assert.Equal(device.BootId, retained.GetProperty("bootId").GetString());
            Assert.Equal(Edge.Core.Configuration.FirmwareVersion.Text, retained.GetProperty("fw").GetString());
        }

        [Fact]
        public void TheDeviceSurvivesABrokerRestartAndDeliversTheEventsItRaisedMeanwhile()
        {
            using MosquittoBroker broker = MosquittoBroker.StartNew();
            using var device = new Device(broker);
            string root = "edge/" + device.Topics.DeviceId + "/";

            // A dashboard with a persistent session, so the broker keeps its subscription across the restart.
            HostMqttClientOptions dashboardOptions = TestClients.OptionsFor(broker, "dashboard");
            dashboardOptions.CleanSession = false;
            using var dashboard = new HostMqttClient(dashboardOptions);
            var seen = new Recorder(dashboard);
            dashboard.Subscribe(root + "#", 1);
            dashboard.Connect();
            device.Bridge.Start(5);
            Assert.True(seen.WaitFor(() => device.Bridge.IsConnected && seen.Connects == 1 && seen.PayloadsOn(root + "config").Count > 0));
            device.Controller.RequestStart(-1);
            device.Run(150);

            broker.Stop();
            Assert.True(SpinWait.SpinUntil(() => !device.Bridge.IsConnected, 10000));

            // While the broker is down the control loop carries on: the module stops, and telemetry piles up.
            device.Controller.RequestStop(-1);
            device.Run(8000);
            Assert.Equal(ModuleState.Done, device.Controller.Module(0).State);
            broker.Start();

            Assert.True(seen.WaitFor(() => seen.PayloadsOn(root + "event").Select(Json).Any(e => e.GetProperty("kind").GetString() == "stopped"), TimeSpan.FromSeconds(20)), "Log:\n" + broker.Log);
            Assert.True(seen.WaitFor(() => seen.PayloadsOn(root + "status").Select(Json).Last().GetProperty("status").GetString() == "online"));

            // 80 s of cell messages for 64 slots: the oldest were evicted, and the next tick with a free slot reports the loss.
            device.Run(100);
            Assert.True(seen.WaitFor(() => seen.PayloadsOn(root + "event").Select(Json).Any(e => e.GetProperty("kind").GetString() == "outboxOverflow")));
            Assert.True(device.Outbox.LostTotal(TopicId.TelemetryCells) > 0);
            Assert.Equal(0, device.Outbox.LostTotal(TopicId.Event));
        }

        private static IEnumerable<JsonElement> Results(Recorder seen, string root) => seen.PayloadsOn(root + "cmd/result").Select(Json);

        private static JsonElement Json(string payload) => JsonDocument.Parse(payload).RootElement.Clone();

        private static void Send(HostMqttClient client, string topic, string json)
        {
            byte[] payload = Encoding.UTF8.GetBytes(json);
            Assert.True(client.Publish(topic, payload, 0, payload.Length, 1, false) > 0);
        }

        /// <summary>The retained value a newly arriving subscriber receives on <paramref name="topic"/>.</summary>
        private static string RetainedValue(MosquittoBroker broker, string topic)
        {
            using var late = new HostMqttClient(TestClients.OptionsFor(broker, "late"));
            var received = new Recorder(late);
            late.Subscribe(topic, 1);
            late.Connect();
            Assert.True(received.WaitFor(() => received.Messages.Any(m => m.Topic == topic)), "nothing retained on " + topic);
            MqttMessage message = received.Messages.First(m => m.Topic == topic);
            Assert.True(message.Retain);
            return Encoding.UTF8.GetString(message.Payload);
        }

        private static HostMqttClient Observe(MosquittoBroker broker, TopicSet topics, out Recorder recorder)
        {
            var observer = new HostMqttClient(TestClients.OptionsFor(broker, "dashboard"));
            recorder = new Recorder(observer);
            observer.Subscribe("edge/" + topics.DeviceId + "/#", 1);
            observer.Connect();
            Recorder connected = recorder;
            Assert.True(recorder.WaitFor(() => connected.Connects == 1));
            return observer;
        }

        /// <summary>A one-module, two-cell controller with its outbox, publisher, command handler and bridge.</summary>
        private sealed class Device : IDisposable
        {
            private readonly SampleFrame _frame;
            private readonly ActionFrame _actions;
            private readonly TelemetryPublisher _publisher;
            private long _tick;

            public Device(MosquittoBroker broker)
            {
                var layout = new PackLayout(1, 2, 0);
                Controller = new EdgeController(layout, new ControllerConfiguration { Mode = ControlMode.Observe, StartImmediately = false });
                Topics = new TopicSet("sim-" + Guid.NewGuid().ToString("N").Substring(0, 8));
                BootId = Guid.NewGuid().ToString("N").Substring(0, 8);
                Outbox = new MessageOutbox(new OutboxConfiguration { SlotCount = 64 }, PayloadBudget.MaximumStreamPayloadBytes(2));
                _publisher = new TelemetryPublisher(Outbox, BootId);
                var endpoint = new MqttEndpoint { Host = MosquittoBroker.Host, Port = broker.Port };
                var settings = new Edge.Core.Session.SessionSettings { KeepAliveS = 10, InitialBackoffMs = 200, MaximumBackoffMs = 1000 };
                Bridge = new EdgeMqttBridge(endpoint, settings, Controller, Topics, Outbox, new CommandHandler(Controller, new CommandLimits()), _publisher, BootId);
                _frame = new SampleFrame(layout);
                _actions = new ActionFrame(layout);
            }

            public EdgeController Controller { get; }

            public TopicSet Topics { get; }

            public string BootId { get; }

            public MessageOutbox Outbox { get; }

            public EdgeMqttBridge Bridge { get; }

            /// <summary>Runs ticks of a healthy cell (150 mV under current), publishing after each.</summary>
            public void Run(int ticks)
            {
                for (int i = 0; i < ticks; i++)
                {
                    _frame.TickIndex = _tick;
                    _frame.TimestampMs = _tick * 10;
                    bool on = _actions.SwitchClosed[0];
                    _frame.ModuleCurrentUa[0] = on ? _actions.CurrentSetpointUa[0] : 0;
                    _frame.CellVoltageMv[0] = on ? 150 : 0;
                    _frame.CellVoltageMv[1] = on ? 150 : 0;
                    Controller.Tick(_frame, _actions);
                    _publisher.Publish(Controller.Telemetry, _frame.TimestampMs);
                    _tick++;
                }
            }

            public void Dispose() => Bridge.Dispose();
        }
    }
}
