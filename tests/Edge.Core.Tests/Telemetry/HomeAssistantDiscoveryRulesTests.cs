using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Edge.Core.Commands;
using Edge.Core.Configuration;
using Edge.Core.Sampling;
using Edge.Core.Session;
using Edge.Core.Session.HomeAssistant;
using Edge.Core.Telemetry.Outbox;
using Edge.Core.Telemetry.Encoding;
using Xunit;

namespace Edge.Core.Tests.Telemetry;

/// <summary>
/// The Home Assistant MQTT discovery configs (Session/HomeAssistant/DiscoveryPublisher) held to Home Assistant's own
/// rules and to CONTRACT.md.
/// </summary>
public class HomeAssistantDiscoveryRulesTests
{
    private static readonly JsonDocumentOptions StrictJson = new JsonDocumentOptions { AllowDuplicateProperties = false };

    private static List<(string Topic, JsonElement Config)> Configs(string deviceId, int modules, int cells, double areaCm2 = 0.3848)
    {
        var publisher = new DiscoveryPublisher(new TopicSet(deviceId), new PackLayout(modules, cells, 0), areaCm2, new TelemetryConfiguration().CellVoltagePeriodMs);
        var writer = new JsonByteWriter();
        var buffer = new byte[4096];
        var result = new List<(string, JsonElement)>();
        for (int i = 0; i < publisher.Count; i++)
        {
            int length = publisher.Encode(i, writer, buffer);
            Assert.True(length > 0, "config " + i + " did not fit");
            // Duplicate keys refused, as strict parsers do (most keep the last one, which hid a repeated name and topic).
            result.Add((publisher.TopicOf(i), JsonDocument.Parse(buffer.AsMemory(0, length), StrictJson).RootElement.Clone()));
        }

        return result;
    }

    /// <summary>
    /// What a module entity's value_template renders for a message of ANOTHER module on the shared stream topic, given
    /// the entity's own state string in Home Assistant's state machine (what `this.state` is). Handles the shapes
    /// "{{ X if value_json.module == m else F }}" and "{% if value_json.module == m %}...{% endif %}" (no else: '').
    /// </summary>
    private static string RenderForeignModule(string template, string thisState)
    {
        Match inline = Regex.Match(template, @"^\{\{\s*.+\s+if\s+value_json\.module\s*==\s*\d+\s+else\s+(?<f>.+?)\s*\}\}$");
        if (inline.Success)
        {
            string fallback = inline.Groups["f"].Value.Trim();
            if (fallback == "this.state")
            {
                return thisState;
            }

            if (fallback == "''" || fallback == "\"\"")
            {
                return string.Empty;
            }

            return "<unrecognised fallback " + fallback + ">";
        }

        if (Regex.IsMatch(template, @"^\{%-?\s*if\s+value_json\.module\s*==\s*\d+\s*-?%\}.*\{%-?\s*endif\s*-?%\}$") && !template.Contains("else", StringComparison.Ordinal))
        {
            return string.Empty;
        }

        return "<unrecognised template " + template + ">";
    }

    private static bool IsNumericSensor(JsonElement config)
    {
        // Home Assistant expects a numeric state when device_class (not date/timestamp/enum), state_class or
        // unit_of_measurement is set (home-assistant/core PR 87004).
        return config.TryGetProperty("state_class", out _) || config.TryGetProperty("unit_of_measurement", out _) || config.TryGetProperty("device_class", out _);
    }

