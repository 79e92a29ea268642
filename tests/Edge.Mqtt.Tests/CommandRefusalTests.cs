// Licensed under the MIT License.

using System.Text;
using System.Text.Json;
using Edge.Core;
using Edge.Core.Actuation;
using Edge.Core.Commands;
using Edge.Core.Configuration;
using Edge.Core.Sampling;
using Edge.Core.Session;
using Edge.Core.Telemetry.Encoding;
using Edge.Core.Telemetry.Outbox;
using Edge.HostSim.Mqtt;
using Edge.HostSim.Mqtt.Broker;

namespace Edge.Mqtt.Tests
{
    /// <summary>
    /// CONTRACT.md, Commands: the refusals the session makes itself, before a command handler executes anything, through a
    /// real mosquitto. A flood of commands within one pass of the device's network thread: the first 8
    /// (CommandInbox.Capacity) are executed, the next 16 (RefusedCapacity) answered "not executed ... send it again", the
    /// rest only counted; sent again, a refused one is executed. The simulator's bridge holds a flood back instead and
    /// executes it all. A boot that runs no control loop refuses every command, naming its id.
    /// </summary>
    [Collection(BrokerCollection.Name)]
    public sealed class CommandRefusalTests
    {
        private readonly BrokerFixture _fixture;

        public CommandRefusalTests(BrokerFixture fixture)
        {
            _fixture = fixture;
        }

