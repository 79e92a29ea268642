// Licensed under the MIT License.

using System;
using Edge.Core.Configuration;
using Edge.Core.Records;
using Edge.Core.Sampling;
using Edge.Core.Telemetry.Encoding;
using Edge.Core.Telemetry.Health;

namespace Edge.Core.Session.HomeAssistant
{
    /// <summary>
    /// Home Assistant MQTT discovery for one device: a retained config per entity on
    /// homeassistant/sensor/&lt;deviceId&gt;/&lt;object&gt;/config, so the device and its modules appear in Home
    /// Assistant by themselves. Entities read the contract's own topics (no extra traffic): the device's mode
    /// and last event, and from its health message (diagnostic entities) tick overruns, the longest tick latency, messages
    /// lost, free native memory, broker connections and the sampling watchdog; per module its state (running, idle, hold
    /// or done), delivered capacity (mAh/cm2), tuned rest, last event, stop reason (with the module's state, latching diagnosis and the cell it latched on as attributes; state and stop reason from
    /// the retained telemetry/modules, so a Home Assistant started after a hold shows it and why at once), its lowest and
    /// highest cell voltage over each cells interval, and every cell's voltage (device_class voltage, mV), enabled by
    /// default only on a pack of at most <see cref="CellEntitiesEnabledUpToCells"/> cells.
    /// Mode, module state, stop reason and the sampling watchdog are enum sensors with every value they can show as options
    /// (the first three also "unknown", what the device sends for an enum value it has no name for; Mode also
    /// <see cref="NoControlLoop"/>, for the config a boot that runs no control loop clears). The entities read
    /// from telemetry/cells expire (unavailable) after <see cref="CellsExpireAfterPeriods"/> cells periods without one.
    /// All share one device block and take their availability from the retained edge/&lt;id&gt;/status; the entities read
    /// from telemetry/cells also from the module's cells messages, unavailable while those list the cell (the lowest and
    /// highest: every cell of the module) without a valid reading, and the lowest and highest leave such cells out; the
    /// entities read from the pulse summaries and the events also from the retained config, unavailable while a boot
    /// that runs no control loop has it cleared. Module
    /// entities filter the module's messages out of the shared stream topics in their value template and keep
    /// their state on other modules' messages.
    /// <para>
    /// Sent on every connection and whenever Home Assistant announces "online" on homeassistant/status.
    /// The text of each config is built when it is encoded (at connect time only, never per tick), so the
    /// device keeps no discovery strings in memory between connections.
    /// </para>
    /// </summary>
    public sealed class DiscoveryPublisher
    {
        /// <summary>Entities of the device itself (mode, last event, then the <see cref="HealthEntities"/>) before the per-module ones.</summary>
        public const int DeviceEntities = 2 + HealthEntities;

        /// <summary>
        /// Device entities read from the health message (edge/&lt;id&gt;/health, every health period): tick overruns,
        /// longest tick latency, messages lost, free native memory, broker connections, sampling watchdog. A figure the
        /// message sends as null (a simulated device has no native heap or watchdog) renders None: Home Assistant's
        /// unknown, not a number made up.
        /// </summary>
        public const int HealthEntities = 6;

        // Index of the first health entity, after mode and last event.
        private const int FirstHealthEntity = 2;

        // The device's last event entity, and the module entities read from the pulse summaries and the events (capacity,
        // tuned rest, last event): the ones a boot without a control loop would leave showing an earlier boot's values.
        private const int LastEventEntity = 1;
        private const int FirstControlLoopSlot = 1;
        private const int LastControlLoopSlot = 3;

        /// <summary>
        /// Entities per module besides its cells: state, capacity, tuned rest, last event, stop reason, lowest and highest
        /// cell voltage.
        /// </summary>
        public const int ModuleEntities = 7;

        // The module's lowest cell voltage entity; the highest follows it, then the cells: the entities read from telemetry/cells.
        private const int LowestCellSlot = 5;

