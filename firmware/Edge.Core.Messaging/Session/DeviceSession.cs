// Licensed under the MIT License.

using System;
using Edge.Core.Annotations;
using Edge.Core.Commands;
using Edge.Core.Records;
using Edge.Core.Sampling;
using Edge.Core.Session.HomeAssistant;
using Edge.Core.Telemetry.Encoding;
using Edge.Core.Telemetry.Outbox;

namespace Edge.Core.Session
{
    /// <summary>
    /// One device's MQTT session, as the contract (Telemetry/CONTRACT.md) describes it, shared by the
    /// firmware and the simulator: connect as edge-&lt;deviceId&gt; with the retained "offline" status as Last
    /// Will, subscribe cmd/+, publish the retained status "online" and config, then pump the outbox,
    /// answer commands on cmd/result, republish the config after every applied change and on getConfig, publish the
    /// retained telemetry/modules message (every module's state, stop reason and latching diagnosis) on every connection and
    /// whenever one of them changes,
    /// publish the Home Assistant discovery configs, and after any failure retry with one
    /// <see cref="ReconnectBackoff"/>. No I/O of its own: the <see cref="IBrokerConnection"/> is the client.
    /// <para>
    /// Threads: <see cref="Service"/> on one network thread, which may block inside the connection's
    /// Open; <see cref="Receive"/> on the client's thread (it only queues). The control loop never waits
    /// for either. The steady-state path (a pass with nothing to connect) allocates nothing.
    /// </para>
    /// </summary>
    public sealed class DeviceSession : IExtraTopicPublisher
    {
        /// <summary>The reply to a command refused because the inbox was full.</summary>
        public const string RefusedMessage = "not executed: too many commands arrived at once; send it again";

        /// <summary>The reply to every command of a boot that runs no control loop (its board or settings failed).</summary>
        public const string NoControlLoopMessage = "control loop not running (board or hardware error)";

        // A field, not a literal: on nanoCLR every literal load allocates, and Service runs on every pass.
        private static readonly string ConnectionLostText = "connection lost";
        private static readonly string ConnectionStalledText = "connection stalled: the client took no message for a keep-alive period";

        private const string ClientIdPrefix = "edge-";

        // How long a session must stay up before the back-off starts over when keep-alive is off (0), ms.
        private const long StableWithoutKeepAliveMs = 60000;

        private readonly TopicSet _topics;
        private readonly string _bootId;
        private readonly SessionSettings _settings;
        private readonly IBrokerConnection _connection;
        private readonly MessageOutbox _outbox;
        private readonly EdgeController _controller;
        private readonly CommandHandler _commands;
        private readonly TelemetryPublisher _publisher;
        private readonly DiscoveryPublisher _discovery;

        // The retained telemetry/modules message (null without a control loop), and whether this connection still owes it.
        private readonly ModuleStatesWatch _moduleStates;
        private bool _moduleStatesDue;

        // Discovery off: the configs an earlier boot may have left retained, to be cleared once per boot.
        private readonly DiscoveryPublisher _withdrawal;
        private bool _withdrawalDue;

        // The layout announced by an earlier boot: where the present one is stored, the configs that layout had and this
        // one lacks (null: none), a store still to do, and whether this connection has yet to clear and store.
        private IAnnouncedLayoutStore _layoutStore;
        private DiscoveryPublisher _ghosts;
        private bool _layoutStoreDue;
        private bool _ghostsDue;
        private readonly CommandInbox _inbox = new CommandInbox();

        // A boot without a control loop has no command handler, yet reads each command's id for its refusal: the sender
        // matches replies by id. Null with a handler.
        private readonly CommandLimits _idLimits;
        private readonly CommandJsonReader _idReader;
        private readonly CommandBody _idBody;
        private readonly ReconnectBackoff _backoff;
        private readonly JsonByteWriter _writer = new JsonByteWriter();
        private readonly byte[] _offlineStatus;
        private byte[] _scratch;
        private bool _online;
        private long _nextAttemptMs;
        private long _openedAtMs;
        private bool _attemptScheduled;
        private long _suspendedUntilMs;
        private int _publishedRevision = -1;
        private bool _discoveryDue;

