// Licensed under the MIT License.

using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Edge.Core;
using Edge.Core.Actuation;
using Edge.Core.Commands;
using Edge.Core.Configuration;
using Edge.Core.Sampling;
using Edge.Core.Session;
using Edge.Core.Session.HomeAssistant;
using Edge.Core.Tests.Telemetry;
using Edge.Core.Telemetry.Encoding;
using Edge.Core.Telemetry.Health;
using Edge.Core.Telemetry.Outbox;
using Edge.HostSim.Mqtt;
using Edge.HostSim.Mqtt.Bridge;
using Edge.HostSim.Mqtt.Broker;

namespace Edge.Mqtt.Tests
{
    /// <summary>
    /// Home Assistant MQTT discovery captured from a real mosquitto: every retained config carries what Home
    /// Assistant requires of an MQTT sensor with a device (name, unique_id, state_topic, value_template, device
    /// identifiers, availability on the status topic), cell voltages are device_class voltage in mV, every
    /// template reads a field that the device's own messages on that state topic carry, and the configs come
    /// again when Home Assistant announces "online".
    /// </summary>
    [Collection(BrokerCollection.Name)]
    public sealed class HomeAssistantDiscoveryTests
    {
        private readonly BrokerFixture _fixture;

        public HomeAssistantDiscoveryTests(BrokerFixture fixture)
        {
            _fixture = fixture;
        }

        [Fact]
        public void EveryDiscoveryConfigCapturedFromTheBrokerIsCompleteAndReadsRealFields()
        {
            string deviceId = "ha-" + Guid.NewGuid().ToString("N").Substring(0, 6);
            string root = "edge/" + deviceId + "/";
            using HostMqttClient observer = new HostMqttClient(TestClients.OptionsFor(_fixture.Broker, "ha"));
            Recorder seen = new Recorder(observer);
            observer.Subscribe("homeassistant/sensor/" + deviceId + "/#", 1);
            observer.Subscribe(root + "#", 1);
            observer.Connect();
            Assert.True(seen.WaitFor(() => seen.Connects == 1));
            Thread.Sleep(100);

            // 2 modules x 3 cells: 8 device entities (2 and 6 of health) + 2 x (7 + 3) module entities = 28 configs.
            PackLayout layout = new PackLayout(2, 3, 0);
            EdgeController controller = new EdgeController(layout, new ControllerConfiguration());
            TopicSet topics = new TopicSet(deviceId);
            MessageOutbox outbox = new MessageOutbox(new OutboxConfiguration(), PayloadBudget.MaximumStreamPayloadBytes(3));
            TelemetryPublisher publisher = new TelemetryPublisher(outbox, "b1");
            using EdgeMqttBridge device = new EdgeMqttBridge(new MqttEndpoint { Host = MosquittoBroker.Host, Port = _fixture.Broker.Port }, new SessionSettings { InitialBackoffMs = 200 }, controller, topics, outbox, new CommandHandler(controller, null), publisher, "b1");
            device.Start(5);
            Assert.True(seen.WaitFor(() => seen.Messages.Count(m => m.Topic.StartsWith("homeassistant/", StringComparison.Ordinal)) >= 28), "discovery configs: " + seen.Messages.Count(m => m.Topic.StartsWith("homeassistant/", StringComparison.Ordinal)));

            // 1.1 s of ohmic cells: a pulse summary and cell voltages of both modules to check the templates against.
            // Stopped at the end: the module states are retained again, with what each module delivered. The network
            // thread reads the states when it gets a pass, and the ticks here take far less than one: the stop waits
            // until the running modules' states are out, as a real tick period would let them be.
            RunOhmic(controller, publisher, device, 110, stopAtTick: 108, beforeStop: () =>
                Assert.True(seen.WaitFor(() => seen.PayloadsOn(root + "telemetry/modules").Any(p => p.Contains("\"rest\"", StringComparison.Ordinal) || p.Contains("\"pulse\"", StringComparison.Ordinal))), "no module states of running modules before the stop"));
            Assert.True(seen.WaitFor(() => seen.PayloadsOn(root + "telemetry/pulse").Count >= 2 && seen.PayloadsOn(root + "telemetry/cells").Count >= 4));
            Assert.True(seen.WaitFor(() => seen.PayloadsOn(root + "telemetry/modules").Any(p => p.Contains("\"done\"", StringComparison.Ordinal))));

            List<MqttMessage> configs = seen.Messages.Where(m => m.Topic.StartsWith("homeassistant/", StringComparison.Ordinal)).ToList();
            Assert.Equal(28, configs.Count);
            Assert.Equal(28, configs.Select(c => c.Topic).Distinct().Count());
            HashSet<string> uniqueIds = new HashSet<string>();
            foreach (MqttMessage message in configs)
            {
                Assert.Matches("^homeassistant/sensor/" + deviceId + "/[a-z0-9_]+/config$", message.Topic);
                Assert.Equal(1, message.Qos);
                JsonElement config = JsonDocument.Parse(message.Payload).RootElement;
                foreach (string key in new[] { "name", "unique_id", "state_topic", "value_template", "availability", "device" })
                {
                    Assert.True(config.TryGetProperty(key, out _), message.Topic + " lacks " + key);
                }

                Assert.True(uniqueIds.Add(config.GetProperty("unique_id").GetString()!), "unique_id repeated: " + message.Topic);
                Assert.StartsWith("edge_" + deviceId + ".", config.GetProperty("unique_id").GetString());
                JsonElement availability = config.GetProperty("availability")[0];
                Assert.Equal(root + "status", availability.GetProperty("topic").GetString());
                Assert.Equal("online", availability.GetProperty("payload_available").GetString());
                Assert.Equal("offline", availability.GetProperty("payload_not_available").GetString());
                Assert.Equal("edge_" + deviceId, config.GetProperty("device").GetProperty("identifiers")[0].GetString());
                Assert.False(string.IsNullOrEmpty(config.GetProperty("device").GetProperty("name").GetString()));
                // Home Assistant's device page shows the firmware the unit runs, then the contract it speaks.
                Assert.Equal(Edge.Core.Configuration.FirmwareVersion.Text + " (MQTT contract 1)", config.GetProperty("device").GetProperty("sw_version").GetString());

                // The template's field exists in the device's real messages on that topic (for a module entity: that module's).
                string stateTopic = config.GetProperty("state_topic").GetString()!;
                string template = config.GetProperty("value_template").GetString()!;
                Match field = Regex.Match(template, @"value_json\.(\w+)(?:\[(\d+)\])?");
                Assert.True(field.Success, template);
                Match module = Regex.Match(template, @"value_json\.module == (\d+)");
                List<JsonElement> samples = seen.PayloadsOn(stateTopic).Select(p => JsonDocument.Parse(p).RootElement)
                    .Where(j => !module.Success || j.GetProperty("module").GetInt32() == int.Parse(module.Groups[1].Value)).ToList();
                if (stateTopic == root + "health")
                {
                    // Every health period (30 s by default), none within this test: rendered against health messages below.
                    Assert.Equal("diagnostic", config.GetProperty("entity_category").GetString());
                    continue;
                }

                if (stateTopic.EndsWith("/event", StringComparison.Ordinal))
                {
                    // Events are rare: check the field against the contract's event fields instead.
                    Assert.Equal("kind", field.Groups[1].Value);
                    continue;
                }

                Assert.True(samples.Count > 0, "no message on " + stateTopic + " for " + message.Topic);
                JsonElement value = samples[0].GetProperty(field.Groups[1].Value);
                if (field.Groups[2].Success)
                {
                    Assert.InRange(int.Parse(field.Groups[2].Value), 0, value.GetArrayLength() - 1);
                }

                // The attributes' fields too: the stop reason's module entry of state and diagnosis.
                if (config.TryGetProperty("json_attributes_template", out JsonElement attributes))
                {
                    Assert.Equal(stateTopic, config.GetProperty("json_attributes_topic").GetString());
                    MatchCollection read = Regex.Matches(attributes.GetString()!, @"value_json\.(\w+)\[(\d+)\]");
                    Assert.NotEmpty(read);
                    foreach (Match entry in read)
                    {
                        Assert.InRange(int.Parse(entry.Groups[2].Value), 0, samples[0].GetProperty(entry.Groups[1].Value).GetArrayLength() - 1);
                    }
                }

                if (message.Topic.Contains("_voltage/", StringComparison.Ordinal))
                {
                    Assert.Equal("voltage", config.GetProperty("device_class").GetString());
                    Assert.Equal("mV", config.GetProperty("unit_of_measurement").GetString());
                }
            }

            RendersWhatTheMessagesSay(configs, seen);
            RendersWhatTheHealthMessagesSay(configs);
            StopReasonAttributesSayWhatTheModuleStatesSay(configs, seen);
            EnumEntitiesRenderOneOfTheirOptions(configs, seen);

            // Retained: a late subscriber (Home Assistant starting after the device) gets them all.
            using HostMqttClient late = new HostMqttClient(TestClients.OptionsFor(_fixture.Broker, "ha-late"));
            Recorder lateSeen = new Recorder(late);
            late.Subscribe("homeassistant/sensor/" + deviceId + "/#", 1);
            late.Connect();
            Assert.True(lateSeen.WaitFor(() => lateSeen.Messages.Count(m => m.Retain) == 28));

            // Home Assistant's birth message brings every config again.
            byte[] online = Encoding.UTF8.GetBytes("online");
            observer.Publish("homeassistant/status", online, 0, online.Length, 1, false);
            Assert.True(seen.WaitFor(() => seen.Messages.Count(m => m.Topic.StartsWith("homeassistant/sensor/" + deviceId + "/", StringComparison.Ordinal)) >= 56));

            // Clean up the retained configs of this test device.
            foreach (string topic in configs.Select(c => c.Topic))
            {
                observer.Publish(topic, Array.Empty<byte>(), 0, 0, 1, true);
            }
        }