    /// <summary>
    /// A numeric module entity (cell voltage mV, tuned rest ms, delivered capacity mAh/cm2) reading the
    /// shared telemetry/cells or telemetry/pulse topic must, on another module's message, render a number or '' -- Home
    /// Assistant ignores '' for a sensor that expects a number and sets anything else as the native value
    /// (https://github.com/home-assistant/core/pull/87004). Falling back to `this.state` would feed back
    /// (a) "unknown" until the entity's own module has sent once (after every Home Assistant restart; for pulse-fed
    /// entities of an idle/done/held module: indefinitely), a non-numeric value Home Assistant refuses with
    /// "has device class ... thus indicating it has a numeric value; however, it has the non-numeric value: 'unknown'";
    /// (b) the state in the DISPLAY unit the user picked: a cell voltage shown in V ("0.012") is fed back as 0.012 mV.
    /// </summary>
    [Fact]
    public void NumericModuleEntitiesIgnoreOtherModulesMessagesInsteadOfFeedingBackThisState()
    {
        var problems = new List<string>();
        foreach (var (topic, config) in Configs("pack-7", 2, 2))
        {
            string template = config.GetProperty("value_template").GetString();
            if (!IsNumericSensor(config) || !template.Contains("value_json.module", StringComparison.Ordinal))
            {
                continue;
            }

            // (a) just after Home Assistant started: the entity's state is "unknown".
            string fresh = RenderForeignModule(template, "unknown");

            // (b) the user shows this entity in another unit (V for mV, s for ms): this.state is "0.012".
            string converted = RenderForeignModule(template, "0.012");
            bool freshOk = fresh.Length == 0 || double.TryParse(fresh, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
            bool convertedOk = converted.Length == 0;
            if (!freshOk || !convertedOk)
            {
                problems.Add(topic + ": on another module's message renders '" + fresh + "' (state unknown) and '" + converted
                    + "' (state shown in a converted unit) instead of '' (" + template + ")");
            }
        }

        Assert.True(problems.Count == 0,
            "numeric sensors must render '' (ignored) for other modules' messages (https://github.com/home-assistant/core/pull/87004):\n"
            + string.Join("\n", problems));
    }

    /// <summary>
    /// Home Assistant records every state of every enabled entity: a pack of more than 16 cells announces its per-cell
    /// voltages disabled (enabled_by_default false; the user enables the cells they want) and every module's lowest and
    /// highest cell enabled, so a 16 x 16 pack records 32 voltages a cells period, not 256. Up to 16 cells every entity
    /// is enabled.
    /// </summary>
    [Theory]
    [InlineData(1, 16, true)]
    [InlineData(4, 4, true)]
    [InlineData(1, 17, false)]
    [InlineData(16, 16, false)]
    public void CellEntitiesOfAPackOfMoreThan16CellsAreAnnouncedDisabled(int modules, int cellsPerModule, bool cellsEnabled)
    {
        var configs = Configs("pack-7", modules, cellsPerModule);
        var cells = configs.Where(c => Regex.IsMatch(c.Topic, @"/module\d+_cell\d+_voltage/config$")).ToList();
        var others = configs.Except(cells).ToList();

        Assert.Equal(modules * cellsPerModule, cells.Count);
        Assert.All(cells, c => Assert.Equal(cellsEnabled, !c.Config.TryGetProperty("enabled_by_default", out JsonElement enabled) || enabled.GetBoolean()));
        Assert.All(others, c => Assert.False(c.Config.TryGetProperty("enabled_by_default", out _), c.Topic));
        Assert.Equal(modules, others.Count(c => c.Topic.EndsWith("_lowest_cell_voltage/config", StringComparison.Ordinal)));
        Assert.Equal(modules, others.Count(c => c.Topic.EndsWith("_highest_cell_voltage/config", StringComparison.Ordinal)));
    }

    /// <summary>
    /// Home Assistant's expire_after (whole seconds; the state turns unavailable when no message arrives on the state topic
    /// for that long, the timer restarting on every message of the topic): the entities read from telemetry/cells, sent
    /// every cellVoltagePeriodMs, expire after 5 such periods rounded up to a second, so a device that is online but sends
    /// no cells (a boot without a control loop) does not show the earlier boot's voltages. Hand-computed: 1000 ms -> 5 s,
    /// 250 ms -> 1.25 s -> 2 s, 3,600,000 ms (the largest the configuration takes) -> 18,000 s; 0 (cells off) -> none. The
    /// pulse summaries' entities (capacity, tuned rest: one message per pulse, and a direction change's rest lasts up to
    /// 10 min), the events', the retained messages' and the health message's never expire.
    /// </summary>
    [Theory]
    [InlineData(1000, 5)]
    [InlineData(250, 2)]
    [InlineData(3600000, 18000)]
    [InlineData(0, 0)]
    public void CellsEntitiesExpireAfterFiveCellsPeriodsAndNoOtherEntityExpires(int cellVoltagePeriodMs, int expireAfterS)
    {
        var publisher = new DiscoveryPublisher(new TopicSet("pack-7"), new PackLayout(2, 3, 0), 0.3848, cellVoltagePeriodMs);
        var writer = new JsonByteWriter();
        var buffer = new byte[4096];
        int expiring = 0;
        for (int i = 0; i < publisher.Count; i++)
        {
            int length = publisher.Encode(i, writer, buffer);
            JsonElement config = JsonDocument.Parse(buffer.AsMemory(0, length), StrictJson).RootElement;
            bool readsCells = config.GetProperty("state_topic").GetString() == "edge/pack-7/telemetry/cells";
            if (readsCells && expireAfterS > 0)
            {
                Assert.Equal(expireAfterS, config.GetProperty("expire_after").GetInt32());
                expiring++;
            }
            else
            {
                Assert.False(config.TryGetProperty("expire_after", out _), publisher.ObjectId(i));
            }
        }

        // Per module its lowest, highest and 3 cells.
        Assert.Equal(expireAfterS > 0 ? 2 * (2 + 3) : 0, expiring);
    }

    /// <summary>
    /// Every value an enum entity can be sent must be among its options, or Home Assistant logs an error and refuses the
    /// state. CONTRACT.md: the modes are observe and act, the module states idle, pulse, rest, hold, done (pulse and rest
    /// shown as running), the stop reasons its list of 12, and "an unknown enum value encodes as unknown"; the sampling
    /// watchdog is a boolean shown as ok or tripped; Mode also shows noControlLoop for the config a boot that runs no control
    /// loop clears. Written out here from the contract, not from ContractNames.
    /// </summary>
    [Fact]
    public void EveryEnumEntityOffersEveryValueTheContractLetsTheDeviceSendUnknownIncluded()
    {
        var expected = new Dictionary<string, string[]>
        {
            ["mode"] = new[] { "observe", "act", "unknown", "noControlLoop" },
            ["module0_state"] = new[] { "running", "idle", "hold", "done", "unknown" },
            ["module1_state"] = new[] { "running", "idle", "hold", "done", "unknown" },
            ["module0_stop_reason"] = new[] { "none", "cutoff", "capacityLimit", "timeLimit", "depletionOnset", "fault", "command", "protocolComplete", "softShort", "hardShort", "protection", "plausibility", "unknown" },
            ["module1_stop_reason"] = new[] { "none", "cutoff", "capacityLimit", "timeLimit", "depletionOnset", "fault", "command", "protocolComplete", "softShort", "hardShort", "protection", "plausibility", "unknown" },
            ["sampling_watchdog"] = new[] { "ok", "tripped" },
        };
        var enums = Configs("pack-7", 2, 1).Where(c => c.Config.TryGetProperty("device_class", out JsonElement d) && d.GetString() == "enum").ToList();
        Assert.Equal(expected.Keys.OrderBy(k => k, StringComparer.Ordinal), enums.Select(c => c.Topic.Split('/')[3]).OrderBy(k => k, StringComparer.Ordinal));
        foreach (var (topic, config) in enums)
        {
            string[] options = config.GetProperty("options").EnumerateArray().Select(o => o.GetString()!).ToArray();
            Assert.True(expected[topic.Split('/')[3]].OrderBy(o => o, StringComparer.Ordinal).SequenceEqual(options.OrderBy(o => o, StringComparer.Ordinal)), topic + ": " + string.Join(",", options));
        }
    }

    /// <summary>
    /// The device session encodes each config into its scratch buffer, at its smallest the config message's for the most
    /// protocol steps a command may carry (3,328 bytes), and skips one that does not fit: with the longest device id the
    /// contract allows (64 characters) and the largest pack (16 x 16), every config must fit it, or Home Assistant would
    /// silently miss that entity.
    /// </summary>
    [Fact]
    public void EveryConfigOfTheLongestDeviceIdFitsTheSessionsSmallestBuffer()
    {
        string deviceId = new string('d', 64);
        int smallest = ConfigEncoder.MaximumBytes(new CommandLimits().MaximumArrayItems);
        var publisher = new DiscoveryPublisher(new TopicSet(deviceId), new PackLayout(16, 16, 0), 0.3848, new TelemetryConfiguration().CellVoltagePeriodMs);
        var writer = new JsonByteWriter();
        var buffer = new byte[smallest];
        for (int i = 0; i < publisher.Count; i++)
        {
            Assert.True(publisher.Encode(i, writer, buffer) > 0, publisher.ObjectId(i) + " does not fit " + smallest + " bytes");
        }
    }

    /// <summary>
    /// unique_id must be unique across all MQTT sensors of a Home Assistant instance
    /// (https://www.home-assistant.io/integrations/sensor.mqtt/ : "If two sensors have the same unique ID, Home Assistant
    /// will raise an exception"; the second entity is dropped). CONTRACT.md allows '_' in device ids: joined with '_', two valid devices "pack" and "pack_module1" would both claim
    /// "edge_pack_module1_last_event" (device "pack_module1"'s Last event vs device "pack"'s Module 1 last event).
    /// </summary>
    [Fact]
    public void UniqueIdsOfTwoValidDevicesNeverCollide()
    {
        Assert.True(TopicSet.IsValidDeviceId("pack") && TopicSet.IsValidDeviceId("pack_module1"));
        var first = Configs("pack", 2, 2).Select(c => c.Config.GetProperty("unique_id").GetString()).ToHashSet();
        var second = Configs("pack_module1", 2, 2).Select(c => c.Config.GetProperty("unique_id").GetString()).ToHashSet();
        var shared = first.Intersect(second).ToList();
        Assert.True(shared.Count == 0,
            "devices 'pack' and 'pack_module1' (both valid per CONTRACT.md) publish the same unique_id(s) "
            + string.Join(", ", shared) + "; Home Assistant rejects the second entity (https://www.home-assistant.io/integrations/sensor.mqtt/)");
    }

    /// <summary>
    /// Switching discovery off (telemetry.homeAssistantDiscovery / ha_discovery = false) must clear the retained configs
    /// an earlier boot left on the broker: Home Assistant keeps (and, the state topics being published, keeps updating)
    /// the device and rebuilds it from them after each restart. A discovered entity is removed only by an empty retained
    /// payload on its config topic (Home Assistant MQTT discovery; home-assistant/core PR 16858, 31989).
    /// </summary>
    [Fact]
    public void SwitchingDiscoveryOffRemovesTheRetainedConfigsFromTheBroker()
    {
        var broker = new RetainingBroker();
        RunSession(broker, discovery: true);
        int announced = broker.Retained.Keys.Count(t => t.StartsWith("homeassistant/sensor/pack-7/", StringComparison.Ordinal));
        Assert.Equal(DiscoveryPublisher.DeviceEntities + (2 * (DiscoveryPublisher.ModuleEntities + 2)), announced);

        RunSession(broker, discovery: false);
        var left = broker.Retained.Keys.Where(t => t.StartsWith("homeassistant/sensor/pack-7/", StringComparison.Ordinal)).ToList();
        Assert.True(left.Count == 0,
            "with discovery switched off, " + left.Count + " retained discovery configs are still on the broker (e.g. " + left.FirstOrDefault() + ")");
    }

    /// <summary>
    /// A device that comes back with a smaller layout (a board file with fewer modules or fewer cells per module) must
    /// clear the retained configs of the entities it no longer has, or Home Assistant shows them for ever: a config is
    /// removed only by an empty retained payload on its topic (Home Assistant MQTT discovery), and the shipped ACL lets
    /// the device not read its discovery topics back, so it goes by the layout it remembers announcing.
    /// </summary>
    [Fact]
    public void ShrinkingTheLayoutClearsTheConfigsOfExactlyTheEntitiesItNoLongerHas()
    {
        var broker = new RetainingBroker();
        var memory = new RememberedLayout();

        // Boot 1, 2 modules x 3 cells, nothing remembered: 8 device entities + 2 x (7 + 3) = 28 configs, and 2 x 3 remembered.
        RunSession(broker, true, new PackLayout(2, 3, 0), memory);
        Assert.Equal(28, DiscoveryTopicsOf(broker).Count);
        Assert.Equal((2, 3), (memory.Modules, memory.CellsPerModule));

        // Boot 2, 1 module x 2 cells: module 1 (7 + 3 entities) and module 0's cell 2 are gone.
        broker.Cleared.Clear();
        RunSession(broker, true, new PackLayout(1, 2, 0), memory);
        string[] kept = { "mode", "last_event", "tick_overruns", "tick_latency_max", "messages_lost", "native_free_memory", "broker_connections", "sampling_watchdog", "module0_state", "module0_capacity", "module0_tuned_rest", "module0_last_event", "module0_stop_reason", "module0_lowest_cell_voltage", "module0_highest_cell_voltage", "module0_cell0_voltage", "module0_cell1_voltage" };
        string[] gone = { "module0_cell2_voltage", "module1_state", "module1_capacity", "module1_tuned_rest", "module1_last_event", "module1_stop_reason", "module1_lowest_cell_voltage", "module1_highest_cell_voltage", "module1_cell0_voltage", "module1_cell1_voltage", "module1_cell2_voltage" };
        Assert.Equal(kept.Select(ConfigTopic).OrderBy(t => t, StringComparer.Ordinal), DiscoveryTopicsOf(broker).OrderBy(t => t, StringComparer.Ordinal));
        Assert.Equal(gone.Select(ConfigTopic).OrderBy(t => t, StringComparer.Ordinal), broker.Cleared.OrderBy(t => t, StringComparer.Ordinal));
        Assert.Equal((1, 2), (memory.Modules, memory.CellsPerModule));
    }

    /// <summary>
    /// The present layout is stored only once every ghost config was handed over: a connection lost half-way stores
    /// nothing, and the next connection clears what is left and then stores.
    /// </summary>
    [Fact]
    public void AConnectionLostHalfWayThroughTheClearingStoresNothingAndTheNextOneFinishesIt()
    {
        var broker = new RetainingBroker();
        var memory = new RememberedLayout();
        RunSession(broker, true, new PackLayout(2, 3, 0), memory);
        Assert.Equal(1, memory.Stores);

        // Boot 2 with 1 x 2 cells: status, config, 17 discovery configs and 3 of the 11 clearings pass, then the link drops.
        var layout = new PackLayout(1, 2, 0);
        var connection = new RetainingConnection(broker, new TopicSet("pack-7")) { PublishesBeforeLoss = 2 + 17 + 3 };
        var session = NewSession(connection, true, layout);
        session.RememberAnnouncedLayout(memory.Modules, memory.CellsPerModule, memory);
        Assert.Equal(SessionStep.Opened, session.Service(0));
        session.Service(1);
        Assert.Equal(SessionStep.Lost, session.Service(2));
        Assert.Equal((2, 3), (memory.Modules, memory.CellsPerModule));
        Assert.Equal(1, memory.Stores);
        Assert.Equal(17 + 8, DiscoveryTopicsOf(broker).Count);

        // The next connection (after the back-off) clears the other 8 and stores 1 x 2.
        connection.PublishesBeforeLoss = int.MaxValue;
        long now = session.NextAttemptMs;
        Assert.Equal(SessionStep.Opened, session.Service(now));
        session.Service(now + 1);
        session.Service(now + 2);
        Assert.Equal(17, DiscoveryTopicsOf(broker).Count);
        Assert.Equal((1, 2), (memory.Modules, memory.CellsPerModule));
        Assert.Equal(2, memory.Stores);
    }

    /// <summary>Switched off, discovery clears the configs of the remembered larger layout too, not only the present one's.</summary>
    [Fact]
    public void SwitchingDiscoveryOffAfterAShrinkClearsTheRememberedLayoutsConfigsToo()
    {
        var broker = new RetainingBroker();
        var memory = new RememberedLayout();
        RunSession(broker, true, new PackLayout(2, 3, 0), memory);
        RunSession(broker, false, new PackLayout(1, 2, 0), memory);
        Assert.Empty(DiscoveryTopicsOf(broker));
        Assert.Equal((1, 2), (memory.Modules, memory.CellsPerModule));
    }

    /// <summary>
    /// Nothing remembered (the first boot, or a record that did not read): nothing is cleared, the present layout is
    /// stored; a layout that grew clears nothing either; one that did not change is not stored again.
    /// </summary>
    [Fact]
    public void WithNothingRememberedOrALayoutThatGrewNothingIsClearedAndTheLayoutIsStored()
    {
        var broker = new RetainingBroker();
        var memory = new RememberedLayout();
        RunSession(broker, true, new PackLayout(1, 2, 0), memory);
        Assert.Empty(broker.Cleared);
        Assert.Equal((1, 2, 1), (memory.Modules, memory.CellsPerModule, memory.Stores));

        RunSession(broker, true, new PackLayout(2, 3, 0), memory);
        Assert.Empty(broker.Cleared);
        Assert.Equal(28, DiscoveryTopicsOf(broker).Count);
        Assert.Equal((2, 3, 2), (memory.Modules, memory.CellsPerModule, memory.Stores));

        RunSession(broker, true, new PackLayout(2, 3, 0), memory);
        Assert.Equal(2, memory.Stores);
    }

    [Fact]
    public void ARememberedLayoutThatIsNoLayoutIsRefusedByName()
    {
        var session = NewSession(new RetainingConnection(new RetainingBroker(), new TopicSet("pack-7")), true, new PackLayout(1, 2, 0));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => session.RememberAnnouncedLayout(300, 1, new RememberedLayout()));
        Assert.Contains("300 x 1", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => session.RememberAnnouncedLayout(2, 0, new RememberedLayout()));
        Assert.Throws<ArgumentNullException>(() => session.RememberAnnouncedLayout(2, 2, null));
    }