        // Device time since which every pump found the client refusing messages while it still reported connected.
        private bool _refusing;
        private long _refusingSinceMs;

        /// <summary>
        /// Wires a session. <paramref name="controller"/>, <paramref name="commands"/> and
        /// <paramref name="publisher"/> are null while the device has no control loop (a board error): the
        /// session still connects and reports, publishes no config and refuses every command.
        /// </summary>
        public DeviceSession(TopicSet topics, string bootId, SessionSettings settings, IBrokerConnection connection, MessageOutbox outbox, EdgeController controller, CommandHandler commands, TelemetryPublisher publisher)
        {
            _topics = topics ?? throw new ArgumentNullException(nameof(topics));
            if (!TopicSet.IsValidDeviceId(bootId))
            {
                throw new ArgumentException("boot id must be 1 to 32 letters, digits, '-' or '_'", nameof(bootId));
            }

            _bootId = bootId;
            _settings = settings ?? throw new ArgumentNullException(nameof(settings));
            _connection = connection ?? throw new ArgumentNullException(nameof(connection));
            _outbox = outbox ?? throw new ArgumentNullException(nameof(outbox));
            _controller = controller;
            _commands = commands;
            _publisher = publisher;
            _backoff = new ReconnectBackoff(settings.InitialBackoffMs, settings.MaximumBackoffMs);
            ClientId = ClientIdPrefix + topics.DeviceId;
            int steps = controller == null ? 0 : controller.Configuration.Protocol.Steps.Length;
            int maximumSteps = new CommandLimits().MaximumArrayItems;
            _scratch = new byte[ConfigEncoder.MaximumBytes(steps > maximumSteps ? steps : maximumSteps)];
            if (controller != null)
            {
                _moduleStates = new ModuleStatesWatch(controller);
                if (_scratch.Length < _moduleStates.MaximumBytes)
                {
                    _scratch = new byte[_moduleStates.MaximumBytes];
                }
            }

            if (commands == null)
            {
                _idLimits = new CommandLimits();
                _idReader = new CommandJsonReader(_idLimits);
                _idBody = new CommandBody(_idLimits.MaximumFields);
            }

            _offlineStatus = EncodeStatusCopy(false);
            if (controller != null && controller.Configuration.Telemetry.HomeAssistantDiscovery)
            {
                _discovery = new DiscoveryPublisher(topics, controller.Layout, controller.Configuration.Protocol.ElectrodeAreaCm2, controller.Configuration.Telemetry.CellVoltagePeriodMs);
            }
            else if (controller != null)
            {
                // Home Assistant keeps a discovered device, and rebuilds it after each restart, for as long as its
                // retained configs stay on the broker: switching discovery off must clear them (an empty retained message).
                _withdrawal = new DiscoveryPublisher(topics, controller.Layout, controller.Configuration.Protocol.ElectrodeAreaCm2, controller.Configuration.Telemetry.CellVoltagePeriodMs);
                _withdrawalDue = true;
            }
        }

        /// <summary>MQTT client id: edge-&lt;deviceId&gt; (contract).</summary>
        public string ClientId { get; }

        /// <summary>The topics of this device.</summary>
        public TopicSet Topics => _topics;

        /// <summary>True between a completed open and the next failure or close.</summary>
        public bool IsOnline => _online;

        /// <summary>Outbox messages handed to the client since start.</summary>
        public long PublishedCount { get; private set; }

        /// <summary>Sessions opened since start.</summary>
        public int ConnectionCount { get; private set; }

        /// <summary>Back-off state: failures and short-lived sessions since the last session that stayed up for a keep-alive period.</summary>
        public ReconnectBackoff Backoff => _backoff;

        /// <summary>How the latest attempt ended (<see cref="ConnectOutcome.Accepted"/> before any).</summary>
        public ConnectOutcome LastOutcome { get; private set; }