        [Fact]
        public void ADeviceWithDiscoveryOffClearsTheConfigsAnEarlierBootLeftOnTheBroker()
        {
            string deviceId = "ha-off-" + Guid.NewGuid().ToString("N").Substring(0, 6);
            string filter = "homeassistant/sensor/" + deviceId + "/#";
            PackLayout layout = new PackLayout(1, 2, 0);

            // Boot 1, discovery on: 8 + (7 + 2) = 17 retained configs stay on the broker after it goes.
            RunDevice(deviceId, layout, discovery: true);
            Assert.Equal(17, RetainedOn(filter));

            // Boot 2, discovery off: it clears them on its first connection.
            RunDevice(deviceId, layout, discovery: false);
            Assert.Equal(0, RetainedOn(filter));
        }

        [Fact]
        public void ADeviceBackWithASmallerLayoutClearsTheConfigsOfTheEntitiesItNoLongerHas()
        {
            string deviceId = "ha-shrink-" + Guid.NewGuid().ToString("N").Substring(0, 6);
            string filter = "homeassistant/sensor/" + deviceId + "/#";
            RememberedLayout memory = new RememberedLayout();

            // Boot 1, 2 modules x 3 cells: 8 + 2 x (7 + 3) = 28 retained configs, and 2 x 3 remembered.
            RunDevice(deviceId, new PackLayout(2, 3, 0), discovery: true, memory, 28);
            Assert.Equal(28, RetainedOn(filter));

            // Boot 2, 1 module x 2 cells: its 8 + (7 + 2) = 17 configs, and the other 11 cleared: only 17 stay retained.
            RunDevice(deviceId, new PackLayout(1, 2, 0), discovery: true, memory, 17 + 11);
            Assert.Equal(17, RetainedOn(filter));
            Assert.Equal(2, memory.Stores);

            // Clean up the retained configs of this test device.
            RunDevice(deviceId, new PackLayout(1, 2, 0), discovery: false);
            Assert.Equal(0, RetainedOn(filter));
        }

        /// <summary>
        /// A boot whose board or settings failed comes online without a control loop and clears the retained config and
        /// module states (an empty retained message on each, CONTRACT.md), so that an earlier boot's do not pass for its
        /// own. Home Assistant renders a template against a payload that is no JSON with value_json undefined: the earlier
        /// boot's Mode, module state and stop reason templates, rendered by Jinja2 against the empty messages captured from
        /// the broker, must render noControlLoop for Mode (it rendered None, Home Assistant's unknown, which said nothing of
        /// the failed boot), None for the module state and stop reason and the stop reason's attributes an empty object. A
        /// template that fails there leaves the entity as it was: Home Assistant went on showing the earlier boot's mode,
        /// "done" and "command" for a device that runs no control loop.
        /// </summary>
        [Fact]
        public void AFailedBootsClearedConfigAndModuleStatesShowNoControlLoopAndUnknownNotTheEarlierBootsValues()
        {
            string deviceId = "ha-failed-" + Guid.NewGuid().ToString("N").Substring(0, 6);
            string root = "edge/" + deviceId + "/";
            string prefix = "homeassistant/sensor/" + deviceId + "/";
            using HostMqttClient observer = new HostMqttClient(TestClients.OptionsFor(_fixture.Broker, "ha-failed"));
            Recorder seen = new Recorder(observer);
            observer.Subscribe(prefix + "#", 1);
            observer.Subscribe(root + "config", 1);
            observer.Subscribe(root + "telemetry/modules", 1);
            observer.Connect();
            Assert.True(seen.WaitFor(() => seen.Connects == 1));

            // Boot 1, 2 modules x 1 cell, stopped by command: 8 + 2 x (7 + 1) = 24 configs, its config and module states.
            PackLayout layout = new PackLayout(2, 1, 0);
            EdgeController controller = new EdgeController(layout, new ControllerConfiguration());
            TopicSet topics = new TopicSet(deviceId);
            MessageOutbox outbox = new MessageOutbox(new OutboxConfiguration(), PayloadBudget.MaximumStreamPayloadBytes(1));
            TelemetryPublisher publisher = new TelemetryPublisher(outbox, "b1");
            MqttEndpoint endpoint = new MqttEndpoint { Host = MosquittoBroker.Host, Port = _fixture.Broker.Port };
            using (EdgeMqttBridge device = new EdgeMqttBridge(endpoint, new SessionSettings { InitialBackoffMs = 200 }, controller, topics, outbox, new CommandHandler(controller, null), publisher, "b1"))
            {
                device.Start(5);
                Assert.True(seen.WaitFor(() => seen.Messages.Count(m => m.Topic.StartsWith(prefix, StringComparison.Ordinal)) >= 24));
                RunOhmic(controller, publisher, device, 20, stopAtTick: 10, beforeStop: () => { });
                Assert.True(seen.WaitFor(() => seen.PayloadsOn(root + "telemetry/modules").Any(p => p.Contains("\"done\"", StringComparison.Ordinal))));
            }

            // Boot 2 runs no control loop: it clears both.
            using (EdgeMqttBridge failed = new EdgeMqttBridge(endpoint, new SessionSettings { InitialBackoffMs = 200 }, null!, topics,
                new MessageOutbox(new OutboxConfiguration(), PayloadBudget.MaximumStreamPayloadBytes(1)), null!, null, "b2"))
            {
                failed.Start(5);
                Assert.True(seen.WaitFor(() => seen.PayloadsOn(root + "config").LastOrDefault() == string.Empty
                    && seen.PayloadsOn(root + "telemetry/modules").LastOrDefault() == string.Empty), "the failed boot did not clear its config and module states");
            }

            var items = new List<(string Template, string Payload, string ThisState)>();
            var expected = new List<string>();
            var where = new List<string>();
            var configs = seen.Messages.Where(m => m.Topic.StartsWith(prefix, StringComparison.Ordinal) && m.Payload.Length > 0)
                .GroupBy(m => m.Topic).Select(g => (g.Key, JsonDocument.Parse(g.Last().Payload).RootElement)).ToList();
            foreach (var (topic, config) in configs)
            {
                string stateTopic = config.GetProperty("state_topic").GetString()!;
                if (stateTopic != root + "config" && stateTopic != root + "telemetry/modules")
                {
                    continue;
                }

                string objectId = topic.Split('/')[3];
                string before = seen.PayloadsOn(stateTopic).Last(p => p.Length > 0);
                string cleared = seen.PayloadsOn(stateTopic).Last();

                // The earlier boot's message shows its values: act (the default mode), done, command (the stop); the cleared one noControlLoop or unknown.
                string shown = objectId == "mode" ? "act" : objectId.EndsWith("_state", StringComparison.Ordinal) ? "done" : "command";
                items.Add((config.GetProperty("value_template").GetString()!, before, "unknown"));
                expected.Add(shown);
                where.Add(objectId + " on the earlier boot's " + before);
                items.Add((config.GetProperty("value_template").GetString()!, cleared, shown));
                // Mode says what the device is in: online without a control loop. The module entities of a layout the boot
                // does not have render unknown.
                expected.Add(objectId == "mode" ? "noControlLoop" : "None");
                where.Add(objectId + " on the cleared (empty) message");
                if (config.TryGetProperty("json_attributes_template", out JsonElement attributes))
                {
                    items.Add((attributes.GetString()!, cleared, shown));
                    expected.Add("{}");
                    where.Add(objectId + " attributes on the cleared (empty) message");
                }
            }

            // Mode, and each module's state and stop reason (with its attributes): 5 entities, 12 renderings.
            Assert.Equal(12, items.Count);
            IReadOnlyList<string> rendered = HomeAssistantTemplates.Render(items);
            var wrong = Enumerable.Range(0, items.Count).Where(i => expected[i] != rendered[i].Trim())
                .Select(i => where[i] + ": rendered '" + rendered[i] + "', expected '" + expected[i] + "'").ToList();
            Assert.True(wrong.Count == 0, string.Join("\n", wrong));

            foreach (var (topic, _) in configs)
            {
                observer.Publish(topic, Array.Empty<byte>(), 0, 0, 1, true);
            }
        }

