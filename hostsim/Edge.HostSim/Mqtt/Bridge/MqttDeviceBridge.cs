// Licensed under the MIT License.

using System.Security.Cryptography;
using Edge.Core;
using Edge.Core.Boards;
using Edge.Core.Commands;
using Edge.Core.Records;
using Edge.Core.Session;
using Edge.Core.Telemetry.Encoding;
using Edge.Core.Telemetry.Outbox;
using Edge.HostSim.Faults;
using Edge.HostSim.Simulation;

namespace Edge.HostSim.Mqtt.Bridge
{
    /// <summary>
    /// Puts a simulated run on a broker as the firmware does: builds the core's <see cref="MessageOutbox"/>,
    /// <see cref="TelemetryPublisher"/> and <see cref="CommandHandler"/> for the run's controller and runs the
    /// core's device session through <see cref="EdgeMqttBridge"/>. What it adds for the simulator: attaching
    /// from a run observer on the first tick, waking the network thread on every tick with records, the
    /// scenario's broker outages (in simulated time), flushing at the end of a run, a check of the broker
    /// before the run, and counters for tests and benchmarks.
    /// <para>
    /// The control loop only encodes into the outbox and sets an event in <see cref="OnTick"/>; it never
    /// waits for the network. With the broker gone the outbox fills and evicts telemetry as on the device.
    /// </para>
    /// </summary>
    public sealed class MqttDeviceBridge : IDisposable
    {
        private readonly MqttBridgeOptions _options;
        private readonly TopicSet _topics;
        private EdgeMqttBridge? _bridge;
        private MessageOutbox? _outbox;
        private TelemetryPublisher? _publisher;
        private SimulatedHealth? _health;
        private string? _healthTopic;

        // Set by the network thread when a session opens: the firmware sends a health message as soon as it is online.
        private volatile bool _connectedSinceHealth;
        private int _minimumFree = int.MaxValue;
        private int _connections;
        private int _disposed;
        private bool _inOutage;
        private string? _lastFailure;

        // The buffer and device time of the last tick published (tick thread), for the last tick's telemetryOverflow
        // at the end of the run (Flush), and whether it was sent.
        private TelemetryBuffer? _lastTelemetry;
        private long _lastTickMs;
        private bool _lastTickOverflowSent;
        private int _finalOverflowReports;

        // The check's connection, kept subscribed to the device's commands from the check until the device's own session
        // has subscribed, so that no command sent meanwhile is lost; what it gets goes to the session (or waits for it).
        private readonly object _checkLock = new object();
        private readonly List<(string Topic, byte[] Payload)> _commandsForDevice = new List<(string Topic, byte[] Payload)>();
        private MqttNetConnection? _check;
        private DeviceSession? _checkTarget;

        /// <param name="options">Broker and device settings.</param>
        public MqttDeviceBridge(MqttBridgeOptions options)
        {
            _options = options ?? throw new ArgumentNullException(nameof(options));
            _topics = new TopicSet(options.DeviceId);
            options.Endpoint().Validate();
            BootId = options.BootId ?? Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant();
        }

        /// <summary>A connection attempt failed (network thread): why, and the details.</summary>
        public event Action<ConnectOutcome, string>? ConnectionFailed;

        /// <summary>An open session was lost (network thread): why, and the wait before the next attempt, ms (-1: a scenario's broker outage, until it ends).</summary>
        public event Action<string, long>? ConnectionLost;

        /// <summary>
        /// The run's first tick waited <see cref="MqttBridgeOptions.FirstConnectionWaitMs"/> for the first connection attempt
        /// and it had not ended (tick thread): the broker's address and the wait, ms. The run goes on and the attempt with it.
        /// </summary>
        public event Action<string, int>? FirstConnectionLate;

        /// <summary>A session was opened (network thread), after <see cref="Connections"/> has counted it.</summary>
        public event Action? Connected;

        public string BootId { get; }

        public string DeviceId => _options.DeviceId;

        public TopicSet Topics => _topics;