        /// <summary>Why the latest attempt failed, in words, or null.</summary>
        public string LastError { get; private set; }

        /// <summary>Received commands waiting for the network thread.</summary>
        public CommandInbox Inbox => _inbox;

        /// <summary>Device time of the next connection attempt while offline, ms.</summary>
        public long NextAttemptMs => _nextAttemptMs;

        /// <summary>The Home Assistant discovery publisher, or null when discovery is off.</summary>
        public DiscoveryPublisher Discovery => _discovery;

        /// <summary>
        /// Hands over the layout whose discovery configs the device announced last, as <paramref name="store"/> kept it
        /// (<paramref name="modules"/> 0: none kept, or a record that did not read), before the first
        /// <see cref="Service"/>. When that layout had entities the present one lacks (more modules, or more cells in the
        /// modules still there), the first connection whose discovery configs (or, with discovery off, their
        /// withdrawal) were all handed to the client also clears exactly those configs (an empty retained message on
        /// each, QoS 1); then the present layout goes to <paramref name="store"/>. A connection lost before both are
        /// done leaves them to the next. Nothing is stored while the remembered layout is the present one, and nothing
        /// happens without a control loop (no layout).
        /// </summary>
        public void RememberAnnouncedLayout(int modules, int cellsPerModule, IAnnouncedLayoutStore store)
        {
            if (store == null)
            {
                throw new ArgumentNullException(nameof(store));
            }

            if (modules < 0 || cellsPerModule < 0 || (modules > 0 && (cellsPerModule == 0 || (long)modules * cellsPerModule > PackLayout.MaximumCellCount)))
            {
                throw new ArgumentOutOfRangeException(nameof(modules), "remembered layout " + modules.ToString() + " x " + cellsPerModule.ToString()
                    + " is no layout: 0 x 0 (none) or 1 to " + PackLayout.MaximumCellCount.ToString() + " cells in all");
            }

            if (_controller == null)
            {
                return;
            }

            PackLayout layout = _controller.Layout;
            if (modules == layout.ModuleCount && cellsPerModule == layout.CellsPerModule)
            {
                return;
            }

            _layoutStore = store;
            _layoutStoreDue = true;
            _ghosts = modules > layout.ModuleCount || (modules > 0 && cellsPerModule > layout.CellsPerModule)
                ? new DiscoveryPublisher(_topics, new PackLayout(modules, cellsPerModule, 0), _controller.Configuration.Protocol.ElectrodeAreaCm2, _controller.Configuration.Telemetry.CellVoltagePeriodMs)
                : null;
        }

        /// <summary>
        /// A message arrived on a subscription (client's thread, never blocks): commands are queued for the
        /// network thread, Home Assistant's "online" announcement schedules the discovery configs again.
        /// <paramref name="retained"/> is the retain flag as delivered. False when the inbox was full.
        /// </summary>
        public bool Receive(string topic, byte[] payload, bool retained)
        {
            if (topic == null)
            {
                return false;
            }

            if (_discovery != null && topic == DiscoveryTopics.HomeAssistantStatus)
            {
                if (DiscoveryPublisher.IsOnlineAnnouncement(payload))
                {
                    _discoveryDue = true;
                }

                return true;
            }

            if (topic == _topics[TopicId.CommandResult])
            {
                // The device's own replies come back on its cmd/+ subscription: ignored (the verb result is reserved)
                // before the inbox, where in a flood each took a slot or a refusal's place from a command and was
                // counted in commands_refused.
                return true;
            }

            if (payload == null || payload.Length == 0)
            {
                // An empty message is how MQTT deletes a retained one: what an operator publishes to clear a retained
                // command, which the broker also forwards to the device. No command, so no reply and nothing changed.
                return true;
            }

            return _inbox.TryAdd(topic, payload, retained);
        }