        /// <summary>
        /// The entities read from the pulse summaries (capacity, tuned rest) and the events (the device's and each module's
        /// last event) do not expire, yet after a boot that runs no control loop Home Assistant showed the earlier boot's
        /// last pulse and event as this boot's. Captured from a real mosquitto and rendered by Jinja2, their availability
        /// follows Home Assistant's documented rule for availability_mode all (payload_available must be received on every
        /// availability topic: the latest rendering per topic, a topic with nothing received not available): available
        /// while the earlier boot ran, unavailable to a Home Assistant that watched the failed boot clear the config, and
        /// to one that subscribed after it (the broker then holds no config at all).
        /// </summary>
        [Fact]
        public void AFailedBootMakesThePulseAndEventEntitiesUnavailable()
        {
            string deviceId = "ha-stale-" + Guid.NewGuid().ToString("N").Substring(0, 6);
            string root = "edge/" + deviceId + "/";
            string prefix = "homeassistant/sensor/" + deviceId + "/";
            using HostMqttClient observer = new HostMqttClient(TestClients.OptionsFor(_fixture.Broker, "ha-stale"));
            Recorder seen = new Recorder(observer);
            observer.Subscribe(prefix + "#", 1);
            observer.Subscribe(root + "#", 1);
            observer.Connect();
            Assert.True(seen.WaitFor(() => seen.Connects == 1));

            // Boot 1, 2 modules x 1 cell: a pulse cut short by a stop at 100 ms gives each module a pulse summary and events.
            PackLayout layout = new PackLayout(2, 1, 0);
            EdgeController controller = new EdgeController(layout, new ControllerConfiguration());
            TopicSet topics = new TopicSet(deviceId);
            MessageOutbox outbox = new MessageOutbox(new OutboxConfiguration(), PayloadBudget.MaximumStreamPayloadBytes(1));
            TelemetryPublisher publisher = new TelemetryPublisher(outbox, "b1");
            MqttEndpoint endpoint = new MqttEndpoint { Host = MosquittoBroker.Host, Port = _fixture.Broker.Port };
            int boot1Messages;
            using (EdgeMqttBridge device = new EdgeMqttBridge(endpoint, new SessionSettings { InitialBackoffMs = 200 }, controller, topics, outbox, new CommandHandler(controller, null), publisher, "b1"))
            {
                device.Start(5);
                Assert.True(seen.WaitFor(() => seen.Messages.Count(m => m.Topic.StartsWith(prefix, StringComparison.Ordinal)) >= 24));
                RunOhmic(controller, publisher, device, 20, stopAtTick: 10, beforeStop: () => { });
                Assert.True(seen.WaitFor(() => seen.PayloadsOn(root + "telemetry/pulse").Count >= 2 && seen.PayloadsOn(root + "event").Count >= 4), "boot 1's pulse summaries and events");
                boot1Messages = seen.Messages.Count;
            }

            // Boot 2 runs no control loop: it clears the config; a Home Assistant started after it subscribes then.
            using (EdgeMqttBridge failed = new EdgeMqttBridge(endpoint, new SessionSettings { InitialBackoffMs = 200 }, null!, topics,
                new MessageOutbox(new OutboxConfiguration(), PayloadBudget.MaximumStreamPayloadBytes(1)), null!, null, "b2"))
            {
                failed.Start(5);
                Assert.True(seen.WaitFor(() => seen.PayloadsOn(root + "config").LastOrDefault() == string.Empty), "the failed boot did not clear its config");
                using HostMqttClient late = new HostMqttClient(TestClients.OptionsFor(_fixture.Broker, "ha-stale-late"));
                Recorder lateSeen = new Recorder(late);
                late.Subscribe(prefix + "#", 1);
                late.Subscribe(root + "#", 1);
                late.Connect();
                Assert.True(lateSeen.WaitFor(() => lateSeen.Messages.Any(m => m.Topic == root + "status" && Encoding.UTF8.GetString(m.Payload).Contains("b2", StringComparison.Ordinal))));
                Thread.Sleep(300);

                var configs = seen.Messages.Where(m => m.Topic.StartsWith(prefix, StringComparison.Ordinal) && m.Payload.Length > 0)
                    .GroupBy(m => m.Topic).Select(g => (Object: g.Key.Split('/')[3], Config: JsonDocument.Parse(g.Last().Payload).RootElement)).ToList();
                var stale = configs.Where(c => c.Config.GetProperty("state_topic").GetString() is string t && (t == root + "telemetry/pulse" || t == root + "event"))
                    .Select(c => c.Object).OrderBy(o => o, StringComparer.Ordinal).ToList();
                Assert.Equal(new[] { "last_event", "module0_capacity", "module0_last_event", "module0_tuned_rest", "module1_capacity", "module1_last_event", "module1_tuned_rest" }, stale);

                var wrong = new List<string>();
                foreach (var (objectId, config) in configs.Where(c => stale.Contains(c.Object)))
                {
                    if (config.TryGetProperty("expire_after", out _))
                    {
                        wrong.Add(objectId + " expires: a rest may last minutes");
                    }

                    bool? whileRunning = Available(config, seen.Messages.Take(boot1Messages).ToList());
                    bool? watched = Available(config, seen.Messages);
                    bool? startedLate = Available(config, lateSeen.Messages);
                    if (whileRunning != true || watched != false || startedLate != false)
                    {
                        wrong.Add(objectId + ": available while boot 1 ran " + whileRunning + ", after the failed boot " + watched + ", to a Home Assistant started after it " + startedLate);
                    }
                }

                Assert.True(wrong.Count == 0, string.Join("\n", wrong));

                // Mode: available while boot 1 ran and to a Home Assistant that watched the clearing (it shows noControlLoop
                // then); to one started after it, which has no config to show, unavailable as the entities above, not unknown.
                JsonElement mode = configs.Single(c => c.Object == "mode").Config;
                Assert.Equal<(bool?, bool?, bool?)>((true, true, false), (Available(mode, seen.Messages.Take(boot1Messages).ToList()), Available(mode, seen.Messages), Available(mode, lateSeen.Messages)));

                // The entities of the health message stay as they were: a boot without a control loop still sends it.
                Assert.All(configs.Where(c => c.Config.GetProperty("state_topic").GetString() == root + "health"),
                    c => Assert.Equal(1, c.Config.GetProperty("availability").GetArrayLength()));

                foreach (var (objectId, _) in configs)
                {
                    observer.Publish(prefix + objectId + "/config", Array.Empty<byte>(), 0, 0, 1, true);
                }
            }
        }