        [Fact]
        public void AFloodWithinOnePassIsExecutedUpToTheInboxAnsweredNotExecutedUpToItsRefusalsAndCountedBeyond()
        {
            string deviceId = "flood-" + Guid.NewGuid().ToString("N").Substring(0, 6);
            string root = "edge/" + deviceId + "/";
            PackLayout layout = new PackLayout(1, 1, 0);
            EdgeController controller = new EdgeController(layout, new ControllerConfiguration { StartImmediately = false });
            TopicSet topics = new TopicSet(deviceId);
            MessageOutbox outbox = new MessageOutbox(new OutboxConfiguration(), PayloadBudget.MaximumStreamPayloadBytes(1));

            // The device's wiring (the firmware's M2MqttTransport): every command received goes straight to the session's
            // inbox, no back-pressure; the network thread is the test's, one Service pass at a time, none during the flood.
            using MqttNetConnection connection = new MqttNetConnection(new MqttEndpoint { Host = MosquittoBroker.Host, Port = _fixture.Broker.Port }, topics);
            DeviceSession session = new DeviceSession(topics, "b1", new SessionSettings { InitialBackoffMs = 200 }, connection, outbox, controller, new CommandHandler(controller, null), new TelemetryPublisher(outbox, "b1"));
            connection.MessageReceived += (topic, payload, qos, retain) => session.Receive(topic, payload, retain);
            connection.Acknowledged += outbox.Acknowledge;

            using HostMqttClient operatorClient = new HostMqttClient(TestClients.OptionsFor(_fixture.Broker, "flood-operator"));
            Recorder seen = new Recorder(operatorClient);
            operatorClient.Subscribe(root + "cmd/result", 1);
            operatorClient.Connect();
            Assert.True(seen.WaitFor(() => seen.Connects == 1));
            Assert.True(SpinWait.SpinUntil(() => session.Service(Environment.TickCount64) == SessionStep.Opened || session.IsOnline, Recorder.Patience), "the device did not connect: " + session.LastError);
            Thread.Sleep(300);
            session.Service(Environment.TickCount64);

            // 30 stops (harmless: nothing runs), each its own id, QoS 1 in order.
            const int Flood = 30;
            for (int i = 1; i <= Flood; i++)
            {
                byte[] stop = Encoding.UTF8.GetBytes("{\"id\":\"f" + i + "\"}");
                Assert.True(operatorClient.Publish(root + "cmd/stop", stop, 0, stop.Length, 1, false) > 0);
            }

            Assert.True(SpinWait.SpinUntil(() => session.Inbox.Count == CommandInbox.Capacity && session.Inbox.RefusedCount == Flood - CommandInbox.Capacity, Recorder.Patience),
                "inbox " + session.Inbox.Count + ", refused " + session.Inbox.RefusedCount);
            // 8 executed, 16 answered as not executed, 6 beyond the refusals kept: counted, no reply. The passes go on
            // while the replies go out (at most 10 await their acknowledgement at a time).
            Assert.True(SpinWait.SpinUntil(() =>
            {
                session.Service(Environment.TickCount64);
                Thread.Sleep(10);
                return seen.PayloadsOn(root + "cmd/result").Count >= CommandInbox.Capacity + CommandInbox.RefusedCapacity;
            }, Recorder.Patience), "replies: " + seen.PayloadsOn(root + "cmd/result").Count);
            for (int pass = 0; pass < 20; pass++)
            {
                session.Service(Environment.TickCount64);
                Thread.Sleep(25);
            }

            Dictionary<string, JsonElement> replies = seen.PayloadsOn(root + "cmd/result").Select(p => JsonDocument.Parse(p).RootElement).ToDictionary(r => r.GetProperty("id").GetString()!);
            Assert.Equal(CommandInbox.Capacity + CommandInbox.RefusedCapacity, replies.Count);
            for (int i = 1; i <= Flood; i++)
            {
                string id = "f" + i;
                if (i <= CommandInbox.Capacity)
                {
                    Assert.True(replies[id].GetProperty("ok").GetBoolean(), id);
                }
                else if (i <= CommandInbox.Capacity + CommandInbox.RefusedCapacity)
                {
                    Assert.False(replies[id].GetProperty("ok").GetBoolean(), id);
                    Assert.Equal("$", replies[id].GetProperty("error").GetProperty("field").GetString());
                    Assert.Equal("not executed: too many commands arrived at once; send it again", replies[id].GetProperty("error").GetProperty("message").GetString());
                }
                else
                {
                    Assert.False(replies.ContainsKey(id), id + " was answered");
                }
            }

            // The health message's commands_refused.
            Assert.Equal(Flood - CommandInbox.Capacity, session.Inbox.RefusedCount);

            // Sent again with the same id, a refused command is executed; an executed one gets its first reply again.
            int before = seen.PayloadsOn(root + "cmd/result").Count;
            foreach (string id in new[] { "f9", "f1" })
            {
                byte[] stop = Encoding.UTF8.GetBytes("{\"id\":\"" + id + "\"}");
                Assert.True(operatorClient.Publish(root + "cmd/stop", stop, 0, stop.Length, 1, false) > 0);
            }

            Assert.True(SpinWait.SpinUntil(() => session.Inbox.Count == 2, Recorder.Patience));
            Assert.True(SpinWait.SpinUntil(() =>
            {
                session.Service(Environment.TickCount64);
                Thread.Sleep(10);
                return seen.PayloadsOn(root + "cmd/result").Count >= before + 2;
            }, Recorder.Patience));
            List<JsonElement> again = seen.PayloadsOn(root + "cmd/result").Skip(before).Select(p => JsonDocument.Parse(p).RootElement).ToList();
            Assert.Equal(new[] { "f9", "f1" }, again.Select(r => r.GetProperty("id").GetString()));
            Assert.All(again, r => Assert.True(r.GetProperty("ok").GetBoolean()));
            connection.Close(true);
        }

        [Fact]
        public void TheSimulatorsBridgeHoldsAFloodBackAndExecutesEveryCommand()
        {
            using ConnectedBridge bridge = ConnectedBridge.Start(_fixture, "flood-sim", modules: 1);
            (string root, EdgeMqttBridge device, HostMqttClient operatorClient, Recorder seen) = (bridge.Root, bridge.Device, bridge.Operator, bridge.Seen);

            // 100 stops at once: the bridge holds MQTTnet's delivery (and its PUBACK) while the inbox is full, so the broker
            // keeps them queued and the network thread answers every one, executed.
            const int Flood = 100;
            for (int i = 1; i <= Flood; i++)
            {
                byte[] stop = Encoding.UTF8.GetBytes("{\"id\":\"g" + i + "\"}");
                Assert.True(operatorClient.Publish(root + "cmd/stop", stop, 0, stop.Length, 1, false) > 0);
            }

            Assert.True(seen.WaitFor(() => seen.PayloadsOn(root + "cmd/result").Count >= Flood), "replies: " + seen.PayloadsOn(root + "cmd/result").Count);
            Thread.Sleep(300);
            List<JsonElement> replies = seen.PayloadsOn(root + "cmd/result").Select(p => JsonDocument.Parse(p).RootElement).ToList();
            // Executed in order; the replies may not be (one that finds the outbox full goes out straight, ahead of those queued).
            Assert.Equal(Enumerable.Range(1, Flood).Select(i => "g" + i).OrderBy(id => id, StringComparer.Ordinal), replies.Select(r => r.GetProperty("id").GetString()).OrderBy(id => id, StringComparer.Ordinal));
            Assert.All(replies, r => Assert.True(r.GetProperty("ok").GetBoolean()));
            Assert.Equal(0, device.Session.Inbox.RefusedCount);
        }