        /// <summary>
        /// Packs of more cells announce their per-cell voltage entities disabled (Home Assistant's enabled_by_default):
        /// each records a state row every cells period (1 s by default), and hundreds of them would fill the recorder's
        /// database within days. The module's lowest and highest cell carry what an operator watches; a user enables the
        /// cells they want.
        /// </summary>
        public const int CellEntitiesEnabledUpToCells = 16;

        /// <summary>
        /// Cells periods after which the entities read from telemetry/cells expire (Home Assistant's expire_after, whole
        /// seconds, rounded up): a device that is online but sends no cells messages (a boot without a control loop, a
        /// control loop that stopped) shows its cells unavailable instead of the last voltages for ever. Home Assistant
        /// restarts the timer on every message of the topic, any module's, so only a device whose cells stop altogether
        /// expires; five periods let four lost or late rounds of messages (a Wi-Fi retry, a garbage collection, the outbox
        /// pumping a backlog) pass without a gap in the history.
        /// </summary>
        public const int CellsExpireAfterPeriods = 5;

        private const string Component = "sensor";
        // Module entities read topics every module shares. A text entity keeps its state on another module's message;
        // a numeric one renders '' instead, which Home Assistant ignores: this.state is "unknown" after a restart (not a
        // number, refused) and is in the unit the user chose to show (0.012 for 12 mV shown in V, read back as 0.012 mV).
        private const string KeepState = " else this.state }}";
        private const string IgnoreForeign = " else '' }}";

        // The retained config and module states are cleared (an empty message) by a boot that runs no control loop. Home
        // Assistant then leaves value_json undefined, a template reading it fails, and the entity keeps the earlier boot's
        // value ("running", a stop reason); on that message these render None instead, Home Assistant's unknown, and Mode
        // renders NoControlLoop.
        private const string WhenCleared = " if value_json is not defined else ";

        /// <summary>
        /// What the Mode entity shows for a boot that runs no control loop (its board or settings failed), which clears the
        /// retained config: the device is online but has no mode, and "unknown" read as a value Home Assistant had not got.
        /// </summary>
        public const string NoControlLoop = "noControlLoop";

        private const int ModeEntity = 0;

        private const string ControlLoopRuns = "{{ 'offline' if value_json is not defined else 'online' }}";

        private const string AnyConfigMessage = "{{ 'online' }}";

        private readonly TopicSet _topics;
        private readonly int _modules;
        private readonly int _cellsPerModule;
        private readonly long _microcoulombsPerMahPerCm2;
        private readonly int _cellsExpireAfterS;

        /// <param name="topics">The device's topics (node id = device id).</param>
        /// <param name="layout">Modules and cells per module: one set of entities each.</param>
        /// <param name="electrodeAreaCm2">Electrode area: converts the pulse summary's net charge into mAh/cm2.</param>
        /// <param name="cellVoltagePeriodMs">The configuration's telemetry.cellVoltagePeriodMs (0: no cells messages, nothing expires).</param>
        public DiscoveryPublisher(TopicSet topics, PackLayout layout, double electrodeAreaCm2, int cellVoltagePeriodMs)
        {
            _topics = topics ?? throw new ArgumentNullException(nameof(topics));
            if (layout == null)
            {
                throw new ArgumentNullException(nameof(layout));
            }

            if (!(electrodeAreaCm2 > 0))
            {
                throw new ArgumentOutOfRangeException(nameof(electrodeAreaCm2));
            }

            if (cellVoltagePeriodMs < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(cellVoltagePeriodMs));
            }

            _modules = layout.ModuleCount;
            _cellsExpireAfterS = (int)(((CellsExpireAfterPeriods * (long)cellVoltagePeriodMs) + 999) / 1000);
            _cellsPerModule = layout.CellsPerModule;