        /// <summary>
        /// Home Assistant's availability for an entity after <paramref name="messages"/> (MQTT integration's documented rule):
        /// each availability topic's templates rendered by Jinja2 against the messages on it, in order; a rendering that
        /// is neither payload kept nothing; with availability_mode all the entity is available when every topic's latest
        /// is payload_available (a topic with none is not), with latest (the default) when the latest of all is.
        /// </summary>
        private static bool? Available(JsonElement config, List<MqttMessage> messages)
        {
            string mode = config.TryGetProperty("availability_mode", out JsonElement m) ? m.GetString()! : "latest";
            var entries = config.GetProperty("availability").EnumerateArray().ToList();
            var items = new List<(string Template, string Payload, string ThisState)>();
            var owners = new List<(int Entry, int Order)>();
            for (int i = 0; i < messages.Count; i++)
            {
                for (int e = 0; e < entries.Count; e++)
                {
                    if (messages[i].Topic == entries[e].GetProperty("topic").GetString())
                    {
                        items.Add((entries[e].GetProperty("value_template").GetString()!, Encoding.UTF8.GetString(messages[i].Payload), "unknown"));
                        owners.Add((e, i));
                    }
                }
            }

            IReadOnlyList<string> rendered = items.Count == 0 ? Array.Empty<string>() : HomeAssistantTemplates.Render(items);
            var latest = new bool?[entries.Count];
            bool? latestOfAll = null;
            for (int k = 0; k < rendered.Count; k++)
            {
                JsonElement entry = entries[owners[k].Entry];
                string text = rendered[k].Trim();
                bool? said = text == entry.GetProperty("payload_available").GetString() ? true : text == entry.GetProperty("payload_not_available").GetString() ? false : null;
                if (said != null)
                {
                    latest[owners[k].Entry] = said;
                    latestOfAll = said;
                }
            }

            return mode == "all" ? latest.All(l => l == true) : latestOfAll == true;
        }

        /// <summary>
        /// A cell without a valid reading (CONTRACT.md, telemetry/cells: listed in invalid, its values repeating its last
        /// valid reading): captured from a real mosquitto, each cells entity's availability templates and value templates
        /// rendered by Jinja2 against the device's own messages. Module 1's cell 1 (pack cell 3) reads valid at the first
        /// tick, then saturated to the end: the cells message of 0 ms has it valid, the one of 1000 ms (its interval 10 to
        /// 1000 ms) invalid. Its entity goes unavailable there ('offline' on the cells topic, with availability_mode all
        /// beside the status topic) and not on the other module's messages (''), and module 1's lowest and highest cell
        /// are its valid cell 2's alone; its value at 1000 ms, the repeated reading of 0 ms, is never taken as the lowest.
        /// </summary>
        [Fact]
        public void ACellWithoutAValidReadingMakesItsEntityUnavailableAndIsLeftOutOfItsModulesExtremes()
        {
            string deviceId = "ha-inv-" + Guid.NewGuid().ToString("N").Substring(0, 6);
            string root = "edge/" + deviceId + "/";
            using HostMqttClient observer = new HostMqttClient(TestClients.OptionsFor(_fixture.Broker, "ha-inv"));
            Recorder seen = new Recorder(observer);
            observer.Subscribe("homeassistant/sensor/" + deviceId + "/#", 1);
            observer.Subscribe(root + "telemetry/cells", 1);
            observer.Connect();
            Assert.True(seen.WaitFor(() => seen.Connects == 1));

            // 2 modules x 2 cells, idle (not started): 8 device entities + 2 x (7 + 2) = 26 configs.
            PackLayout layout = new PackLayout(2, 2, 0);
            EdgeController controller = new EdgeController(layout, new ControllerConfiguration { StartImmediately = false });
            MessageOutbox outbox = new MessageOutbox(new OutboxConfiguration(), PayloadBudget.MaximumStreamPayloadBytes(2));
            TelemetryPublisher publisher = new TelemetryPublisher(outbox, "b1");
            using EdgeMqttBridge device = new EdgeMqttBridge(new MqttEndpoint { Host = MosquittoBroker.Host, Port = _fixture.Broker.Port }, new SessionSettings { InitialBackoffMs = 200 }, controller, new TopicSet(deviceId), outbox, new CommandHandler(controller, null), publisher, "b1");
            device.Start(5);
            Assert.True(seen.WaitFor(() => seen.Messages.Count(m => m.Topic.StartsWith("homeassistant/", StringComparison.Ordinal)) >= 26));

            // Cells at rest 100 mV apart per module and 7 mV per cell (pack cell 3: 107 mV while valid); 0 to 1000 ms.
            SampleFrame frame = new SampleFrame(layout);
            ActionFrame actions = new ActionFrame(layout);
            for (int t = 0; t <= 100; t++)
            {
                frame.TickIndex = t;
                frame.TimestampMs = t * 10;
                for (int c = 0; c < 4; c++)
                {
                    frame.CellVoltageMv[c] = (100 * (c / 2)) + (7 * (c % 2));
                    frame.CellVoltageStatus[c] = ChannelStatus.Valid;
                }

                if (t > 0)
                {
                    frame.CellVoltageMv[3] = 6000;
                    frame.CellVoltageStatus[3] = ChannelStatus.Saturated;
                }

                controller.Tick(frame, actions);
                publisher.Publish(controller.Telemetry, frame.TimestampMs);
                device.Wake();
            }

            Assert.True(seen.WaitFor(() => seen.PayloadsOn(root + "telemetry/cells").Count >= 4));
            List<string> cells = seen.PayloadsOn(root + "telemetry/cells");
            string Of(int module, long tMs) => cells.Single(p =>
            {
                JsonElement j = JsonDocument.Parse(p).RootElement;
                return j.GetProperty("module").GetInt32() == module && j.GetProperty("tMs").GetInt64() == tMs;
            });

            var configs = seen.Messages.Where(m => m.Topic.StartsWith("homeassistant/", StringComparison.Ordinal))
                .ToDictionary(m => m.Topic.Split('/')[3], m => JsonDocument.Parse(m.Payload).RootElement);
            var items = new List<(string Template, string Payload, string ThisState)>();
            var expected = new List<string>();
            void Expect(string objectId, string template, string payload, string value)
            {
                items.Add((template, payload, "unknown"));
                expected.Add(objectId + " on " + payload + ": " + value);
            }

            string CellsAvailability(string objectId)
            {
                JsonElement config = configs[objectId];
                Assert.Equal("all", config.GetProperty("availability_mode").GetString());
                JsonElement[] availability = config.GetProperty("availability").EnumerateArray().ToArray();
                Assert.Equal(2, availability.Length);
                Assert.Equal(root + "status", availability[0].GetProperty("topic").GetString());
                Assert.Equal(root + "telemetry/cells", availability[1].GetProperty("topic").GetString());
                Assert.Equal("online", availability[1].GetProperty("payload_available").GetString());
                Assert.Equal("offline", availability[1].GetProperty("payload_not_available").GetString());
                return availability[1].GetProperty("value_template").GetString()!;
            }

            // The broken cell's entity, and its valid neighbour's, against both of module 1's messages and one of module 0.
            Expect("module1_cell1_voltage", CellsAvailability("module1_cell1_voltage"), Of(1, 0), "online");
            Expect("module1_cell1_voltage", CellsAvailability("module1_cell1_voltage"), Of(1, 1000), "offline");
            Expect("module1_cell1_voltage", CellsAvailability("module1_cell1_voltage"), Of(0, 1000), string.Empty);
            Expect("module1_cell0_voltage", CellsAvailability("module1_cell0_voltage"), Of(1, 1000), "online");
            Expect("module0_cell1_voltage", CellsAvailability("module0_cell1_voltage"), Of(0, 1000), "online");

            // The module's extremes: available while one cell reads valid, of the valid cells only (cell 2: 100 mV).
            Expect("module1_lowest_cell_voltage", CellsAvailability("module1_lowest_cell_voltage"), Of(1, 1000), "online");
            Expect("module1_lowest_cell_voltage", configs["module1_lowest_cell_voltage"].GetProperty("value_template").GetString()!, Of(1, 0), "100");
            Expect("module1_lowest_cell_voltage", configs["module1_lowest_cell_voltage"].GetProperty("value_template").GetString()!, Of(1, 1000), "100");
            Expect("module1_highest_cell_voltage", configs["module1_highest_cell_voltage"].GetProperty("value_template").GetString()!, Of(1, 0), "107");
            Expect("module1_highest_cell_voltage", configs["module1_highest_cell_voltage"].GetProperty("value_template").GetString()!, Of(1, 1000), "100");
            Expect("module1_highest_cell_voltage", configs["module1_highest_cell_voltage"].GetProperty("value_template").GetString()!, Of(0, 1000), string.Empty);
            Expect("module0_highest_cell_voltage", configs["module0_highest_cell_voltage"].GetProperty("value_template").GetString()!, Of(0, 1000), "7");

            IReadOnlyList<string> rendered = HomeAssistantTemplates.Render(items);
            for (int i = 0; i < items.Count; i++)
            {
                string what = expected[i].Substring(0, expected[i].LastIndexOf(": ", StringComparison.Ordinal));
                string value = expected[i].Substring(expected[i].LastIndexOf(": ", StringComparison.Ordinal) + 2);
                Assert.True(value == rendered[i].Trim(), what + ": rendered '" + rendered[i] + "', expected '" + value + "'");
            }

            // Entities of other topics keep the status topic alone.
            Assert.False(configs["module1_state"].TryGetProperty("availability_mode", out _));
            Assert.Single(configs["module1_state"].GetProperty("availability").EnumerateArray());

            foreach (string objectId in configs.Keys)
            {
                observer.Publish("homeassistant/sensor/" + deviceId + "/" + objectId + "/config", Array.Empty<byte>(), 0, 0, 1, true);
            }
        }

