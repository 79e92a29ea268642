// Licensed under the MIT License.

using System.Collections.Concurrent;
using Edge.Core;
using Edge.Core.Commands;
using Edge.Core.Session;
using Edge.Core.Telemetry.Encoding;
using Edge.Core.Telemetry.Outbox;
using Edge.HostSim.Mqtt.Bridge;

namespace Edge.HostSim.Mqtt
{
    /// <summary>
    /// The simulator's adapter of the core's <see cref="DeviceSession"/> (which does everything the MQTT
    /// contract asks of a device: status and Last Will, retained config, commands and replies, the outbox,
    /// back-off, Home Assistant discovery) over an MQTTnet <see cref="MqttNetConnection"/>. What it adds is a
    /// network thread: <see cref="Start"/> runs <see cref="DeviceSession.Service"/> in rounds while it makes
    /// progress and otherwise waits for <see cref="Wake"/> (every tick with records) or a short idle period,
    /// so a simulation thousands of times faster than real time is not held to one pump per period.
    /// <para>
    /// Threads: the control loop only encodes into the outbox and calls <see cref="Wake"/>; it never waits for
    /// the network. MQTTnet's threads deliver commands (queued by the session) and acknowledgements.
    /// </para>
    /// </summary>
    public sealed class EdgeMqttBridge : IDisposable
    {
        private readonly MqttNetConnection _connection;
        private readonly DeviceSession _session;
        private readonly MessageOutbox _outbox;
        private readonly object _serviceLock = new object();
        private readonly AutoResetEvent _wake = new AutoResetEvent(false);

        // Messages outside the contract (the health message) handed over by the tick thread, published by the network
        // thread as the firmware publishes its own: straight to the client, not through the outbox.
        private readonly ConcurrentQueue<(string Topic, byte[] Payload, int Qos)> _extra = new ConcurrentQueue<(string Topic, byte[] Payload, int Qos)>();
        private readonly Func<string, byte[], int, int> _publishExtra;
        private Thread? _pump;
        private volatile bool _stopping;
        // Outages begun and ended so far, and how many of each the network thread has applied: a short outage that
        // begins and ends between two of its passes is still applied, off and then on again, not skipped.
        private int _outagesBegun;
        private int _outagesEnded;
        private int _outagesBegunApplied;
        private int _outagesEndedApplied;
        private bool _disposed;

        /// <summary>Creates the bridge for one controller; call <see cref="Start"/> to go online.</summary>
        /// <param name="endpoint">Broker address and TLS settings.</param>
        /// <param name="settings">Credentials, keep-alive and back-off of the session.</param>
        /// <param name="publisher">The tick thread's publisher (for events the session raises, e.g. a refused retained command); may be null.</param>
        public EdgeMqttBridge(MqttEndpoint endpoint, SessionSettings settings, EdgeController controller, TopicSet topics, MessageOutbox outbox, CommandHandler commands, TelemetryPublisher? publisher, string bootId)
        {
            ArgumentNullException.ThrowIfNull(topics);
            _outbox = outbox ?? throw new ArgumentNullException(nameof(outbox));
            _connection = new MqttNetConnection(endpoint, topics);
            _session = new DeviceSession(topics, bootId, settings, _connection, outbox, controller, commands, publisher);
            DeviceEvents = new SimulatedDeviceEventLog(topics.DeviceId, bootId);
            _publishExtra = (topic, payload, qos) => _session.PublishExtra(topic, payload, 0, payload.Length, qos);
            _connection.MessageReceived += (topic, payload, qos, retain) =>
            {
                // Back-pressure instead of loss: while the session's inbox is full, hold MQTTnet's delivery
                // (and with it the PUBACK), so the broker keeps queueing; every command still gets its reply.
                long deadline = Environment.TickCount64 + 10_000;
                while (_session.Inbox.Count >= CommandInbox.Capacity && !_stopping && Environment.TickCount64 < deadline)
                {
                    _wake.Set();
                    Thread.Sleep(1);
                }

                _session.Receive(topic, payload, retain);
                _wake.Set();
            };
            _connection.Acknowledged += _outbox.Acknowledge;
            _connection.Refused += _outbox.Refuse;

            // The device events' PUBACKs too: an event leaves its log only once delivered (each ignores the other's ids).
            _connection.Acknowledged += DeviceEvents.Acknowledge;
            _connection.Refused += DeviceEvents.Refuse;
            _connection.ConnectionLost += reason => _wake.Set();

            // A QoS 0 stream message that left the outbox but was never written: a loss like an eviction, counted for
            // the next outboxOverflow event (the outbox freed its slot when it handed the message over).
            _connection.Unsent += topic =>
            {
                for (int s = 0; s < TopicSet.StreamCount; s++)
                {
                    if (topic == topics[(TopicId)s])
                    {
                        _outbox.RecordLoss((TopicId)s);
                        return;
                    }
                }
            };
            _connection.PublishRefused += (topic, reason) => PublishRefused?.Invoke(topic, reason);
        }