    private static string ConfigTopic(string objectId) => "homeassistant/sensor/pack-7/" + objectId + "/config";

    private static List<string> DiscoveryTopicsOf(RetainingBroker broker) =>
        broker.Retained.Keys.Where(t => t.StartsWith("homeassistant/sensor/pack-7/", StringComparison.Ordinal)).ToList();

    private static DeviceSession NewSession(RetainingConnection connection, bool discovery, PackLayout layout)
    {
        var configuration = new ControllerConfiguration();
        configuration.Telemetry.HomeAssistantDiscovery = discovery;
        var controller = new EdgeController(layout, configuration);
        var topics = new TopicSet("pack-7");
        var outbox = new MessageOutbox(new OutboxConfiguration(), PayloadBudget.MaximumStreamPayloadBytes(layout.CellsPerModule));
        var publisher = new TelemetryPublisher(outbox, "b1");
        return new DeviceSession(topics, "b1", new SessionSettings(), connection, outbox, controller, new CommandHandler(controller, null), publisher);
    }

    /// <summary>One boot of a device of <paramref name="layout"/> that remembers its announced layout in <paramref name="memory"/>.</summary>
    private static void RunSession(RetainingBroker broker, bool discovery, PackLayout layout, RememberedLayout memory)
    {
        var session = NewSession(new RetainingConnection(broker, new TopicSet("pack-7")), discovery, layout);
        session.RememberAnnouncedLayout(memory.Modules, memory.CellsPerModule, memory);
        Assert.Equal(SessionStep.Opened, session.Service(0));
        for (int i = 1; i < 5; i++)
        {
            session.Service(i);
        }

        session.Close();
    }