        /// <summary>
        /// Every refusal the contract lists for a command handler, sent through Mosquitto to a simulated device's session:
        /// each answered ok:false with the field the contract names and, where the contract quotes it, its words.
        /// </summary>
        [Fact]
        public void EveryRefusalTheContractListsComesBackThroughTheBrokerNamingItsField()
        {
            using ConnectedBridge bridge = ConnectedBridge.Start(_fixture, "refuse", modules: 2);
            (string root, PackLayout layout, EdgeController controller, HostMqttClient operatorClient, Recorder seen) = (bridge.Root, bridge.Layout, bridge.Controller, bridge.Operator, bridge.Seen);

            SampleFrame frame = new SampleFrame(layout);
            ActionFrame actions = new ActionFrame(layout);
            long tick = 0;
            void Tick(bool uncalibrated)
            {
                frame.TickIndex = tick;
                frame.TimestampMs = tick * 10;
                frame.Uncalibrated = uncalibrated;
                controller.Tick(frame, actions);
                tick++;
            }

            int sent = 0;
            var wrong = new List<string>();
            // field null: accepted (a command the steps below need).
            void Expect(string verb, byte[] payload, string? id, string? field, string? words)
            {
                int before = seen.PayloadsOn(root + "cmd/result").Count;
                Assert.True(operatorClient.Publish(root + "cmd/" + verb, payload, 0, payload.Length, 1, false) > 0);
                sent++;
                Assert.True(seen.WaitFor(() => seen.PayloadsOn(root + "cmd/result").Count > before), "no reply to " + verb + " " + Encoding.UTF8.GetString(payload));
                JsonElement reply = JsonDocument.Parse(seen.PayloadsOn(root + "cmd/result")[before]).RootElement;
                string? replyId = reply.GetProperty("id").ValueKind == System.Text.Json.JsonValueKind.Null ? null : reply.GetProperty("id").GetString();
                string replyField = reply.TryGetProperty("error", out JsonElement e) ? e.GetProperty("field").GetString()! : "(none)";
                string message = reply.TryGetProperty("error", out e) ? e.GetProperty("message").GetString()! : "(none)";
                bool right = field == null
                    ? reply.GetProperty("ok").GetBoolean() && replyId == id
                    : !reply.GetProperty("ok").GetBoolean() && replyId == id && replyField == field && (words == null || message.Contains(words, StringComparison.Ordinal));
                if (!right)
                {
                    wrong.Add(verb + " " + Encoding.UTF8.GetString(payload) + ": id " + replyId + ", field " + replyField + ", '" + message + "'; expected id " + id + ", field " + field + ", '" + words + "'");
                }
            }

            void ExpectText(string verb, string json, string? id, string? field, string? words) => Expect(verb, Encoding.UTF8.GetBytes(json), id, field, words);

            Tick(false);

            // Strictness, in the contract's order.
            ExpectText("selfDestruct", "{\"id\":\"r1\"}", "r1", "verb", "is not a known command");
            ExpectText("", "{\"id\":\"r2\"}", "r2", "verb", "is missing");
            ExpectText("stop", "{\"id\":\"r3\",\"modul\":0}", "r3", "modul", "is not a field of this command");
            ExpectText("stop", "{\"id\":\"r4\",\"module\":0,\"module\":0}", "r4", "module", null);
            ExpectText("stop", "{\"module\":0}", null, "id", "is missing");
            ExpectText("stop", "{\"id\":\"\"}", null, "id", "is empty");
            ExpectText("stop", "{\"id\":\"r7\",\"module\":\"0\"}", "r7", "module", "must be a number");
            ExpectText("stop", "{\"id\":\"r8\",\"module\":true}", "r8", "module", "must be a number");
            ExpectText("stop", "{\"id\":\"r9\",\"module\":1.5}", "r9", "module", null);
            ExpectText("stop", "{\"id\":\"r10\",\"module\":1e0}", "r10", "module", null);
            ExpectText("stop", "{\"id\":\"r11\",\"module\":99999999999999999999}", "r11", "module", "99999999999999999999 is out of range [-1, ");
            ExpectText("stop", "{\"id\":\"r12\",\"module\":2}", "r12", "module", "2 is out of range [-1, ");
            ExpectText("stop", "{\"id\":\"r13\",\"module\":{\"a\":1}}", "r13", "module", null);
            ExpectText("setMode", "{\"id\":\"r14\",\"mode\":\"" + new string('a', 129) + "\"}", "r14", "mode", null);
            ExpectText("setProtocol", "{\"id\":\"r15\",\"steps\":[1]}", "r15", "steps", "array items must be strings");
            ExpectText("setProtocol", "{\"id\":\"r16\",\"steps\":[" + string.Join(",", Enumerable.Repeat("\"Rest for 1 s\"", 33)) + "]}", "r16", "steps", null);
            ExpectText("stop", "{\"id\":\"r17\"," + string.Join(",", Enumerable.Range(0, 16).Select(i => "\"f" + i + "\":0")) + "}", "r17", "$", null);
            ExpectText("stop", "{\"id\":\"r18\",\"pad\":\"" + new string('a', 2100) + "\"}", null, "$", null);
            ExpectText("stop", "{\"id\":\"r19\",\"module\":0,}", "r19", "$", null);
            ExpectText("stop", "{\"id\":\"r20\"} x", "r20", "$", null);
            ExpectText("stop", "{\"id\":\"r21\",\"module\":01}", "r21", "module", "01 has a leading zero, which JSON numbers may not have: send 1");
            Expect("stop", new byte[] { (byte)'{', (byte)'"', (byte)'i', (byte)'d', (byte)'"', (byte)':', (byte)'"', 0xC0, 0xAF, (byte)'"', (byte)'}' }, null, "$", "not valid UTF-8 at byte");
            ExpectText("stop", " \n", null, "$", "is empty: a command is a JSON object with an \"id\"");
            Expect("stop", new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("{\"id\":\"r24\"}")).ToArray(), null, "$", "starts with a byte-order mark");
            Expect("stop", new byte[] { 0xFF, 0xFE }.Concat(Encoding.Unicode.GetBytes("{\"id\":\"r25\"}")).ToArray(), null, "$", "starts with a UTF-16 byte-order mark");
            Expect("stop", Encoding.Unicode.GetBytes("{\"id\":\"r26\"}"), null, "$", "has a NUL byte at byte 1");