        public bool IsConnected => _bridge != null && _bridge.IsConnected;

        /// <summary>The core outbox (after <see cref="Attach"/>).</summary>
        public MessageOutbox? Outbox => _outbox;

        /// <summary>The session adapter (after <see cref="Attach"/>).</summary>
        public EdgeMqttBridge? Session => _bridge;

        /// <summary>Messages handed to the client from the outbox so far.</summary>
        public long PublishedCount => _bridge == null ? 0 : _bridge.PublishedCount;

        /// <summary>Stream messages numbered by the publisher so far (sent or not).</summary>
        public long EnqueuedCount
        {
            get
            {
                long sum = 0;
                for (int s = 0; s < TopicSet.StreamCount; s++)
                {
                    sum += LastSeq((TopicId)s);
                }

                return sum;
            }
        }

        /// <summary>The seq the last numbered message of a stream carried (0: none yet).</summary>
        public long LastSeq(TopicId stream) => _publisher == null ? 0 : _publisher.NextSeq(stream) - 1;

        /// <summary>Fewest free outbox slots seen after a tick (how close the outbox came to evicting).</summary>
        public int MinimumFreeSlots => Volatile.Read(ref _minimumFree);

        /// <summary>Successful (re)connections so far.</summary>
        public int Connections => Volatile.Read(ref _connections);

        /// <summary>The latest failed attempt's reason, or null when none failed.</summary>
        public string? LastFailure => Volatile.Read(ref _lastFailure);

        /// <summary>True while a scheduled broker outage keeps the device off the broker.</summary>
        public bool InOutage => _inOutage;

        /// <summary>
        /// Before a run: one connection as this device, with its credentials and TLS settings, subscribing to its
        /// commands. Throws <see cref="BrokerConnectionException"/> saying why when the broker cannot be reached or
        /// refuses (bad password, TLS, ACL), so a command line can stop at once. The check connects under
        /// <see cref="CheckClientId"/>, not the device's client id: a CONNECT with the id of a live client takes its
        /// session over, which would throw that client (another run, a device) off the broker.
        /// <para>
        /// The check takes no command away from the device: its connection stays subscribed until the device's own
        /// session has subscribed (at the first connection after <see cref="Attach(EdgeController)"/>), and every live
        /// command it receives meanwhile goes to that session, which answers it as one it received itself. A retained
        /// one it leaves alone: the broker replays it to the device's subscription. A command sent in the moment the
        /// device subscribes may reach it both ways; its id makes the second a repeat (same reply, executed once).
        /// </para>
        /// </summary>
        public void VerifyBrokerAccess()
        {
            MqttNetConnection probe = new MqttNetConnection(_options.Endpoint(), _topics);
            try
            {
                Verify(probe);
            }
            catch
            {
                probe.Dispose();
                throw;
            }

            SwapCheck(probe)?.Dispose();
        }

        private void Verify(MqttNetConnection probe)
        {
            SessionSettings session = _options.Session();
            probe.MessageReceived += (topic, payload, qos, retain) => KeepForDevice(probe, topic, payload, retain);
            ConnectOutcome outcome = probe.Open(CheckClientId, session.Username, session.Password, session.KeepAliveS, null!, null!);
            if (outcome == ConnectOutcome.Accepted && !probe.Subscribe(_topics.CommandFilter))
            {
                outcome = ConnectOutcome.SubscriptionRefused;
            }

            if (outcome != ConnectOutcome.Accepted)
            {
                throw new BrokerConnectionException(outcome, BrokerConnectionException.Explain(outcome) + ": " + probe.LastError);
            }

            // Mosquitto grants any SUBSCRIBE and applies its ACL on delivery; a publish is answered (MQTT 5
            // PUBACK). The probe announces the device (status online, not retained: what it is about to do).
            using ManualResetEventSlim answered = new ManualResetEventSlim(false);
            string? refusal = null;
            probe.Acknowledged += _ => answered.Set();
            probe.PublishRefused += (topic, reason) => refusal = "the broker refused a publish on " + topic + " (" + reason + ")";
            byte[] online = EdgeStatus(true);
            if (probe.PublishTo(_topics[TopicId.Status], online, 0, online.Length, 1, false) > 0 && answered.Wait(_options.ConnectTimeoutMs) && refusal != null)
            {
                throw new BrokerConnectionException(ConnectOutcome.PublishFailed, BrokerConnectionException.Explain(ConnectOutcome.PublishFailed) + ": " + refusal);
            }
        }