            // 1 mAh = 3.6 C = 3,600,000 uC; per cm2 of electrode.
            _microcoulombsPerMahPerCm2 = (long)((3600000.0 * electrodeAreaCm2) + 0.5);
        }

        /// <summary>Number of discovery configs (entities).</summary>
        public int Count => DeviceEntities + (_modules * (ModuleEntities + _cellsPerModule));

        /// <summary>expire_after of the entities read from telemetry/cells, s; 0 when they do not expire (no cells messages).</summary>
        public int CellsExpireAfterS => _cellsExpireAfterS;

        /// <summary>Microcoulombs of net stripped charge per mAh/cm2 (the capacity template's divisor).</summary>
        public long MicrocoulombsPerMahPerCm2 => _microcoulombsPerMahPerCm2;

        /// <summary>True when <paramref name="payload"/> is Home Assistant's birth message "online".</summary>
        public static bool IsOnlineAnnouncement(byte[] payload)
        {
            return payload != null && payload.Length == 6 && payload[0] == (byte)'o' && payload[1] == (byte)'n' && payload[2] == (byte)'l'
                && payload[3] == (byte)'i' && payload[4] == (byte)'n' && payload[5] == (byte)'e';
        }

        /// <summary>
        /// True when entity <paramref name="index"/> of this layout is also an entity of a layout of
        /// <paramref name="modules"/> x <paramref name="cellsPerModule"/> (the same object id, so the same config topic).
        /// </summary>
        public bool ExistsIn(int index, int modules, int cellsPerModule)
        {
            if (index < DeviceEntities)
            {
                return true;
            }

            int module;
            int slot = ModuleSlot(index, out module);
            return module < modules && (slot < ModuleEntities || slot - ModuleEntities < cellsPerModule);
        }

        /// <summary>Retained config topic of entity <paramref name="index"/>.</summary>
        public string TopicOf(int index)
        {
            return DiscoveryTopics.Config(Component, _topics.DeviceId, ObjectId(index));
        }

        /// <summary>Object id of entity <paramref name="index"/> (also the tail of its unique_id).</summary>
        public string ObjectId(int index)
        {
            if (index == 0)
            {
                return "mode";
            }

            if (index == 1)
            {
                return "last_event";
            }

            switch (index - FirstHealthEntity)
            {
                case 0:
                    return "tick_overruns";
                case 1:
                    return "tick_latency_max";
                case 2:
                    return "messages_lost";
                case 3:
                    return "native_free_memory";
                case 4:
                    return "broker_connections";
                case 5:
                    return "sampling_watchdog";
            }

            int module;
            int slot = ModuleSlot(index, out module);
            string prefix = "module" + module.ToString() + "_";
            switch (slot)
            {
                case 0:
                    return prefix + "state";
                case 1:
                    return prefix + "capacity";
                case 2:
                    return prefix + "tuned_rest";
                case 3:
                    return prefix + "last_event";
                case 4:
                    return prefix + "stop_reason";
                case 5:
                    return prefix + "lowest_cell_voltage";
                case 6:
                    return prefix + "highest_cell_voltage";
                default:
                    return prefix + "cell" + (slot - ModuleEntities).ToString() + "_voltage";
            }
        }