            // Idempotent: another command under a recent id.
            ExpectText("getConfig", "{\"id\":\"r27\"}", "r27", null, null);
            ExpectText("stop", "{\"id\":\"r27\"}", "r27", "id", "was already used by a different recent command");

            // The verbs' own refusals.
            ExpectText("setMode", "{\"id\":\"r28\",\"mode\":\"turbo\"}", "r28", "mode", "must be \"observe\" or \"act\"");
            ExpectText("setMode", "{\"id\":\"r28a\",\"mode\":\"Act\"}", "r28a", "mode", "must be \"observe\" or \"act\": values are case-sensitive; write \"act\"");
            ExpectText("setMode", "{\"id\":\"r29\"}", "r29", "mode", "is missing");
            ExpectText("resetFault", "{\"id\":\"r30\",\"module\":0}", "r30", "module", "module 0 holds no latched fault: nothing to reset");
            ExpectText("setProtocol", "{\"id\":\"r31\"}", "r31", "$", "names nothing to change");

            // start while the host holds the switches (the firmware's calibration mode), and on an uncalibrated unit.
            Assert.True(controller.BarStarts("calibration in progress: abort or finish it first"));
            ExpectText("start", "{\"id\":\"r32\"}", "r32", "$", "calibration in progress: abort or finish it first");
            ExpectText("setProtocol", "{\"id\":\"r33\",\"repeat\":true,\"start\":true}", "r33", "start", "calibration in progress");
            controller.LiftStartBar();
            Tick(true);
            ExpectText("start", "{\"id\":\"r34\"}", "r34", "$", "the unit is not calibrated");
            Tick(false);