        /// <summary>
        /// One pass of the network thread at device time <paramref name="nowMs"/>: while offline, an attempt
        /// once the back-off has passed; while online, commands, config, discovery and the outbox.
        /// </summary>
        [HotPath]
        public SessionStep Service(long nowMs)
        {
            if (!_online)
            {
                if (nowMs < _suspendedUntilMs || (_attemptScheduled && nowMs < _nextAttemptMs))
                {
                    return SessionStep.Waiting;
                }

                if (TryOpen() == ConnectOutcome.Accepted)
                {
                    _openedAtMs = nowMs;
                    return SessionStep.Opened;
                }

                ScheduleRetry(nowMs);
                return SessionStep.OpenFailed;
            }

            if (_backoff.FailureCount > 0 && nowMs - _openedAtMs >= StableSessionMs())
            {
                _backoff.Reset();
            }

            if (!_connection.IsConnected)
            {
                LastOutcome = ConnectOutcome.BrokerUnreachable;
                LastError = ConnectionLostText;
                EndSession(false);
                ScheduleRetry(nowMs);
                return SessionStep.Lost;
            }

            bool sent = Pump();
            if (IsStalled(nowMs))
            {
                // A half-open TCP connection (the site's Wi-Fi went without a reset) or a broker that stopped reading:
                // the client's queue stays full, its keep-alive ping waits behind the blocked send, and the socket may
                // take many minutes to fail. Dropped like a lost connection: the broker publishes the Last Will, and
                // the outbox resends what was in flight after the reconnect.
                LastOutcome = ConnectOutcome.BrokerUnreachable;
                LastError = ConnectionStalledText;
                EndSession(false);
                ScheduleRetry(nowMs);
                return SessionStep.Lost;
            }

            return sent ? SessionStep.Sent : SessionStep.Idle;
        }

        /// <summary>
        /// One attempt to open a session: connect with the Last Will, subscribe cmd/+ (and Home Assistant's
        /// status when discovery is on), publish status "online" and the config (retained), queue the
        /// discovery configs. Any failure closes the connection again and is kept in <see cref="LastOutcome"/>.
        /// </summary>
        public ConnectOutcome TryOpen()
        {
            ConnectOutcome outcome = _connection.Open(ClientId, _settings.Username, _settings.Password, _settings.KeepAliveS, _topics[TopicId.Status], _offlineStatus);
            string error = _connection.LastError;
            if (outcome == ConnectOutcome.Accepted)
            {
                if (!_connection.Subscribe(_topics.CommandFilter) || (_discovery != null && !_connection.Subscribe(DiscoveryTopics.HomeAssistantStatus)))
                {
                    outcome = ConnectOutcome.SubscriptionRefused;
                    error = _connection.LastError;
                }
                else if (!PublishStatus(true) || !PublishConfig())
                {
                    outcome = ConnectOutcome.PublishFailed;
                    error = "status or config could not be published";
                }
            }

            LastOutcome = outcome;
            if (outcome != ConnectOutcome.Accepted)
            {
                LastError = error == null ? Describe(outcome) : error;
                _connection.Close(true);
                _outbox.ConnectionLost();
                return outcome;
            }

            LastError = null;
            _outbox.ConnectionOpened();
            _online = true;
            _attemptScheduled = false;
            _discoveryDue = _discovery != null;
            _moduleStatesDue = _moduleStates != null;
            _ghostsDue = _layoutStoreDue;
            ConnectionCount++;

            // No back-off reset here: a broker that accepts and then drops the connection at once (another device with
            // the same client id, an ACL that disconnects on a publish) would otherwise be retried every initial delay
            // forever. The schedule starts over once the session has stayed up (Service).
            return outcome;
        }