        /// <summary>MQTTnet's thread: a command the check's connection received, for the device's session.</summary>
        private void KeepForDevice(MqttNetConnection probe, string topic, byte[] payload, bool retain)
        {
            if (retain)
            {
                return;
            }

            DeviceSession? target;
            lock (_checkLock)
            {
                if (_check != probe)
                {
                    // Retired: the device's own subscription gets every command from here on.
                    return;
                }

                target = _checkTarget;
                if (target == null)
                {
                    _commandsForDevice.Add((topic, payload));
                    return;
                }

                target.Receive(topic, payload, false);
            }

            _bridge?.Wake();
        }

        /// <summary>The device's session is subscribed: the check's connection ends (off the network thread, which raised this).</summary>
        private void RetireCheck()
        {
            MqttNetConnection? check = SwapCheck(null);
            if (check != null)
            {
                ThreadPool.QueueUserWorkItem(_ => check.Dispose());
            }
        }

        /// <summary>
        /// Puts <paramref name="next"/> in the check connection's place and returns the one it replaces, for the caller to
        /// end; with null the check is retired, and the commands it kept for a device that never came are dropped.
        /// </summary>
        private MqttNetConnection? SwapCheck(MqttNetConnection? next)
        {
            lock (_checkLock)
            {
                MqttNetConnection? earlier = _check;
                _check = next;
                if (next == null)
                {
                    _commandsForDevice.Clear();
                }

                return earlier;
            }
        }

        private byte[] EdgeStatus(bool online)
        {
            byte[] buffer = new byte[128];
            JsonByteWriter writer = new JsonByteWriter();
            writer.Reset(buffer, 0, buffer.Length);
            StatusEncoder.Encode(writer, online, BootId);
            return buffer.AsSpan(0, writer.Length).ToArray();
        }

        /// <summary>
        /// The client id of <see cref="VerifyBrokerAccess"/>: edge-&lt;deviceId&gt;-check-&lt;bootId&gt;. It keeps the device's
        /// prefix (brokers may admit client ids by prefix) and carries the run's boot id, so it is nobody else's.
        /// </summary>
        public string CheckClientId => "edge-" + _topics.DeviceId + "-check-" + BootId;

        /// <summary>Adds the scenario's brokerOutage faults to the outages this bridge simulates.</summary>
        public void ScheduleBrokerOutages(IEnumerable<FaultSpec> faults)
        {
            ArgumentNullException.ThrowIfNull(faults);
            _options.BrokerOutages.AddRange(faults.Where(f => f.Kind == FaultKind.BrokerOutage));
        }

        /// <summary>
        /// Binds the bridge to the controller of a run and starts connecting. Called once, before the
        /// first <see cref="OnTick"/> (the observer returned by <see cref="Observer"/> does it itself).
        /// </summary>
        public void Attach(EdgeController controller) => Attach(controller, null, true);