    private static void RunSession(RetainingBroker broker, bool discovery)
    {
        var layout = new PackLayout(2, 2, 0);
        var configuration = new ControllerConfiguration();
        configuration.Telemetry.HomeAssistantDiscovery = discovery;
        var controller = new EdgeController(layout, configuration);
        var topics = new TopicSet("pack-7");
        var outbox = new MessageOutbox(new OutboxConfiguration(), PayloadBudget.MaximumStreamPayloadBytes(2));
        var publisher = new TelemetryPublisher(outbox, "b1");
        var connection = new RetainingConnection(broker, topics);
        var session = new DeviceSession(topics, "b1", new SessionSettings(), connection, outbox, controller, new CommandHandler(controller, null), publisher);
        Assert.Equal(SessionStep.Opened, session.Service(0));
        for (int i = 1; i < 5; i++)
        {
            session.Service(i);
        }

        session.Close();
    }

    /// <summary>The broker's retained store: an empty retained message clears a topic.</summary>
    private sealed class RetainingBroker
    {
        public Dictionary<string, byte[]> Retained { get; } = new Dictionary<string, byte[]>();

        /// <summary>Topics an empty retained message was published on, in order.</summary>
        public List<string> Cleared { get; } = new List<string>();

        public void Publish(string topic, byte[] payload, int offset, int count, bool retain)
        {
            if (!retain)
            {
                return;
            }

            if (count == 0)
            {
                Cleared.Add(topic);
                Retained.Remove(topic);
            }
            else
            {
                Retained[topic] = payload.AsSpan(offset, count).ToArray();
            }
        }
    }