        /// <summary>
        /// One pass over an open session: received commands and their replies, the config when a change was
        /// applied or asked for, the discovery configs when due, then one outbox budget. True when anything
        /// went out.
        /// </summary>
        [HotPath]
        public bool Pump()
        {
            bool sent = false;
            string topic;
            byte[] payload;
            bool retained;
            while (_inbox.TryTake(out topic, out payload, out retained))
            {
                sent |= HandleCommand(topic, payload, retained, false);
            }

            while (_inbox.TryTakeRefused(out topic, out payload, out retained))
            {
                sent |= HandleCommand(topic, payload, retained, true);
            }

            bool configRequested = _commands != null && _commands.TakeConfigRequest();
            if (_controller != null && (configRequested || _controller.ConfigurationRevision != _publishedRevision))
            {
                sent |= PublishConfig();
            }

            if (_withdrawalDue && _withdrawal != null && WithdrawDiscovery())
            {
                _withdrawalDue = false;
                sent = true;
            }

            if (_discoveryDue && _discovery != null)
            {
                _discoveryDue = false;
                if (PublishDiscovery())
                {
                    sent = true;
                }
                else
                {
                    _discoveryDue = true;
                }
            }

            // Once this connection's configs (or their withdrawal) are handed over: the configs of a larger layout announced
            // before, then the present layout is remembered. Stored only after every clearing went, so a connection lost
            // half-way leaves the rest to the next; a store that fails waits for the next connection too (flash wear).
            if (_ghostsDue && (_discovery != null ? !_discoveryDue : !_withdrawalDue) && (_ghosts == null || WithdrawGhosts()))
            {
                _ghostsDue = false;
                sent |= _ghosts != null;
                if (_layoutStore.Store(_controller.Layout.ModuleCount, _controller.Layout.CellsPerModule))
                {
                    _layoutStoreDue = false;
                    _ghosts = null;
                }
            }

            // Retained: a consumer that subscribes after a module went to hold learns why from it, not from the next change.
            if (_moduleStates != null && (_moduleStates.Refresh() || _moduleStatesDue))
            {
                _moduleStatesDue = !PublishModuleStates();
                sent |= !_moduleStatesDue;
            }

            int pumped = _outbox.Pump(_connection);
            if (pumped > 0)
            {
                PublishedCount += pumped;
                sent = true;
            }

            return sent;
        }

        /// <summary>
        /// End of the session (shutdown, boot failure): the retained status "offline", then the connection is dropped
        /// without DISCONNECT. Safe when offline.
        /// </summary>
        public void Close()
        {
            if (_online && _connection.IsConnected)
            {
                _connection.PublishTo(_topics[TopicId.Status], _offlineStatus, 0, _offlineStatus.Length, 1, true);
            }

            // The publish is only queued (M2Mqtt sends it from its own thread) and a DISCONNECT can reach the broker
            // first; a DISCONNECT also cancels the Last Will, so the broker would keep the retained "online". Dropped
            // instead, the broker publishes the Last Will, which is the same retained "offline".
            EndSession(false);
        }

        /// <summary>
        /// Drops the connection as a network failure would (no DISCONNECT: the broker publishes the Last
        /// Will) and makes no attempt before device time <paramref name="untilMs"/>. The simulator's broker
        /// outage; on a device, a way to take the radio off the air.
        /// </summary>
        public void Suspend(long untilMs)
        {
            _suspendedUntilMs = untilMs;
            if (_online)
            {
                EndSession(false);
            }

            LastOutcome = ConnectOutcome.NetworkUnavailable;
            LastError = "suspended";
        }

        /// <summary>Ends a <see cref="Suspend"/>: the next pass connects again (the back-off still applies after failures).</summary>
        public void Resume()
        {
            _suspendedUntilMs = 0;
            _attemptScheduled = false;
        }

        /// <summary>Publishes on a topic outside the contract (the firmware's health and device events) while online.</summary>
        public int PublishExtra(string topic, byte[] payload, int offset, int count, int qos)
        {
            return _online ? _connection.PublishTo(topic, payload, offset, count, qos, false) : -1;
        }

        private static string Describe(ConnectOutcome outcome)
        {
            switch (outcome)
            {
                case ConnectOutcome.NetworkUnavailable:
                    return "network unavailable";
                case ConnectOutcome.BrokerUnreachable:
                    return "broker unreachable";
                case ConnectOutcome.TlsFailed:
                    return "TLS handshake failed";
                case ConnectOutcome.BadCredentials:
                    return "bad user name or password";
                case ConnectOutcome.NotAuthorized:
                    return "not authorised";
                case ConnectOutcome.SubscriptionRefused:
                    return "subscription refused (ACL)";
                case ConnectOutcome.PublishFailed:
                    return "publish failed";
                default:
                    return "refused by the broker";
            }
        }