        /// <summary>A connection attempt failed (network thread): why, and the details in words.</summary>
        public event Action<ConnectOutcome, string>? ConnectionFailed;

        /// <summary>A session was opened (network thread).</summary>
        public event Action? Connected;

        /// <summary>
        /// An open session was lost (network thread): why, in words, and the wait before the next attempt, ms (-1 for a
        /// scenario's broker outage, which makes no attempt until it ends).
        /// </summary>
        public event Action<string, long>? ConnectionLost;

        /// <summary>The broker refused a publish (MQTT 5 PUBACK reason, e.g. NotAuthorized from its ACL): topic and reason.</summary>
        public event Action<string, string>? PublishRefused;

        /// <summary>The device's own events (device-event topic), kept while offline and published by the network thread once online.</summary>
        public SimulatedDeviceEventLog DeviceEvents { get; }

        /// <summary>The core session (state, last failure, inbox).</summary>
        public DeviceSession Session => _session;

        /// <summary>The MQTTnet connection underneath (tests cut it to simulate a network fault).</summary>
        public MqttNetConnection Connection => _connection;

        /// <summary>True while a session is open.</summary>
        public bool IsConnected => _session.IsOnline && _connection.IsConnected;

        /// <summary>Messages handed to MQTTnet and not yet written (QoS 0) or answered (QoS 1): see <see cref="MqttNetConnection.UnwrittenCount"/>.</summary>
        public int UnwrittenCount => _connection.UnwrittenCount;

        /// <summary>Outbox messages handed to the client since start.</summary>
        public long PublishedCount => _session.PublishedCount;

        /// <summary>Starts the network thread, which connects at once and then follows the session's back-off.</summary>
        public void Start(int idleMs = 20)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_pump != null)
            {
                return;
            }

