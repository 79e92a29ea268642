// Licensed under the MIT License.

using System.Security.Cryptography;
using System.Text;
using Edge.Core;
using Edge.Core.Commands;
using Edge.Core.Telemetry;
using Edge.Core.Telemetry.Encoding;
using Edge.Core.Telemetry.Outbox;
using Edge.HostSim.Simulation;

namespace Edge.HostSim.Mqtt.Bridge
{
    /// <summary>
    /// Connects one simulated device to a broker the way the firmware does (CONTRACT.md, "Connection"):
    /// retained <c>status</c> online with an offline Last Will, retained <c>config</c> after every
    /// connection and configuration change, stream telemetry through the core's
    /// <see cref="TelemetryPublisher"/> and <see cref="MessageOutbox"/>, commands from
    /// <c>cmd/+</c> through the core's <see cref="CommandHandler"/> with replies on <c>cmd/result</c>.
    /// <para>
    /// Threads: <see cref="OnTick"/> runs on the control loop and only encodes into the outbox and sets
    /// an event; a pump thread of its own moves the outbox into the client (never blocking either), and
    /// the client's network thread delivers acknowledgements and commands. The loop never waits on the
    /// network: with the broker gone the outbox fills and evicts telemetry, exactly as on the device.
    /// </para>
    /// </summary>
    public sealed class MqttDeviceBridge : IDisposable
    {
        private readonly MqttBridgeOptions _options;
        private readonly IMqttTransport _client;
        private readonly TopicSet _topics;
        private readonly AutoResetEvent _wake = new AutoResetEvent(false);
        private readonly JsonByteWriter _replyWriter = new JsonByteWriter();
        private readonly byte[] _replyBuffer = new byte[1024];
        private readonly object _replyLock = new object();
        private EdgeController? _controller;
        private MessageOutbox? _outbox;
        private TelemetryPublisher? _publisher;
        private CommandHandler? _handler;
        private OutboxTransport? _transport;
        private Thread? _pumpThread;
        private volatile bool _stopping;
        private volatile bool _configDue = true;
        private byte[]? _config;
        private int _lastRevision = -1;
        private long _published;
        private long _ticks;
        private int _minimumFree = int.MaxValue;
        private int _connections;
        private int _disposed;

        /// <param name="options">Broker and device settings.</param>
        /// <param name="client">A transport to use instead of a libmosquitto client built from <paramref name="options"/> (the bridge owns it).</param>
        public MqttDeviceBridge(MqttBridgeOptions options, IMqttTransport? client = null)
        {
            _options = options ?? throw new ArgumentNullException(nameof(options));
            _topics = new TopicSet(options.DeviceId);
            BootId = options.BootId ?? Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant();
            _client = client ?? new MosquittoClient(new MosquittoClientOptions
            {
                Host = options.Host,
                Port = options.Port,
                ClientId = "edge-" + options.DeviceId,
                CleanSession = true,
                Username = options.Username,
                Password = options.Password,
                CaFile = options.CaFile,
                KeepAliveSeconds = 30,
                WillTopic = _topics[TopicId.Status],
                WillPayload = Status(false),
                WillQos = 1,
                WillRetain = true,
                OnlinePayload = Status(true),
                ReconnectDelayMinMs = options.ReconnectDelayMinMs,
                ReconnectDelayMaxMs = options.ReconnectDelayMaxMs,
            });
            _client.Connected += OnConnected;
            _client.Disconnected += OnDisconnected;
            _client.PublishAcknowledged += id => _outbox?.Acknowledge(id);
            _client.MessageReceived += OnMessage;
        }

        public string BootId { get; }

        public string DeviceId => _options.DeviceId;

        public TopicSet Topics => _topics;

        public bool IsConnected => _client.IsConnected;

        /// <summary>The core outbox (after <see cref="Attach"/>).</summary>
        public MessageOutbox? Outbox => _outbox;

        /// <summary>Messages handed to the client from the outbox so far.</summary>
        public long PublishedCount => Interlocked.Read(ref _published);