    private sealed class RetainingConnection : IBrokerConnection
    {
        private readonly RetainingBroker _broker;
        private readonly TopicSet _topics;
        private int _messageId;

        public RetainingConnection(RetainingBroker broker, TopicSet topics)
        {
            _broker = broker;
            _topics = topics;
        }

        public bool IsConnected { get; private set; }

        /// <summary>Publishes the broker still takes before the link drops (the publish after them fails, the connection is lost).</summary>
        public int PublishesBeforeLoss { get; set; } = int.MaxValue;

        public string LastError => null;

        public ConnectOutcome Open(string clientId, string username, string password, int keepAliveS, string willTopic, byte[] willPayload)
        {
            IsConnected = true;
            return ConnectOutcome.Accepted;
        }

        public bool Subscribe(string topicFilter) => true;

        public int Publish(TopicId topic, byte[] payload, int offset, int count, int qos, bool retain) => PublishTo(_topics[topic], payload, offset, count, qos, retain);

        public int PublishTo(string topic, byte[] payload, int offset, int count, int qos, bool retain)
        {
            if (!IsConnected || PublishesBeforeLoss <= 0)
            {
                IsConnected = false;
                return -1;
            }

            PublishesBeforeLoss--;
            _broker.Publish(topic, payload, offset, count, retain);
            return ++_messageId;
        }

        public void Close(bool sendDisconnect) => IsConnected = false;
    }
}