        /// <summary>
        /// <see cref="Attach(EdgeController)"/> for a run on <paramref name="board"/> (null: the virtual chain): first the
        /// device events the firmware raises at boot for it, sent once the first session opens: one <c>board-warning</c>
        /// per warning of the board, and <c>uncalibrated</c> when the unit has no per-unit calibration.
        /// </summary>
        public void Attach(EdgeController controller, BoardDefinition? board, bool unitCalibrated)
        {
            ArgumentNullException.ThrowIfNull(controller);
            if (_bridge != null)
            {
                throw new InvalidOperationException("The bridge is already attached to a controller.");
            }

            _health = new SimulatedHealth(controller.Configuration.SamplePeriodMs * 1000, _options.HealthPeriodMs);
            _healthTopic = _topics.Health;

            int slotBytes = PayloadBudget.MaximumStreamPayloadBytes(controller.Layout.CellsPerModule);
            _outbox = new MessageOutbox(_options.Outbox, slotBytes);
            _publisher = new TelemetryPublisher(_outbox, BootId);
            CommandHandler commands = new CommandHandler(controller, new CommandLimits());
            _bridge = new EdgeMqttBridge(_options.Endpoint(), _options.Session(), controller, _topics, _outbox, commands, _publisher, BootId);
            lock (_checkLock)
            {
                // Commands the check's connection took before the device was there, in the order they came.
                _checkTarget = _bridge.Session;
                foreach ((string topic, byte[] payload) in _commandsForDevice)
                {
                    _checkTarget.Receive(topic, payload, false);
                }

                _commandsForDevice.Clear();
            }

            _bridge.Connected += () =>
            {
                RetireCheck();
                Interlocked.Increment(ref _connections);
                _connectedSinceHealth = true;
                Connected?.Invoke();
            };
            _bridge.ConnectionLost += (reason, retryMs) => ConnectionLost?.Invoke(reason, retryMs);
            _bridge.ConnectionFailed += (outcome, reason) =>
            {
                Volatile.Write(ref _lastFailure, BrokerConnectionException.Explain(outcome) + ": " + reason);
                ConnectionFailed?.Invoke(outcome, reason);
            };
            if (board != null)
            {
                ReportBoot(_bridge.DeviceEvents, board, unitCalibrated);
            }

            using ManualResetEventSlim attempted = new ManualResetEventSlim(false);
            Action opened = () => attempted.Set();
            Action<ConnectOutcome, string> failed = (outcome, reason) => attempted.Set();
            _bridge.Connected += opened;
            _bridge.ConnectionFailed += failed;
            _bridge.Start(_options.PumpIdleMs);

            // A simulated device boots with its broker's answer: the run's first tick waits for the first
            // attempt (bounded), so a run thousands of times faster than real time does not fill the outbox
            // while MQTTnet opens its first connection. A real device's control loop never waits.
            if (!attempted.Wait(_options.FirstConnectionWaitMs))
            {
                FirstConnectionLate?.Invoke(_options.Host + ":" + _options.Port, _options.FirstConnectionWaitMs);
            }

            _bridge.Connected -= opened;
            _bridge.ConnectionFailed -= failed;
        }

        /// <summary>The firmware's boot events for a parsed board (BootSequence, UnitCalibrationLoader), in its order and wording.</summary>
        private static void ReportBoot(SimulatedDeviceEventLog events, BoardDefinition board, bool unitCalibrated)
        {
            for (int w = 0; w < board.WarningCount; w++)
            {
                // E.g. a board without a hardware enable: nothing in hardware opens the switches if the runtime hangs.
                events.Report("board-warning", "board " + board.Name + " " + board.WarningAt(w).ToString());
            }

            if (!unitCalibrated)
            {
                // The device's "no per-unit calibration" case; here the scenario says so, and there is no calibration mode to run.
                events.Report("uncalibrated", "no per-unit calibration for board " + board.Name + ": observe only, no switch closes (the scenario's measurement.unitCalibrated is false)");
            }
        }

        /// <summary>
        /// Control-loop side, after every controller tick: encodes the tick's records into the outbox and
        /// wakes the network thread. Never blocks on the network.
        /// </summary>
        public void OnTick(TelemetryBuffer telemetry, long nowMs)
        {
            TelemetryPublisher publisher = _publisher ?? throw new InvalidOperationException("Attach the bridge first.");
            publisher.Publish(telemetry, nowMs);
            _lastTelemetry = telemetry;
            _lastTickMs = nowMs;
            int free = _outbox!.FreeCount;
            if (free < _minimumFree)
            {
                Volatile.Write(ref _minimumFree, free);
            }

            if (telemetry.Count > 0)
            {
                _bridge!.Wake();
            }
        }