            _pump = new Thread(() => PumpLoop(idleMs)) { IsBackground = true, Name = "edge-mqtt-" + _session.Topics.DeviceId };
            _pump.Start();
        }

        /// <summary>Wakes the network thread (after a tick that queued records).</summary>
        public void Wake() => _wake.Set();

        /// <summary>Messages queued by <see cref="QueueExtra"/> and not yet handed to the client.</summary>
        public int PendingExtraCount => _extra.Count;

        /// <summary>
        /// Queues a message on a topic outside the contract (the health message) for the network thread, which
        /// publishes it at its next pass while online, as the firmware's session does (<c>PublishExtra</c>); one
        /// that finds the session offline is not kept, as on the device. Any thread; never blocks.
        /// </summary>
        public void QueueExtra(string topic, byte[] payload, int qos)
        {
            ArgumentNullException.ThrowIfNull(topic);
            ArgumentNullException.ThrowIfNull(payload);
            _extra.Enqueue((topic, payload, qos));
            _wake.Set();
        }

        /// <summary>One session pass (connects when due, else commands, config, discovery, one outbox budget); one thread at a time.</summary>
        public SessionStep Service()
        {
            lock (_serviceLock)
            {
                int begun = Volatile.Read(ref _outagesBegun);
                if (begun != _outagesBegunApplied)
                {
                    _outagesBegunApplied = begun;
                    if (_session.IsOnline)
                    {
                        // The device loses its connection here; it makes no attempt until the outage ends.
                        DeviceEvents.Report("mqtt-connect", "connection lost (the scenario's brokerOutage); retry when the outage ends");
                        ConnectionLost?.Invoke("the scenario's brokerOutage", -1);
                    }

                    _session.Suspend(long.MaxValue);
                }

                int ended = Volatile.Read(ref _outagesEnded);
                if (ended != _outagesEndedApplied)
                {
                    _outagesEndedApplied = ended;
                    _session.Resume();
                }

                long now = Environment.TickCount64;
                SessionStep step = _session.Service(now);
                if (step == SessionStep.OpenFailed)
                {
                    // As the firmware's session words it: a failed attempt with its reason and the back-off, kept while offline.
                    DeviceEvents.Report("mqtt-connect", (_session.LastError ?? _session.LastOutcome.ToString()) + "; retry " + _session.Backoff.FailureCount + " in " + (_session.NextAttemptMs - now) + " ms");
                    ConnectionFailed?.Invoke(_session.LastOutcome, _session.LastError ?? _session.LastOutcome.ToString());
                }
                else if (step == SessionStep.Lost)
                {
                    DeviceEvents.Report("mqtt-connect", "connection lost; retry in " + (_session.NextAttemptMs - now) + " ms");
                    ConnectionLost?.Invoke(_session.LastError ?? "connection lost", _session.NextAttemptMs - now);
                }
                else if (step == SessionStep.Opened)
                {
                    // The PUBACKs the last session still owed will not come: those device events go again.
                    DeviceEvents.ConnectionRestarted();
                    Connected?.Invoke();
                }

                while (_extra.TryDequeue(out (string Topic, byte[] Payload, int Qos) extra))
                {
                    if (_session.PublishExtra(extra.Topic, extra.Payload, 0, extra.Payload.Length, extra.Qos) >= 0 && step == SessionStep.Idle)
                    {
                        step = SessionStep.Sent;
                    }
                }

                // Then the device events, as the firmware's session sends them after its health message.
                if (_session.IsOnline && DeviceEvents.PublishPending(_publishExtra) && step == SessionStep.Idle)
                {
                    step = SessionStep.Sent;
                }

                return step;
            }
        }

        /// <summary>
        /// Takes the device off the broker as a network failure would (no DISCONNECT: the broker publishes the
        /// Last Will) until <see cref="EndOutage"/>; the control loop and the outbox carry on. Any thread.
        /// </summary>
        public void BeginOutage()
        {
            Interlocked.Increment(ref _outagesBegun);
            _wake.Set();
        }

        /// <summary>Ends <see cref="BeginOutage"/>: the session reconnects at once. Any thread.</summary>
        public void EndOutage()
        {
            Interlocked.Increment(ref _outagesEnded);
            _wake.Set();
        }

        /// <summary>Publishes the retained offline status (orderly shutdown), then drops the connection so the broker also publishes the Last Will.</summary>
        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _stopping = true;
            _wake.Set();
            _pump?.Join(TimeSpan.FromSeconds(15));
            lock (_serviceLock)
            {
                _session.Close();
            }

            _connection.Dispose();
            _wake.Dispose();
        }

        private void PumpLoop(int idleMs)
        {
            while (!_stopping)
            {
                // Each pass pumps one outbox budget (live first, then backlog); repeat while it makes progress.
                SessionStep step = SessionStep.Sent;
                for (int round = 0; round < 64 && step == SessionStep.Sent && !_stopping; round++)
                {
                    step = Service();
                }

                if (!_stopping)
                {
                    int wait = idleMs;
                    if (step == SessionStep.Waiting || step == SessionStep.OpenFailed || step == SessionStep.Lost)
                    {
                        long untilAttempt = _session.NextAttemptMs - Environment.TickCount64;
                        wait = (int)Math.Clamp(untilAttempt, 1, idleMs * 10);
                    }

                    _wake.WaitOne(wait);
                }
            }
        }
    }
}