        /// <summary>
        /// One boot of the device until its discovery publishes (configs, or their clearing; 17 unless
        /// <paramref name="publishes"/> says otherwise) passed the broker; with <paramref name="memory"/>, the layout it
        /// announced last is remembered there, as the firmware's flash does.
        /// </summary>
        private void RunDevice(string deviceId, PackLayout layout, bool discovery, RememberedLayout? memory = null, int publishes = 17)
        {
            ControllerConfiguration configuration = new ControllerConfiguration();
            configuration.Telemetry.HomeAssistantDiscovery = discovery;
            EdgeController controller = new EdgeController(layout, configuration);
            TopicSet topics = new TopicSet(deviceId);
            MessageOutbox outbox = new MessageOutbox(new OutboxConfiguration(), PayloadBudget.MaximumStreamPayloadBytes(layout.CellsPerModule));
            TelemetryPublisher publisher = new TelemetryPublisher(outbox, "b1");
            string prefix = "homeassistant/sensor/" + deviceId + "/";
            using HostMqttClient watcher = new HostMqttClient(TestClients.OptionsFor(_fixture.Broker, "ha-watch"));
            Recorder seen = new Recorder(watcher);
            watcher.Subscribe(prefix + "#", 1);
            watcher.Connect();
            Assert.True(seen.WaitFor(() => seen.Connects == 1));
            using EdgeMqttBridge device = new EdgeMqttBridge(new MqttEndpoint { Host = MosquittoBroker.Host, Port = _fixture.Broker.Port }, new SessionSettings { InitialBackoffMs = 200 }, controller, topics, outbox, new CommandHandler(controller, null), publisher, "b1");
            if (memory != null)
            {
                device.Session.RememberAnnouncedLayout(memory.Modules, memory.CellsPerModule, memory);
            }

            device.Start(5);

            // Live publishes (not the retained copies the subscription brought): the device's own, this boot.
            Assert.True(seen.WaitFor(() => seen.Messages.Count(m => !m.Retain && m.Topic.StartsWith(prefix, StringComparison.Ordinal)) >= publishes),
                "discovery publishes seen: " + seen.Messages.Count(m => !m.Retain && m.Topic.StartsWith(prefix, StringComparison.Ordinal)));
        }

        /// <summary>
        /// Retained messages a fresh subscriber to <paramref name="filter"/> receives: all of them, once a message it published
        /// after the subscription's SUBACK is back (the broker queues a subscription's retained messages to the subscriber
        /// before it reads the next packet, and delivers a client's queue in order). A fixed second of waiting counted
        /// whatever a loaded machine had delivered by then, and took a second where nothing was retained.
        /// </summary>
        private int RetainedOn(string filter)
        {
            string marker = TestClients.UniqueTopic("ha-late-marker");
            using HostMqttClient late = new HostMqttClient(TestClients.OptionsFor(_fixture.Broker, "ha-late"));
            Recorder lateSeen = new Recorder(late);
            late.Subscribe(filter, 1);
            late.Subscribe(marker, 1);
            late.Connect();
            Assert.True(lateSeen.WaitFor(() => lateSeen.Connects == 1));
            Assert.True(late.Publish(marker, new byte[] { 1 }, 0, 1, 1, false) > 0);
            Assert.True(lateSeen.WaitFor(() => lateSeen.PayloadsOn(marker).Count == 1), "the subscriber's own message after its subscription never came back");
            return lateSeen.Messages.Count(m => m.Retain);
        }