        /// <summary>
        /// A run observer that attaches on the first tick, applies outages and feeds every tick that ran; chains
        /// <paramref name="inner"/>. A release no tick answered (a hung runtime, one a late tick swallowed) publishes
        /// nothing: the core's buffer still holds the last tick's records, and a hung device sends nothing.
        /// </summary>
        public Action<TickObservation> Observer(Action<TickObservation>? inner = null)
        {
            return o =>
            {
                if (_bridge == null)
                {
                    Attach(o.Controller, o.Board, o.UnitCalibrated);
                }

                ApplyOutages(o.TimeS);
                _health!.Record(o);
                if (o.Ticked)
                {
                    OnTick(o.Controller.Telemetry, o.Frame.TimestampMs);
                    PublishHealthWhenDue((long)Math.Round(o.TimeS * 1000.0));
                }

                inner?.Invoke(o);
            };
        }

        /// <summary>
        /// Tick thread: the health message when one is due at device time <paramref name="nowMs"/> and the device is
        /// online (offline, the firmware sends none and its figures run on into the next). A hung device sends nothing,
        /// so only a tick that ran gets here.
        /// </summary>
        private void PublishHealthWhenDue(long nowMs)
        {
            EdgeMqttBridge bridge = _bridge!;
            if (!_health!.IsDue(nowMs, _connectedSinceHealth) || !bridge.IsConnected)
            {
                return;
            }

            // Far faster than real time the network thread may lag; the figures then wait for the next tick rather
            // than pile up (each message is 30 s of device time).
            if (bridge.PendingExtraCount >= MaximumPendingHealth)
            {
                return;
            }

            _connectedSinceHealth = false;
            byte[] payload = _health.Take(nowMs, _outbox!, bridge.Session.Inbox.RefusedCount, Connections);
            bridge.QueueExtra(_healthTopic!, payload, 0);
        }

        /// <summary>Health messages waiting for the network thread at most.</summary>
        private const int MaximumPendingHealth = 16;

        /// <summary>Starts or ends a scheduled broker outage at simulated time <paramref name="timeS"/>.</summary>
        public void ApplyOutages(double timeS)
        {
            if (_bridge == null || _options.BrokerOutages.Count == 0)
            {
                return;
            }

            bool outage = false;
            foreach (FaultSpec fault in _options.BrokerOutages)
            {
                outage |= fault.IsActiveAt(timeS);
            }

            if (outage != _inOutage)
            {
                _inOutage = outage;
                if (outage)
                {
                    _bridge.BeginOutage();
                }
                else
                {
                    _bridge.EndOutage();
                }
            }
        }

        /// <summary>
        /// The run is over: sends the last tick's telemetryOverflow (<see cref="PublishLastTickOverflow"/>), ends a
        /// scheduled outage, and waits until the outbox is empty and acknowledged and MQTTnet has written every message
        /// it was handed (or the timeout); true when it is. Then, when everything went, the losses counted since the last
        /// outboxOverflow event go out in a last one (and are waited for within the same timeout); <see cref="FlushTimedOut"/>
        /// keeps the answer for the run's account (<see cref="UnsentCount"/>). The outbox frees a QoS 0 message's slot as it hands the
        /// message over, so an empty outbox alone left the run's last telemetry queued inside MQTTnet, and
        /// <see cref="Dispose"/> then closed the connection under it: those messages were never sent and never counted.
        /// </summary>
        public bool Flush(TimeSpan timeout)
        {
            MessageOutbox? outbox = _outbox;
            if (outbox == null)
            {
                return true;
            }

            PublishLastTickOverflow();

            if (_inOutage)
            {
                // The run is over: so is its outage.
                _inOutage = false;
                _bridge!.EndOutage();
            }

            DateTime end = DateTime.UtcNow + timeout;
            bool flushed = WaitFlushed(outbox, end);
            if (flushed && _publisher!.ReportPendingLosses(_lastTickMs))
            {
                // Everything went, so no loss can be counted after this one: the losses since the last outboxOverflow
                // event (the last tick's evictions, writes that failed after it) go out in a last one, stamped at the last
                // tick, which the core would have sent at its next tick. Without it they were counted nowhere a
                // subscriber could see.
                Interlocked.Increment(ref _finalOverflowReports);
                _bridge!.Wake();
                flushed = WaitFlushed(outbox, end);
            }

            FlushTimedOut = !flushed;
            return flushed;
        }