        /// <summary>
        /// Encodes the config of entity <paramref name="index"/> into <paramref name="buffer"/>; its length, or
        /// -1 when it did not fit.
        /// </summary>
        public int Encode(int index, JsonByteWriter writer, byte[] buffer)
        {
            if (index < 0 || index >= Count)
            {
                throw new ArgumentOutOfRangeException(nameof(index));
            }

            writer.Reset(buffer, 0, buffer.Length);
            writer.BeginObject();
            string objectId = ObjectId(index);
            if (index < DeviceEntities)
            {
                WriteDeviceEntity(writer, index);
            }
            else
            {
                WriteModuleEntity(writer, index);
            }

            // A separator no device id holds: with '_' the devices "pack" and "pack_module1" both claimed
            // edge_pack_module1_last_event, and Home Assistant drops the second entity.
            writer.String("unique_id", "edge_" + _topics.DeviceId + "." + objectId);
            writer.Name("availability");
            writer.BeginArray();
            writer.BeginObject();
            writer.String("topic", _topics[TopicId.Status]);
            writer.String("value_template", "{{ value_json.status }}");
            writer.String("payload_available", "online");
            writer.String("payload_not_available", "offline");
            writer.EndObject();
            if (index == ModeEntity)
            {
                WriteConfigAvailability(writer, AnyConfigMessage);
            }

            bool readsCells = false;
            bool readsControlLoop = index == LastEventEntity;
            if (index >= DeviceEntities)
            {
                int module;
                int slot = ModuleSlot(index, out module);
                readsCells = slot >= LowestCellSlot;
                readsControlLoop = slot >= FirstControlLoopSlot && slot <= LastControlLoopSlot;
                if (readsCells)
                {
                    WriteCellsAvailability(writer, module, slot);
                }
            }

            if (readsControlLoop)
            {
                // The pulse summaries' entities (capacity, tuned rest) and the events' do not expire: they come per pulse
                // or per event, and a rest of minutes (a direction change's, up to directionChangeMaximumRestMs) or a
                // finished module's final capacity is no stale value. What makes their values stale is a boot that runs
                // no control loop: they are available only while the retained config says one runs.
                WriteConfigAvailability(writer, ControlLoopRuns);
            }

            writer.EndArray();
            if (readsCells || readsControlLoop || index == ModeEntity)
            {
                // Available only while all say so: the device is online, the cell (one of the cells) read valid, a control
                // loop runs.
                writer.String("availability_mode", "all");
            }

            if (readsCells && _cellsExpireAfterS > 0)
            {
                writer.Number("expire_after", _cellsExpireAfterS);
            }

            writer.Name("device");
            writer.BeginObject();
            writer.Name("identifiers");
            writer.BeginArray();
            writer.StringValue("edge_" + _topics.DeviceId);
            writer.EndArray();
            writer.String("name", "Edge " + _topics.DeviceId);
            writer.String("manufacturer", "Edge");
            writer.String("model", "pack controller, " + _modules.ToString() + " x " + _cellsPerModule.ToString() + " cells");
            writer.String("sw_version", FirmwareVersion.Text + " (MQTT contract " + MessageHeader.ContractVersion.ToString() + ")");
            writer.EndObject();
            writer.EndObject();
            return writer.Overflowed ? -1 : writer.Length;
        }

        private void WriteDeviceEntity(JsonByteWriter writer, int index)
        {
            if (index == ModeEntity)
            {
                writer.String("name", "Mode");
                writer.String("state_topic", _topics[TopicId.Config]);
                writer.String("value_template", "{{ '" + NoControlLoop + "'" + WhenCleared + "value_json.mode }}");
                writer.String("device_class", "enum");
                writer.Name("options");
                writer.BeginArray();
                for (int mode = 0; ContractNames.Of((ControlMode)mode) != ContractNames.Unknown; mode++)
                {
                    writer.StringValue(ContractNames.Of((ControlMode)mode));
                }

                // An unknown enum value encodes as "unknown" (CONTRACT.md); Home Assistant logs an error for a state
                // of an enum sensor that is not among its options.
                writer.StringValue(ContractNames.Unknown);
                writer.StringValue(NoControlLoop);
                writer.EndArray();
                writer.String("icon", "mdi:tune");
                return;
            }

            if (index == 1)
            {
                writer.String("name", "Last event");
                writer.String("state_topic", _topics[TopicId.Event]);
                writer.String("value_template", "{{ value_json.kind }}");
                writer.String("json_attributes_topic", _topics[TopicId.Event]);
                writer.String("icon", "mdi:alert-circle-outline");
                return;
            }

            WriteHealthEntity(writer, index);
        }