        /// <summary>
        /// Every template rendered by Jinja2 against every message of its state topic (both modules' on the shared streams):
        /// a numeric entity renders its own module's number (the cell's voltage, the module's lowest and highest cell of
        /// the interval) and '' (ignored) on the other module's; a text entity its value, or its own state on another
        /// module's message.
        /// </summary>
        private static void RendersWhatTheMessagesSay(List<MqttMessage> configs, Recorder seen)
        {
            var items = new List<(string Template, string Payload, string ThisState)>();
            var expected = new List<string>();
            var where = new List<string>();
            foreach (MqttMessage message in configs)
            {
                JsonElement config = JsonDocument.Parse(message.Payload).RootElement;
                string objectId = message.Topic.Split('/')[3];
                string stateTopic = config.GetProperty("state_topic").GetString()!;
                if (!stateTopic.EndsWith("/telemetry/cells", StringComparison.Ordinal))
                {
                    continue;
                }

                Match id = Regex.Match(objectId, @"^module(\d+)_(?:cell(\d+)_voltage|(lowest|highest)_cell_voltage)$");
                Assert.True(id.Success, "a cells entity not checked here: " + objectId);
                int module = int.Parse(id.Groups[1].Value);
                foreach (string payload in seen.PayloadsOn(stateTopic))
                {
                    JsonElement cells = JsonDocument.Parse(payload).RootElement;
                    string value;
                    if (cells.GetProperty("module").GetInt32() != module)
                    {
                        value = string.Empty;
                    }
                    else if (id.Groups[2].Success)
                    {
                        value = cells.GetProperty("cellVoltageMv")[int.Parse(id.Groups[2].Value)].GetInt32().ToString();
                    }
                    else if (id.Groups[3].Value == "lowest")
                    {
                        value = cells.GetProperty("cellMinMv").EnumerateArray().Min(v => v.GetInt32()).ToString();
                    }
                    else
                    {
                        value = cells.GetProperty("cellMaxMv").EnumerateArray().Max(v => v.GetInt32()).ToString();
                    }

                    items.Add((config.GetProperty("value_template").GetString()!, payload, "unknown"));
                    expected.Add(value);
                    where.Add(objectId + " on " + payload);
                }
            }

            Assert.True(items.Count > 0, "no cells entity rendered");
            IReadOnlyList<string> rendered = HomeAssistantTemplates.Render(items);
            for (int i = 0; i < items.Count; i++)
            {
                Assert.True(expected[i] == rendered[i].Trim(), where[i] + ": rendered '" + rendered[i] + "', expected '" + expected[i] + "'");
            }
        }

        /// <summary>
        /// The health entities' templates rendered by Jinja2 against the health message of a device (the firmware's
        /// encoder, figures set apart so a template reading the wrong field shows; its watchdog tripped and not) and of a
        /// simulated device (the simulator's, whose device-only figures are null): each renders its figure, the two loss
        /// counters summed, and 'None' for a null, which Home Assistant shows as unknown rather than a number.
        /// </summary>
        private static void RendersWhatTheHealthMessagesSay(List<MqttMessage> configs)
        {
            var payloads = new List<string> { DeviceHealth(watchdogTripped: true), DeviceHealth(watchdogTripped: false), SimulatedHealthMessage() };
            var items = new List<(string Template, string Payload, string ThisState)>();
            var expected = new List<string>();
            var where = new List<string>();
            foreach (MqttMessage message in configs)
            {
                JsonElement config = JsonDocument.Parse(message.Payload).RootElement;
                if (!config.GetProperty("state_topic").GetString()!.EndsWith("/health", StringComparison.Ordinal))
                {
                    continue;
                }

                string objectId = message.Topic.Split('/')[3];
                foreach (string payload in payloads)
                {
                    JsonElement health = JsonDocument.Parse(payload).RootElement;
                    items.Add((config.GetProperty("value_template").GetString()!, payload, "unknown"));
                    expected.Add(objectId switch
                    {
                        "tick_overruns" => health.GetProperty("tick_overruns").GetInt64().ToString(),
                        "tick_latency_max" => health.GetProperty("tick_latency_max_us_since_last").GetInt64().ToString(),
                        "messages_lost" => (health.GetProperty("outbox_lost_total").GetInt64() + health.GetProperty("outbox_lost_replies").GetInt64()).ToString(),
                        "native_free_memory" => health.GetProperty("native_free_bytes").ValueKind == System.Text.Json.JsonValueKind.Null ? "None" : health.GetProperty("native_free_bytes").GetInt64().ToString(),
                        "broker_connections" => health.GetProperty("connections").GetInt64().ToString(),
                        "sampling_watchdog" => health.GetProperty("watchdog_tripped").ValueKind switch
                        {
                            System.Text.Json.JsonValueKind.Null => "None",
                            System.Text.Json.JsonValueKind.True => "tripped",
                            _ => "ok",
                        },
                        _ => throw new InvalidOperationException("a health entity not checked here: " + objectId),
                    });
                    where.Add(objectId + " on " + payload);
                }
            }

            Assert.Equal(DiscoveryPublisher.HealthEntities * payloads.Count, items.Count);
            IReadOnlyList<string> rendered = HomeAssistantTemplates.Render(items);
            for (int i = 0; i < items.Count; i++)
            {
                Assert.True(expected[i] == rendered[i].Trim(), where[i] + ": rendered '" + rendered[i] + "', expected '" + expected[i] + "'");
            }
        }

        /// <summary>
        /// The stop reason's attributes, rendered by Jinja2 against the retained module states the device sent: the module's
        /// state, the diagnosis that latched it (null here) and, for a stopped module, its delivered capacity: its charge over
        /// 3.6e6 uC/mAh x the default electrode area 0.3848 cm2 (1,385,280), to 4 decimals; null for a running one.
        /// </summary>
        private static void StopReasonAttributesSayWhatTheModuleStatesSay(List<MqttMessage> configs, Recorder seen)
        {
            var items = new List<(string Template, string Payload, string ThisState)>();
            var expected = new List<(string State, double? Delivered)>();
            foreach (MqttMessage message in configs.Where(c => c.Topic.EndsWith("_stop_reason/config", StringComparison.Ordinal)))
            {
                int module = int.Parse(Regex.Match(message.Topic, @"/module(\d+)_stop_reason/").Groups[1].Value);
                JsonElement config = JsonDocument.Parse(message.Payload).RootElement;
                foreach (string payload in seen.PayloadsOn(config.GetProperty("json_attributes_topic").GetString()!).Where(p => p.Length > 0))
                {
                    JsonElement states = JsonDocument.Parse(payload).RootElement;
                    items.Add((config.GetProperty("json_attributes_template").GetString()!, payload, "unknown"));
                    string state = states.GetProperty("state")[module].GetString()!;
                    bool running = state == "pulse" || state == "rest";
                    expected.Add((state, running ? null : Math.Round(states.GetProperty("totalChargeUc")[module].GetInt64() / 1_385_280.0, 4)));
                }
            }

            Assert.True(expected.Any(e => e.State == "done" && e.Delivered > 0), "no stopped module with a capacity rendered");
            Assert.True(expected.Any(e => e.Delivered == null), "no running module rendered");
            IReadOnlyList<string> rendered = HomeAssistantTemplates.Render(items);
            for (int i = 0; i < items.Count; i++)
            {
                JsonElement attributes = JsonDocument.Parse(rendered[i]).RootElement;
                Assert.Equal(expected[i].State, attributes.GetProperty("state").GetString());
                Assert.Equal(System.Text.Json.JsonValueKind.Null, attributes.GetProperty("diagnosis").ValueKind);
                Assert.Equal(System.Text.Json.JsonValueKind.Null, attributes.GetProperty("cell").ValueKind);
                JsonElement delivered = attributes.GetProperty("delivered_mah_cm2");
                Assert.Equal(expected[i].Delivered, delivered.ValueKind == System.Text.Json.JsonValueKind.Null ? null : delivered.GetDouble());
            }
        }