        /// <summary>True once the client has refused every message offered for a whole keep-alive period.</summary>
        private bool IsStalled(long nowMs)
        {
            if (!_outbox.LastPumpRefused)
            {
                _refusing = false;
                return false;
            }

            if (!_refusing)
            {
                _refusing = true;
                _refusingSinceMs = nowMs;
                return false;
            }

            return _settings.KeepAliveS > 0 && nowMs - _refusingSinceMs >= _settings.KeepAliveS * 1000L;
        }

        /// <summary>How long a session must stay up before the back-off starts over: one keep-alive period, ms.</summary>
        private long StableSessionMs()
        {
            return _settings.KeepAliveS > 0 ? _settings.KeepAliveS * 1000L : StableWithoutKeepAliveMs;
        }

        private void ScheduleRetry(long nowMs)
        {
            _nextAttemptMs = nowMs + _backoff.NextDelayMs();
            _attemptScheduled = true;
        }

        private void EndSession(bool sendDisconnect)
        {
            _online = false;
            _refusing = false;
            _connection.Close(sendDisconnect);
            _outbox.ConnectionLost();
        }

        /// <summary>
        /// Answers one command on cmd/result: executed, or, when the full inbox <paramref name="refused"/> it, answered
        /// as not executed so that its sender sends it again (a retained one gets the reply of any retained command,
        /// which is never executed either).
        /// </summary>
        private bool HandleCommand(string topic, byte[] payload, bool retained, bool refused)
        {
            string verb = _topics.VerbOf(topic);
            if (verb == null || verb == CommandHandler.ResultVerb)
            {
                return false;
            }

            int length;
            int retainedRefused = _commands == null ? 0 : _commands.RetainedRefusedCount;
            if (_commands == null)
            {
                length = CommandResultEncoder.EncodeInto(_writer, _scratch, ReadableId(payload), verb, "$", NoControlLoopMessage);
            }
            else
            {
                length = refused && !retained
                    ? _commands.RefuseAndEncode(verb, payload, RefusedMessage, _writer, _scratch)
                    : _commands.HandleAndEncode(verb, payload, 0, payload.Length, retained, _writer, _scratch);
            }

            // One event per retained command refused: the broker's replay of one refused already (a reconnect) is a repeat.
            if (retained && _publisher != null && (_commands == null || _commands.RetainedRefusedCount != retainedRefused))
            {
                _publisher.ReportEvent(EventKind.RetainedCommand, Severity.Warning, _commands == null ? 0 : _commands.RetainedRefusedCount, 0);
            }

            if (length < 0)
            {
                // Only a reply that not even the stand-in refusal fits, which the scratch buffer rules out.
                return false;
            }

            // Through the outbox, kept until the broker acknowledges it: the command's own PUBACK has gone, so the
            // sender will not send it again, and a reply lost with the connection would leave it without one. The
            // outbox sends it again after a reconnect; it goes out in this pass's pump. Every reply fits a slot of the
            // contract's size (CommandResultEncoder.MaximumBytes); one that finds no free slot (a flood of commands: it
            // would evict another reply), or an outbox built with smaller slots, goes straight out instead.
            if (length <= _outbox.SlotBytes && _outbox.FreeCount > 0 && _outbox.Enqueue(TopicId.CommandResult, 1, false, 0, MessageOutbox.ReplyPriority, _scratch, 0, length))
            {
                return true;
            }

            return _connection.Publish(TopicId.CommandResult, _scratch, 0, length, 1, false) >= 0;
        }