        /// <summary>
        /// A diagnostic entity of the health message. Counters since boot are total_increasing: a reboot starts them at 0
        /// again, which Home Assistant's statistics take as a reset.
        /// </summary>
        private void WriteHealthEntity(JsonByteWriter writer, int index)
        {
            writer.String("state_topic", _topics.Health);
            writer.String("entity_category", "diagnostic");
            switch (index - FirstHealthEntity)
            {
                case 0:
                    writer.String("name", "Tick overruns");
                    writer.String("value_template", "{{ value_json." + HealthFields.TickOverruns + " }}");
                    writer.String("state_class", "total_increasing");
                    writer.String("icon", "mdi:timer-alert-outline");
                    return;
                case 1:
                    writer.String("name", "Longest tick latency");
                    writer.String("value_template", "{{ value_json." + HealthFields.TickLatencyMaximumUsSinceLast + " }}");
                    writer.String("unit_of_measurement", "µs");
                    writer.String("state_class", "measurement");
                    writer.String("icon", "mdi:timer-outline");
                    return;
                case 2:
                    // Telemetry and events, and command replies (counted apart in the message): what did not reach the broker.
                    writer.String("name", "Messages lost");
                    writer.String("value_template", "{{ value_json." + HealthFields.OutboxLostTotal + " + value_json." + HealthFields.OutboxLostReplies + " }}");
                    writer.String("state_class", "total_increasing");
                    writer.String("icon", "mdi:email-remove-outline");
                    return;
                case 3:
                    writer.String("name", "Free native memory");
                    writer.String("value_template", "{{ value_json." + HealthFields.NativeFreeBytes + " }}");
                    writer.String("device_class", "data_size");
                    writer.String("unit_of_measurement", "B");
                    writer.String("state_class", "measurement");
                    return;
                case 4:
                    writer.String("name", "Broker connections");
                    writer.String("value_template", "{{ value_json." + HealthFields.Connections + " }}");
                    writer.String("state_class", "total_increasing");
                    writer.String("icon", "mdi:lan-connect");
                    return;
                default:
                    string tripped = "value_json." + HealthFields.WatchdogTripped;
                    writer.String("name", "Sampling watchdog");
                    writer.String("value_template", "{{ 'None' if " + tripped + " is none else ('tripped' if " + tripped + " else 'ok') }}");
                    writer.String("device_class", "enum");
                    writer.Name("options");
                    writer.BeginArray();
                    writer.StringValue("ok");
                    writer.StringValue("tripped");
                    writer.EndArray();
                    writer.String("icon", "mdi:shield-alert-outline");
                    return;
            }
        }