        /// <summary>
        /// The stop reason's attribute <c>cell</c>, rendered by Jinja2: the cell the latching diagnosis is about, counted in
        /// its module from 0 as the cell voltage entities are ("Module 1 cell 1 voltage"), from the message's pack-wide index
        /// (2 x 3 cells: module 1's cells are pack cells 3, 4 and 5, so 4 is its cell 1); null for -1 (a diagnosis about no
        /// one cell) and for a message of a device before the field, which has no <c>cell</c>.
        /// </summary>
        [Fact]
        public void TheStopReasonAttributesNameTheLatchedCellAsTheCellEntitiesCountIt()
        {
            var discovery = new DiscoveryPublisher(new TopicSet("cells-1"), new PackLayout(2, 3, 0), 0.3848, new TelemetryConfiguration().CellVoltagePeriodMs);
            int index = Enumerable.Range(0, discovery.Count).Single(i => discovery.ObjectId(i) == "module1_stop_reason");
            Assert.Contains(Enumerable.Range(0, discovery.Count), i => discovery.ObjectId(i) == "module1_cell1_voltage");
            var buffer = new byte[8192];
            int length = discovery.Encode(index, new JsonByteWriter(), buffer);
            string template = JsonDocument.Parse(Encoding.UTF8.GetString(buffer, 0, length)).RootElement.GetProperty("json_attributes_template").GetString()!;

            const string Held = "{\"v\":1,\"bootId\":\"b1\",\"state\":[\"rest\",\"hold\"],\"stopReason\":[\"none\",\"hardShort\"],\"diagnosis\":[null,\"hardShort\"]";
            IReadOnlyList<string> rendered = HomeAssistantTemplates.Render(new[]
            {
                (template, Held + ",\"cell\":[-1,4],\"totalChargeUc\":[10,20]}", "unknown"),
                (template, Held + ",\"cell\":[-1,-1],\"totalChargeUc\":[10,20]}", "unknown"),
                (template, Held + ",\"totalChargeUc\":[10,20]}", "unknown"),
            });

            JsonElement onCell = JsonDocument.Parse(rendered[0]).RootElement;
            Assert.Equal("hardShort", onCell.GetProperty("diagnosis").GetString());
            Assert.Equal(1, onCell.GetProperty("cell").GetInt32());
            Assert.Equal(System.Text.Json.JsonValueKind.Null, JsonDocument.Parse(rendered[1]).RootElement.GetProperty("cell").ValueKind);
            JsonElement older = JsonDocument.Parse(rendered[2]).RootElement;
            Assert.Equal(System.Text.Json.JsonValueKind.Null, older.GetProperty("cell").ValueKind);
            Assert.Equal("hold", older.GetProperty("state").GetString());
        }

        /// <summary>
        /// An entity of device_class enum renders only values of its options (Home Assistant refuses any other and logs an
        /// error): each rendered by Jinja2 against every message of its state topic the device sent (health: a device's and
        /// a simulated device's). Mode lists every control mode, the module state the run classes and stop reason every
        /// stop reason the contract names (CONTRACT.md's lists, written out here), each with "unknown", what the device sends
        /// for an enum value it has no name for.
        /// </summary>
        private static void EnumEntitiesRenderOneOfTheirOptions(List<MqttMessage> configs, Recorder seen)
        {
            var expectedOptions = new Dictionary<string, string[]>
            {
                ["mode"] = new[] { "observe", "act", "unknown", "noControlLoop" },
                ["sampling_watchdog"] = new[] { "ok", "tripped" },
                ["state"] = new[] { "running", "idle", "hold", "done", "unknown" },
                ["stop_reason"] = new[] { "none", "cutoff", "capacityLimit", "timeLimit", "depletionOnset", "fault", "command", "protocolComplete", "softShort", "hardShort", "protection", "plausibility", "unknown" },
            };
            var items = new List<(string Template, string Payload, string ThisState)>();
            var allowed = new List<string[]>();
            var where = new List<string>();
            int entities = 0;
            foreach (MqttMessage message in configs)
            {
                JsonElement config = JsonDocument.Parse(message.Payload).RootElement;
                if (!config.TryGetProperty("device_class", out JsonElement deviceClass) || deviceClass.GetString() != "enum")
                {
                    continue;
                }

                entities++;
                string objectId = message.Topic.Split('/')[3];
                string[] options = config.GetProperty("options").EnumerateArray().Select(o => o.GetString()!).ToArray();
                Assert.Equal(expectedOptions[Regex.Replace(objectId, @"^module\d+_", string.Empty)], options);
                string stateTopic = config.GetProperty("state_topic").GetString()!;
                IReadOnlyList<string> payloads = stateTopic.EndsWith("/health", StringComparison.Ordinal)
                    ? new[] { DeviceHealth(watchdogTripped: true), DeviceHealth(watchdogTripped: false) }
                    : seen.PayloadsOn(stateTopic).Where(p => p.Length > 0).ToList();
                Assert.True(payloads.Count > 0, "no message on " + stateTopic + " for " + objectId);
                foreach (string payload in payloads)
                {
                    items.Add((config.GetProperty("value_template").GetString()!, payload, "unknown"));
                    allowed.Add(options);
                    where.Add(objectId + " on " + payload);
                }
            }

            // Mode, the sampling watchdog, and each of the two modules' state and stop reason.
            Assert.Equal(1 + 1 + (2 * 2), entities);
            IReadOnlyList<string> rendered = HomeAssistantTemplates.Render(items);
            for (int i = 0; i < items.Count; i++)
            {
                Assert.True(allowed[i].Contains(rendered[i].Trim()), where[i] + ": rendered '" + rendered[i] + "', not one of " + string.Join(", ", allowed[i]));
            }
        }