        private bool WaitFlushed(MessageOutbox outbox, DateTime end)
        {
            while (!Flushed(outbox) && DateTime.UtcNow < end)
            {
                _bridge!.Wake();
                Thread.Sleep(10);
            }

            return Flushed(outbox);
        }

        /// <summary>True when the last <see cref="Flush"/> gave up with messages not yet gone (they are lost with the connection's close).</summary>
        public bool FlushTimedOut { get; private set; }

        /// <summary>outboxOverflow events sent by <see cref="Flush"/> for losses counted after the run's last tick (0 or 1).</summary>
        public int FinalOverflowReports => Volatile.Read(ref _finalOverflowReports);

        /// <summary>
        /// Messages of a stream the device counted as lost: evicted (a QoS 1 one even while awaiting its PUBACK, which the
        /// broker may then have), too large, or a QoS 0 write that failed; 0 before <see cref="Attach(EdgeController)"/>.
        /// </summary>
        public long LostCount(TopicId stream) => _outbox == null ? 0 : _outbox.LostTotal(stream);

        /// <summary>
        /// Messages of a stream the device still holds: queued in its outbox, or handed to MQTTnet and not yet written (QoS 0)
        /// or acknowledged (QoS 1). After a <see cref="Flush"/> that timed out, the connection's close loses them (the QoS 0
        /// ones in MQTTnet are then counted as lost, the rest not: the run is over).
        /// </summary>
        public long UnsentCount(TopicId stream) => _outbox == null ? 0 : _outbox.QueuedCount(stream) + _bridge!.Connection.UnwrittenStreamCount(stream);

        /// <summary>
        /// Messages of a stream delivered as the device knows it: numbered, neither counted as lost nor still held (QoS 0
        /// written to the connection, QoS 1 acknowledged).
        /// </summary>
        public long DeliveredCount(TopicId stream) => Math.Max(0, LastSeq(stream) - LostCount(stream) - UnsentCount(stream));

        private bool Flushed(MessageOutbox outbox)
        {
            EdgeMqttBridge bridge = _bridge!;
            return outbox.FreeCount == outbox.SlotCount && bridge.PendingExtraCount == 0 && bridge.DeviceEvents.Count == 0 && bridge.UnwrittenCount == 0;
        }

        /// <summary>
        /// The records the run's last tick had no room for, once: the core reports them in a telemetryOverflow event at
        /// its next tick (value: records lost, pack-wide, info), which a run that ends there never has. The run's files
        /// count them at the last tick's time (RunTelemetry.Finish); the event stream carries the same event, numbered
        /// and stamped as the core's would be. 256 modules reaching their cut-off in one tick had 124 cutoff events
        /// lost; the files counted them and the event stream said nothing.
        /// </summary>
        private void PublishLastTickOverflow()
        {
            TelemetryBuffer? telemetry = _lastTelemetry;
            if (telemetry == null || _lastTickOverflowSent || telemetry.DroppedCount <= 0)
            {
                return;
            }

            _lastTickOverflowSent = true;
            _publisher!.ReportEvent(EventKind.TelemetryOverflow, Severity.Info, telemetry.DroppedCount, 0);
            _publisher.Publish(new TelemetryBuffer(1, 1), _lastTickMs);
            _bridge!.Wake();
        }

        /// <summary>Publishes the retained offline status (orderly shutdown), then disconnects.</summary>
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
            {
                return;
            }

            SwapCheck(null)?.Dispose();
            _bridge?.Dispose();
        }
    }
}