        private void WriteModuleEntity(JsonByteWriter writer, int index)
        {
            int module;
            int slot = ModuleSlot(index, out module);
            string label = "Module " + module.ToString();
            string when = " if value_json.module == " + module.ToString();
            switch (slot)
            {
                case 0:
                    // The run class from the retained module states, not each cells record's step: pulse and rest
                    // alternate every few seconds, and Home Assistant would record every flip of every module (hundreds of
                    // thousands of state rows a day); a restarted Home Assistant gets this message at once.
                    string state = "value_json.state[" + module.ToString() + "]";
                    writer.String("name", label + " state");
                    writer.String("state_topic", _topics.Modules);
                    writer.String("value_template", "{{ 'None'" + WhenCleared + "('running' if " + state + " in ('pulse', 'rest') else " + state + ") }}");
                    writer.String("device_class", "enum");
                    writer.Name("options");
                    writer.BeginArray();
                    writer.StringValue("running");
                    writer.StringValue(ContractNames.Of(ModuleState.Idle));
                    writer.StringValue(ContractNames.Of(ModuleState.Hold));
                    writer.StringValue(ContractNames.Of(ModuleState.Done));
                    writer.StringValue(ContractNames.Unknown);
                    writer.EndArray();
                    writer.String("icon", "mdi:sine-wave");
                    return;
                case 1:
                    writer.String("name", label + " delivered capacity");
                    writer.String("state_topic", _topics[TopicId.TelemetryPulse]);
                    writer.String("value_template", "{{ (value_json.totalChargeUc / " + _microcoulombsPerMahPerCm2.ToString() + ") | round(4)" + when + IgnoreForeign);
                    writer.String("unit_of_measurement", "mAh/cm²");
                    writer.String("state_class", "measurement");
                    writer.String("icon", "mdi:battery-arrow-up");
                    return;
                case 2:
                    writer.String("name", label + " tuned rest");
                    writer.String("state_topic", _topics[TopicId.TelemetryPulse]);
                    writer.String("value_template", "{{ value_json.tunedRestMs" + when + IgnoreForeign);
                    writer.String("device_class", "duration");
                    writer.String("unit_of_measurement", "ms");
                    writer.String("state_class", "measurement");
                    return;
                case 3:
                    writer.String("name", label + " last event");
                    writer.String("state_topic", _topics[TopicId.Event]);
                    writer.String("value_template", "{{ value_json.kind" + when + KeepState);
                    writer.String("icon", "mdi:alert-circle-outline");
                    return;
                case 4:
                    // One retained message holds every module's entry (an array each), so no module filter is needed.
                    string entry = "[" + module.ToString() + "]";
                    writer.String("name", label + " stop reason");
                    writer.String("state_topic", _topics.Modules);
                    writer.String("value_template", "{{ 'None'" + WhenCleared + "value_json.stopReason" + entry + " }}");
                    writer.String("json_attributes_topic", _topics.Modules);
                    // A stopped module's delivered capacity, final, which a Home Assistant started after the run gets here (the
                    // capacity entity reads the pulse summaries, which are not retained); null for a running module, whose
                    // charge here is as of a state change and grows with every pulse.
                    // The cell the diagnosis latched on, counted in the module from 0 as the cell voltage entities are
                    // ("Module 1 cell 0 voltage"): the message's pack-wide index less the module's first cell; null when
                    // the diagnosis is about no one cell (-1), and for a message of a device before the field.
                    string runState = "value_json.state" + entry;
                    string latchCell = "value_json.cell" + entry;
                    writer.String("json_attributes_template", "{{ ({}" + WhenCleared + "{'state': " + runState + ", 'diagnosis': value_json.diagnosis" + entry
                        + ", 'cell': none if value_json.cell is not defined or " + latchCell + " < 0 else " + latchCell + " - " + (module * _cellsPerModule).ToString()
                        + ", 'delivered_mah_cm2': none if " + runState + " in ('pulse', 'rest') else (value_json.totalChargeUc" + entry + " / "
                        + _microcoulombsPerMahPerCm2.ToString() + ") | round(4)}) | tojson }}");
                    writer.String("device_class", "enum");
                    writer.Name("options");
                    writer.BeginArray();
                    for (int reason = 0; ContractNames.Of((StopReason)reason) != ContractNames.Unknown; reason++)
                    {
                        writer.StringValue(ContractNames.Of((StopReason)reason));
                    }

                    writer.StringValue(ContractNames.Unknown);
                    writer.EndArray();
                    writer.String("icon", "mdi:stop-circle-outline");
                    return;
                case LowestCellSlot:
                    // The interval's extremes (cellMinMv, cellMaxMv), not the sampled voltages: a 1 s sample misses the
                    // peak of a 1 s pulse and the trough of a rest, where depletion and a short show first. Of the cells
                    // that read valid: an invalid cell's values repeat its last valid reading (CONTRACT.md, telemetry/cells).
                    WriteVoltage(writer, label + " lowest cell voltage", ValidCellsTemplate("cellMinMv", "min", module));
                    return;
                case LowestCellSlot + 1:
                    WriteVoltage(writer, label + " highest cell voltage", ValidCellsTemplate("cellMaxMv", "max", module));
                    return;
                default:
                    int cell = slot - ModuleEntities;
                    WriteVoltage(writer, label + " cell " + cell.ToString() + " voltage", "{{ value_json.cellVoltageMv[" + cell.ToString() + "]" + when + IgnoreForeign);
                    if (_modules * _cellsPerModule > CellEntitiesEnabledUpToCells)
                    {
                        writer.Boolean("enabled_by_default", false);
                    }

                    return;
            }
        }