        /// <summary>
        /// Captured from a real mosquitto, a device sending its cells every 2000 ms: its telemetry/cells entities (each
        /// module's lowest, highest and cells) carry expire_after 10 (5 periods of 2 s; Home Assistant's state turns
        /// unavailable when the topic is silent that long), longer than the spacing of the device's own cells messages
        /// (2000 ms of device time per module, read from their tMs), so a device that sends them never expires; no other
        /// entity expires. Then the enum entities' templates, rendered by Jinja2 against the device's own config and module
        /// states with each contract value and with "unknown" (CONTRACT.md: an unknown enum value encodes as unknown) in
        /// place, must render one of the entity's options: Home Assistant logs an error for any other state of an enum.
        /// </summary>
        [Fact]
        public void CellsEntitiesExpireAfterFivePeriodsAndEnumEntitiesAcceptEveryValueTheDeviceSends()
        {
            string deviceId = "ha-exp-" + Guid.NewGuid().ToString("N").Substring(0, 6);
            string root = "edge/" + deviceId + "/";
            string prefix = "homeassistant/sensor/" + deviceId + "/";
            using HostMqttClient observer = new HostMqttClient(TestClients.OptionsFor(_fixture.Broker, "ha-exp"));
            Recorder seen = new Recorder(observer);
            observer.Subscribe(prefix + "#", 1);
            observer.Subscribe(root + "#", 1);
            observer.Connect();
            Assert.True(seen.WaitFor(() => seen.Connects == 1));

            // 2 modules x 2 cells: 8 + 2 x (7 + 2) = 26 configs.
            PackLayout layout = new PackLayout(2, 2, 0);
            ControllerConfiguration configuration = new ControllerConfiguration();
            configuration.Telemetry.CellVoltagePeriodMs = 2000;
            EdgeController controller = new EdgeController(layout, configuration);
            TopicSet topics = new TopicSet(deviceId);
            MessageOutbox outbox = new MessageOutbox(new OutboxConfiguration(), PayloadBudget.MaximumStreamPayloadBytes(2));
            TelemetryPublisher publisher = new TelemetryPublisher(outbox, "b1");
            using (EdgeMqttBridge device = new EdgeMqttBridge(new MqttEndpoint { Host = MosquittoBroker.Host, Port = _fixture.Broker.Port }, new SessionSettings { InitialBackoffMs = 200 }, controller, topics, outbox, new CommandHandler(controller, null), publisher, "b1"))
            {
                device.Start(5);
                Assert.True(seen.WaitFor(() => seen.Messages.Count(m => m.Topic.StartsWith(prefix, StringComparison.Ordinal)) >= 26));

                // 4.1 s of device time: cells messages at 0, 2000 and 4000 ms for each module.
                RunOhmic(controller, publisher, device, 410, stopAtTick: int.MaxValue, beforeStop: () => { });
                Assert.True(seen.WaitFor(() => seen.PayloadsOn(root + "telemetry/cells").Count >= 6), "cells messages: " + seen.PayloadsOn(root + "telemetry/cells").Count);
            }

            var configs = seen.Messages.Where(m => m.Topic.StartsWith(prefix, StringComparison.Ordinal) && m.Payload.Length > 0)
                .GroupBy(m => m.Topic).Select(g => (Object: g.Key.Split('/')[3], Config: JsonDocument.Parse(g.Last().Payload).RootElement)).ToList();
            Assert.Equal(26, configs.Count);
            var expiring = configs.Where(c => c.Config.TryGetProperty("expire_after", out _)).ToList();
            Assert.Equal(new[] { "module0_cell0_voltage", "module0_cell1_voltage", "module0_highest_cell_voltage", "module0_lowest_cell_voltage",
                "module1_cell0_voltage", "module1_cell1_voltage", "module1_highest_cell_voltage", "module1_lowest_cell_voltage" },
                expiring.Select(c => c.Object).OrderBy(o => o, StringComparer.Ordinal));
            Assert.All(expiring, c => Assert.Equal(root + "telemetry/cells", c.Config.GetProperty("state_topic").GetString()));
            Assert.All(expiring, c => Assert.Equal(10, c.Config.GetProperty("expire_after").GetInt32()));
            foreach (int module in new[] { 0, 1 })
            {
                long[] times = seen.PayloadsOn(root + "telemetry/cells").Select(p => JsonDocument.Parse(p).RootElement)
                    .Where(e => e.GetProperty("module").GetInt32() == module).Select(e => e.GetProperty("tMs").GetInt64()).ToArray();
                Assert.True(times.Length >= 3, "module " + module + " cells messages: " + times.Length);
                Assert.All(times.Zip(times.Skip(1), (a, b) => b - a), gap => Assert.True(gap * 5 <= 10_000, "gap " + gap + " ms"));
            }

            // The enum entities against the device's own messages, with each value the contract lets it send in place.
            string config = seen.PayloadsOn(root + "config").Last(p => p.Length > 0);
            string modules = seen.PayloadsOn(root + "telemetry/modules").Last(p => p.Length > 0);
            string[] modes = { "observe", "act", "unknown" };
            string[] states = { "idle", "pulse", "rest", "hold", "done", "unknown" };
            string[] reasons = { "none", "cutoff", "capacityLimit", "timeLimit", "depletionOnset", "fault", "command", "protocolComplete", "softShort", "hardShort", "protection", "plausibility", "unknown" };
            var items = new List<(string Template, string Payload, string ThisState)>();
            var allowed = new List<HashSet<string>>();
            var where = new List<string>();
            foreach (var (objectId, entity) in configs.Where(c => c.Config.TryGetProperty("options", out _)))
            {
                string template = entity.GetProperty("value_template").GetString()!;
                HashSet<string> options = entity.GetProperty("options").EnumerateArray().Select(o => o.GetString()!).ToHashSet();
                List<string> payloads = new List<string>();
                if (objectId == "mode")
                {
                    payloads.AddRange(modes.Select(v => Regex.Replace(config, "\"mode\":\"\\w+\"", "\"mode\":\"" + v + "\"")));
                    // The config a boot without a control loop clears.
                    payloads.Add(string.Empty);
                }
                else if (objectId.EndsWith("_state", StringComparison.Ordinal))
                {
                    int m = objectId[6] - '0';
                    payloads.AddRange(states.Select(v => WithEntry(modules, "state", m, v)));
                }
                else if (objectId.EndsWith("_stop_reason", StringComparison.Ordinal))
                {
                    int m = objectId[6] - '0';
                    payloads.AddRange(reasons.Select(v => WithEntry(modules, "stopReason", m, v)));
                }
                else
                {
                    Assert.Equal("sampling_watchdog", objectId);
                    payloads.Add(DeviceHealth(false));
                    payloads.Add(DeviceHealth(true));
                }

                foreach (string payload in payloads)
                {
                    items.Add((template, payload, "unknown"));
                    allowed.Add(options);
                    where.Add(objectId + " on " + payload);
                }
            }

            // Mode 3 and the cleared config, per module state 6 and stop reason 13, watchdog 2: 4 + 2 x 19 + 2 = 44 renderings.
            Assert.Equal(44, items.Count);
            IReadOnlyList<string> rendered = HomeAssistantTemplates.Render(items);
            var wrong = Enumerable.Range(0, items.Count).Where(i => !allowed[i].Contains(rendered[i].Trim()))
                .Select(i => where[i] + ": rendered '" + rendered[i] + "', not one of " + string.Join(", ", allowed[i])).ToList();
            Assert.True(wrong.Count == 0, string.Join("\n", wrong));

            foreach (var (objectId, _) in configs)
            {
                observer.Publish(prefix + objectId + "/config", Array.Empty<byte>(), 0, 0, 1, true);
            }
        }

        /// <summary><paramref name="payload"/> with entry <paramref name="module"/> of its string array <paramref name="field"/> set to <paramref name="value"/>.</summary>
        private static string WithEntry(string payload, string field, int module, string value)
        {
            var json = System.Text.Json.Nodes.JsonNode.Parse(payload)!.AsObject();
            json[field]![module] = value;
            return json.ToJsonString();
        }

        private static string DeviceHealth(bool watchdogTripped)
        {
            HealthReport report = new HealthReport
            {
                UptimeMs = 90_000, TickCount = 9_000, TickOverrunCount = 3, MaximumTickUsSinceLast = 2_500, PeriodUs = 10_000,
                NativeFreeBytes = 123_456, NativeLargestFreeBlockBytes = 65_536, OutboxFreeSlots = 30, OutboxLostTotal = 5,
                OutboxLostReplies = 2, CommandsRefused = 1, ConnectionCount = 4, WatchdogTripped = watchdogTripped,
            };
            report.Timing.LatencyMaximumUs = 7_000;
            return Encoding.UTF8.GetString(HealthPayload.Encode(report));
        }

        private static string SimulatedHealthMessage()
        {
            MessageOutbox outbox = new MessageOutbox(new OutboxConfiguration { SlotCount = 2 }, 64);
            byte[] payload = { (byte)'{', (byte)'}' };
            for (int i = 0; i < 3; i++)
            {
                outbox.Enqueue(TopicId.Event, 1, false, i + 1, payload, 0, payload.Length);
            }

            return Encoding.UTF8.GetString(new SimulatedHealth(10_000).Take(30_000, outbox, 0, 2));
        }

        /// <summary>Ticks over ohmic cells; before tick <paramref name="stopAtTick"/>, runs <paramref name="beforeStop"/> and asks every module to stop.</summary>
        private static void RunOhmic(EdgeController controller, TelemetryPublisher publisher, EdgeMqttBridge device, int ticks, int stopAtTick, Action beforeStop)
        {
            SampleFrame frame = new SampleFrame(controller.Layout);
            ActionFrame actions = new ActionFrame(controller.Layout);
            for (int t = 0; t < ticks; t++)
            {
                if (t == stopAtTick)
                {
                    beforeStop();
                    controller.RequestStop(-1);
                }

                frame.TickIndex = t;
                frame.TimestampMs = t * 10;
                for (int m = 0; m < controller.Layout.ModuleCount; m++)
                {
                    int current = actions.SwitchClosed[m] ? actions.CurrentSetpointUa[m] : 0;
                    frame.ModuleCurrentUa[m] = current;
                    for (int c = 0; c < controller.Layout.CellsPerModule; c++)
                    {
                        // Cells and modules apart by a few mV, so that a template reading the wrong cell or module shows.
                        frame.CellVoltageMv[controller.Layout.FirstCellOf(m) + c] = (int)((long)current * 390 / 1000) + (7 * c) + (100 * m);
                    }
                }

                controller.Tick(frame, actions);
                publisher.Publish(controller.Telemetry, frame.TimestampMs);
                device.Wake();
            }
        }
    }
}