        /// <summary>Stream messages numbered by the publisher so far (sent or not).</summary>
        public long EnqueuedCount
        {
            get
            {
                TelemetryPublisher? p = _publisher;
                if (p == null)
                {
                    return 0;
                }

                long sum = 0;
                for (int s = 0; s < TopicSet.StreamCount; s++)
                {
                    sum += p.NextSeq((TopicId)s) - 1;
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

        /// <summary>Bytes the outbox and publisher allocated once (slot payloads plus scratch), per CONTRACT.md's formula.</summary>
        public long OutboxPayloadBytes => _outbox == null ? 0 : ((long)_outbox.SlotCount + 1) * _outbox.SlotBytes;

        /// <summary>
        /// Binds the bridge to the controller of a run and starts connecting. Called once, before the
        /// first <see cref="OnTick"/> (the observer returned by <see cref="Observer"/> does it itself).
        /// </summary>
        public void Attach(EdgeController controller)
        {
            if (_controller != null)
            {
                throw new InvalidOperationException("The bridge is already attached to a controller.");
            }

            _controller = controller ?? throw new ArgumentNullException(nameof(controller));
            int slotBytes = PayloadBudget.MaximumStreamPayloadBytes(controller.Layout.CellsPerModule);
            _outbox = new MessageOutbox(_options.Outbox, slotBytes);
            _publisher = new TelemetryPublisher(_outbox, BootId);
            _handler = new CommandHandler(controller, new CommandLimits());
            _transport = new OutboxTransport(_client, _topics);
            EncodeConfigIfChanged(force: true);
            _client.Subscribe(_topics.CommandFilter, 1);
            _pumpThread = new Thread(PumpLoop) { IsBackground = true, Name = "edge-mqtt-pump-" + _options.DeviceId };
            _pumpThread.Start();
            _client.Connect();
        }

        /// <summary>
        /// Control-loop side, after every controller tick: encodes the tick's records into the outbox,
        /// re-encodes the config when a command changed it, and wakes the pump. Never blocks.
        /// </summary>
        public void OnTick(TelemetryBuffer telemetry, long nowMs)
        {
            TelemetryPublisher publisher = _publisher ?? throw new InvalidOperationException("Attach the bridge first.");
            publisher.Publish(telemetry, nowMs);
            EncodeConfigIfChanged(force: _handler!.TakeConfigRequest());
            _ticks++;
            int free = _outbox!.FreeCount;
            if (free < _minimumFree)
            {
                Volatile.Write(ref _minimumFree, free);
            }

            if (telemetry.Count > 0 || _configDue)
            {
                _wake.Set();
            }
        }

        /// <summary>A run observer that attaches on the first tick and feeds every tick; chains <paramref name="inner"/>.</summary>
        public Action<TickObservation> Observer(Action<TickObservation>? inner = null)
        {
            return o =>
            {
                if (_controller == null)
                {
                    Attach(o.Controller);
                }

                OnTick(o.Controller.Telemetry, o.Frame.TimestampMs);
                inner?.Invoke(o);
            };
        }

        /// <summary>Waits until the outbox is empty and acknowledged (or the timeout); true when it is.</summary>
        public bool Flush(TimeSpan timeout)
        {
            MessageOutbox? outbox = _outbox;
            if (outbox == null)
            {
                return true;
            }

            DateTime end = DateTime.UtcNow + timeout;
            while (DateTime.UtcNow < end)
            {
                if (outbox.FreeCount == outbox.SlotCount && !_configDue)
                {
                    return true;
                }

                _wake.Set();
                Thread.Sleep(10);
            }

            return outbox.FreeCount == outbox.SlotCount;
        }

        /// <summary>Publishes the retained offline status (orderly shutdown), then disconnects.</summary>
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
            {
                return;
            }

            _stopping = true;
            _wake.Set();
            _pumpThread?.Join(TimeSpan.FromSeconds(5));
            if (_client.IsConnected)
            {
                byte[] offline = Status(false);
                _client.Publish(_topics[TopicId.Status], offline, 0, offline.Length, 1, true);
            }

            // The client flushes queued packets (the offline status) before DISCONNECT.
            _client.Dispose();
            _wake.Dispose();
        }

        private void EncodeConfigIfChanged(bool force)
        {
            EdgeController controller = _controller!;
            int revision = controller.ConfigurationRevision;
            if (!force && revision == _lastRevision)
            {
                return;
            }

            _lastRevision = revision;
            byte[] buffer = new byte[ConfigEncoder.MaximumBytes(controller.Configuration.Protocol.Steps.Length)];
            JsonByteWriter writer = new JsonByteWriter();
            writer.Reset(buffer, 0, buffer.Length);
            ConfigEncoder.Encode(writer, controller.Configuration, controller.Layout, BootId, revision);
            if (!writer.Overflowed)
            {
                Volatile.Write(ref _config, buffer.AsSpan(0, writer.Length).ToArray());
                _configDue = true;
            }
        }

        private void PumpLoop()
        {
            while (!_stopping)
            {
                _wake.WaitOne(_options.PumpIdleMs);
                if (_configDue && _client.IsConnected)
                {
                    byte[]? config = Volatile.Read(ref _config);
                    if (config != null && _client.Publish(_topics[TopicId.Config], config, 0, config.Length, 1, true) >= 0)
                    {
                        _configDue = false;
                    }
                }

                // Budgets per Pump keep live data ahead of backlog; several rounds per wake drain a burst.
                for (int round = 0; round < 64; round++)
                {
                    int sent = _outbox!.Pump(_transport!);
                    Interlocked.Add(ref _published, sent);
                    if (sent == 0)
                    {
                        break;
                    }
                }
            }
        }

        private void OnConnected()
        {
            Interlocked.Increment(ref _connections);
            _configDue = true;
            _wake.Set();
        }

        private void OnDisconnected(int reason)
        {
            // Whatever awaited a PUBACK is resent after the reconnect, even if the pump never saw the gap.
            _outbox?.ConnectionLost();
        }

        private void OnMessage(MqttMessage message)
        {
            CommandHandler? handler = _handler;
            if (handler == null)
            {
                return;
            }

            string? verb = _topics.VerbOf(message.Topic);
            if (verb == null || verb == CommandHandler.ResultVerb)
            {
                return;
            }

            lock (_replyLock)
            {
                int length = handler.HandleAndEncode(verb, message.Payload, 0, message.Payload.Length, _replyWriter, _replyBuffer);
                if (length > 0)
                {
                    _client.Publish(_topics[TopicId.CommandResult], _replyBuffer, 0, length, 1, false);
                }
            }
        }

        private byte[] Status(bool online)
        {
            byte[] buffer = new byte[128];
            JsonByteWriter writer = new JsonByteWriter();
            writer.Reset(buffer, 0, buffer.Length);
            StatusEncoder.Encode(writer, online, BootId);
            return buffer.AsSpan(0, writer.Length).ToArray();
        }
    }
}