            // A held module, its reset waiting for the tick, every module held.
            controller.RestoreLatchedFault(0);
            Tick(false);
            ExpectText("start", "{\"id\":\"r35\",\"module\":0}", "r35", "module", "module 0 holds a latched fault: send resetFault for it first, then start");
            ExpectText("resetFault", "{\"id\":\"r36\",\"module\":0}", "r36", null, null);
            ExpectText("start", "{\"id\":\"r37\",\"module\":0}", "r37", "module", "module 0's resetFault takes effect at the next tick: send start after that");
            Tick(false);
            controller.RestoreLatchedFault(0);
            controller.RestoreLatchedFault(1);
            Tick(false);
            ExpectText("start", "{\"id\":\"r38\"}", "r38", "module", "every module holds a latched fault: send resetFault first, then start");

            Assert.True(wrong.Count == 0, string.Join("\n", wrong));
            Assert.Equal(40, sent);
        }

        /// <summary>
        /// CONTRACT.md, Commands, Never retained: an operator clears a retained command with an empty retained message on its
        /// topic, which the broker also forwards to the device. That is no command: no reply (it was answered "is empty"),
        /// no retainedCommand count, nothing executed.
        /// </summary>
        [Fact]
        public void ClearingARetainedCommandGetsNoReply()
        {
            using ConnectedBridge bridge = ConnectedBridge.Start(_fixture, "clear", modules: 1);
            (string root, EdgeController controller, HostMqttClient operatorClient, Recorder seen) = (bridge.Root, bridge.Controller, bridge.Operator, bridge.Seen);

            byte[] stop = Encoding.UTF8.GetBytes("{\"id\":\"k1\"}");
            Assert.True(operatorClient.Publish(root + "cmd/stop", stop, 0, stop.Length, 1, true) > 0);
            Assert.True(seen.WaitFor(() => seen.PayloadsOn(root + "cmd/result").Count == 1), "no reply to the retained stop");
            Assert.True(operatorClient.Publish(root + "cmd/stop", Array.Empty<byte>(), 0, 0, 1, true) > 0);
            // A command after the clearing: its reply is the next one, with none for the clearing between.
            byte[] getConfig = Encoding.UTF8.GetBytes("{\"id\":\"k2\"}");
            Assert.True(operatorClient.Publish(root + "cmd/getConfig", getConfig, 0, getConfig.Length, 1, false) > 0);
            Assert.True(seen.WaitFor(() => seen.PayloadsOn(root + "cmd/result").Any(p => p.Contains("\"k2\"", StringComparison.Ordinal))), "no reply to getConfig");
            Thread.Sleep(300);

            Assert.Equal(
                new[] { "{\"v\":1,\"id\":\"k1\",\"verb\":\"stop\",\"ok\":true}", "{\"v\":1,\"id\":\"k2\",\"verb\":\"getConfig\",\"ok\":true}" },
                seen.PayloadsOn(root + "cmd/result"));
            Assert.Equal(0, bridge.Device.Session.Inbox.Count);
            Assert.Equal(0, bridge.Device.Session.Inbox.RefusedCount);
        }