        /// <summary>
        /// The lowest (<paramref name="filter"/> min) or highest (max) of <paramref name="field"/> over the module's cells
        /// that are not in the message's invalid list; '' on another module's message or when no cell read valid.
        /// </summary>
        private string ValidCellsTemplate(string field, string filter, int module)
        {
            string first = (module * _cellsPerModule).ToString();
            return "{% if value_json.module == " + module.ToString() + " %}{% set valid = namespace(mv=[]) %}{% for mv in value_json." + field
                + " %}{% if " + first + " + loop.index0 not in value_json.invalid %}{% set valid.mv = valid.mv + [mv] %}{% endif %}{% endfor %}"
                + "{% if valid.mv %}{{ valid.mv | " + filter + " }}{% endif %}{% endif %}";
        }

        /// <summary>
        /// The second availability of an entity read from telemetry/cells: the module's messages say 'offline' while the
        /// cell (for the lowest and highest cell voltage: every cell of the module) is in their invalid list, 'online'
        /// otherwise; other modules' messages render '', which Home Assistant's availability ignores (it keeps its state).
        /// </summary>
        private void WriteCellsAvailability(JsonByteWriter writer, int module, int slot)
        {
            string invalid;
            if (slot >= ModuleEntities)
            {
                invalid = ((module * _cellsPerModule) + slot - ModuleEntities).ToString() + " in value_json.invalid";
            }
            else
            {
                invalid = "value_json.invalid | length == " + _cellsPerModule.ToString();
            }

            writer.BeginObject();
            writer.String("topic", _topics[TopicId.TelemetryCells]);
            writer.String("value_template", "{{ ('offline' if " + invalid + " else 'online') if value_json.module == " + module.ToString() + IgnoreForeign);
            writer.String("payload_available", "online");
            writer.String("payload_not_available", "offline");
            writer.EndObject();
        }

        /// <summary>
        /// A second availability on the retained config, which a boot that runs no control loop clears with an empty
        /// message. <paramref name="valueTemplate"/> is <see cref="ControlLoopRuns"/> for an entity read from the pulse
        /// summaries or the events: Home Assistant leaves value_json undefined on the cleared message ('offline'), so the
        /// earlier boot's last pulse and events show unavailable. It is <see cref="AnyConfigMessage"/> for Mode, which shows
        /// <see cref="NoControlLoop"/> on the cleared message. Either way, with availability_mode all, a topic with no
        /// retained message (cleared before Home Assistant subscribed) counts as not available: unavailable, not unknown.
        /// </summary>
        private void WriteConfigAvailability(JsonByteWriter writer, string valueTemplate)
        {
            writer.BeginObject();
            writer.String("topic", _topics[TopicId.Config]);
            writer.String("value_template", valueTemplate);
            writer.String("payload_available", "online");
            writer.String("payload_not_available", "offline");
            writer.EndObject();
        }

        private void WriteVoltage(JsonByteWriter writer, string name, string valueTemplate)
        {
            writer.String("name", name);
            writer.String("state_topic", _topics[TopicId.TelemetryCells]);
            writer.String("value_template", valueTemplate);
            writer.String("device_class", "voltage");
            writer.String("unit_of_measurement", "mV");
            writer.String("state_class", "measurement");
        }

        private int ModuleSlot(int index, out int module)
        {
            int perModule = ModuleEntities + _cellsPerModule;
            int offset = index - DeviceEntities;
            module = offset / perModule;
            return offset % perModule;
        }
    }
}