        /// <summary>
        /// The command's id as a command handler reads it (a string of 1 to 64 characters among the fields read before any
        /// error), or null, for the refusal of a boot without a control loop: with null the sender could not tell which
        /// of its commands was refused.
        /// </summary>
        private string ReadableId(byte[] payload)
        {
            if (payload == null || payload.Length > _idLimits.MaximumPayloadBytes)
            {
                return null;
            }

            string field;
            string error;
            _idReader.TryRead(payload, 0, payload.Length, _idBody, out field, out error);
            int index = _idBody.IndexOf("id");
            if (index < 0 || _idBody.KindAt(index) != JsonValueKind.String)
            {
                return null;
            }

            string id = _idBody.TextAt(index);
            return id.Length > 0 && id.Length <= _idLimits.MaximumIdChars ? id : null;
        }

        private bool PublishStatus(bool online)
        {
            _writer.Reset(_scratch, 0, _scratch.Length);
            StatusEncoder.Encode(_writer, online, _bootId);
            return _connection.Publish(TopicId.Status, _scratch, 0, _writer.Length, 1, true) >= 0;
        }

        private bool PublishConfig()
        {
            if (_controller == null)
            {
                // No control loop this boot (its board or settings failed), yet its status says online: the config and
                // module states an earlier boot left retained would pass for this boot's (a module held for a reason that
                // no longer runs). Cleared with an empty retained message each, so consumers show none.
                return _connection.Publish(TopicId.Config, _scratch, 0, 0, 1, true) >= 0
                    && _connection.PublishTo(_topics.Modules, _scratch, 0, 0, 1, true) >= 0;
            }

            int revision = _controller.ConfigurationRevision;
            int needed = ConfigEncoder.MaximumBytes(_controller.Configuration.Protocol.Steps.Length);
            if (_scratch.Length < needed)
            {
                // Only a configuration longer than any command can set gets here, once.
                _scratch = new byte[needed];
            }

            _writer.Reset(_scratch, 0, _scratch.Length);
            ConfigEncoder.Encode(_writer, _controller.Configuration, _controller.Layout, _bootId, revision);
            if (_writer.Overflowed || _connection.Publish(TopicId.Config, _scratch, 0, _writer.Length, 1, true) < 0)
            {
                return false;
            }

            _publishedRevision = revision;
            return true;
        }

        private bool PublishModuleStates()
        {
            _writer.Reset(_scratch, 0, _scratch.Length);
            _moduleStates.Encode(_writer, _bootId);
            return !_writer.Overflowed && _connection.PublishTo(_topics.Modules, _scratch, 0, _writer.Length, 1, true) >= 0;
        }

        private bool PublishDiscovery()
        {
            for (int i = 0; i < _discovery.Count; i++)
            {
                int length = _discovery.Encode(i, _writer, _scratch);
                if (length < 0)
                {
                    continue;
                }

                if (_connection.PublishTo(_discovery.TopicOf(i), _scratch, 0, length, 1, true) < 0)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Clears every discovery config of this layout from the broker; false when a publish failed (tried again next pass).</summary>
        private bool WithdrawDiscovery()
        {
            for (int i = 0; i < _withdrawal.Count; i++)
            {
                if (_connection.PublishTo(_withdrawal.TopicOf(i), _scratch, 0, 0, 1, true) < 0)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// Clears the configs of the remembered layout's entities that the present layout lacks; false when a publish
        /// failed (tried again next pass, or at the next connection).
        /// </summary>
        private bool WithdrawGhosts()
        {
            PackLayout layout = _controller.Layout;
            for (int i = 0; i < _ghosts.Count; i++)
            {
                if (_ghosts.ExistsIn(i, layout.ModuleCount, layout.CellsPerModule))
                {
                    continue;
                }

                if (_connection.PublishTo(_ghosts.TopicOf(i), _scratch, 0, 0, 1, true) < 0)
                {
                    return false;
                }
            }

            return true;
        }

        private byte[] EncodeStatusCopy(bool online)
        {
            _writer.Reset(_scratch, 0, _scratch.Length);
            StatusEncoder.Encode(_writer, online, _bootId);
            byte[] copy = new byte[_writer.Length];
            Array.Copy(_scratch, 0, copy, 0, _writer.Length);
            return copy;
        }
    }
}