        [Fact]
        public void ABootWithoutAControlLoopRefusesEveryCommandNamingItsId()
        {
            string deviceId = "noloop-" + Guid.NewGuid().ToString("N").Substring(0, 6);
            string root = "edge/" + deviceId + "/";
            using HostMqttClient operatorClient = new HostMqttClient(TestClients.OptionsFor(_fixture.Broker, "noloop-operator"));
            Recorder seen = new Recorder(operatorClient);
            operatorClient.Subscribe(root + "cmd/result", 1);
            operatorClient.Subscribe(root + "status", 1);
            operatorClient.Connect();
            Assert.True(seen.WaitFor(() => seen.Connects == 1));

            using EdgeMqttBridge failed = new EdgeMqttBridge(new MqttEndpoint { Host = MosquittoBroker.Host, Port = _fixture.Broker.Port }, new SessionSettings { InitialBackoffMs = 200 }, null!,
                new TopicSet(deviceId), new MessageOutbox(new OutboxConfiguration(), PayloadBudget.MaximumStreamPayloadBytes(1)), null!, null, "b2");
            failed.Start(5);
            Assert.True(seen.WaitFor(() => seen.PayloadsOn(root + "status").Any(p => p.Contains("online", StringComparison.Ordinal))));
            Thread.Sleep(300);

            // A start, a setMode, a command without an id and one whose JSON breaks after its id.
            (string Verb, string Payload, string? Id)[] commands =
            {
                ("start", "{\"id\":\"s-1\"}", "s-1"),
                ("setMode", "{\"id\":\"m-1\",\"mode\":\"observe\"}", "m-1"),
                ("stop", "{\"module\":0}", null),
                ("stop", "{\"id\":\"b-1\",\"module\":", "b-1"),
            };
            foreach (var (verb, payload, _) in commands)
            {
                byte[] bytes = Encoding.UTF8.GetBytes(payload);
                Assert.True(operatorClient.Publish(root + "cmd/" + verb, bytes, 0, bytes.Length, 1, false) > 0);
            }

            Assert.True(seen.WaitFor(() => seen.PayloadsOn(root + "cmd/result").Count == commands.Length), "replies: " + seen.PayloadsOn(root + "cmd/result").Count);
            List<JsonElement> replies = seen.PayloadsOn(root + "cmd/result").Select(p => JsonDocument.Parse(p).RootElement).ToList();
            for (int i = 0; i < commands.Length; i++)
            {
                JsonElement reply = replies[i];
                Assert.Equal(commands[i].Verb, reply.GetProperty("verb").GetString());
                Assert.Equal(commands[i].Id, reply.GetProperty("id").ValueKind == System.Text.Json.JsonValueKind.Null ? null : reply.GetProperty("id").GetString());
                Assert.False(reply.GetProperty("ok").GetBoolean());
                Assert.Equal("$", reply.GetProperty("error").GetProperty("field").GetString());
                Assert.Equal("control loop not running (board or hardware error)", reply.GetProperty("error").GetProperty("message").GetString());
            }
        }
    

        /// <summary>
        /// A simulated device of <c>modules</c> one-cell modules (not started) bridged to the fixture's broker, and an
        /// operator's client subscribed to its replies, both connected.
        /// </summary>
        private sealed class ConnectedBridge : IDisposable
        {
            public string Root = "";
            public PackLayout Layout = null!;
            public EdgeController Controller = null!;
            public EdgeMqttBridge Device = null!;
            public HostMqttClient Operator = null!;
            public Recorder Seen = null!;

            public static ConnectedBridge Start(BrokerFixture fixture, string prefix, int modules)
            {
                var b = new ConnectedBridge();
                string deviceId = prefix + "-" + Guid.NewGuid().ToString("N").Substring(0, 6);
                b.Root = "edge/" + deviceId + "/";
                b.Layout = new PackLayout(modules, 1, 0);
                b.Controller = new EdgeController(b.Layout, new ControllerConfiguration { StartImmediately = false });
                MessageOutbox outbox = new MessageOutbox(new OutboxConfiguration(), PayloadBudget.MaximumStreamPayloadBytes(1));
                b.Device = new EdgeMqttBridge(new MqttEndpoint { Host = MosquittoBroker.Host, Port = fixture.Broker.Port },
                    new SessionSettings { InitialBackoffMs = 200 }, b.Controller, new TopicSet(deviceId), outbox, new CommandHandler(b.Controller, null), new TelemetryPublisher(outbox, "b1"), "b1");
                b.Operator = new HostMqttClient(TestClients.OptionsFor(fixture.Broker, prefix + "-operator"));
                b.Seen = new Recorder(b.Operator);
                b.Operator.Subscribe(b.Root + "cmd/result", 1);
                b.Operator.Connect();
                Assert.True(b.Seen.WaitFor(() => b.Seen.Connects == 1));
                b.Device.Start(5);
                Assert.True(SpinWait.SpinUntil(() => b.Device.IsConnected, Recorder.Patience));
                Thread.Sleep(300);
                return b;
            }

            public void Dispose()
            {
                Operator?.Dispose();
                Device?.Dispose();
            }
        }
    }
}
