// Licensed under the MIT License.

using System.Security.Cryptography;
using Edge.Core;
using Edge.Core.Commands;
using Edge.Core.Telemetry;
using Edge.Core.Telemetry.Encoding;
using Edge.Core.Telemetry.Outbox;
using Edge.HostSim.Simulation;

namespace Edge.HostSim.Mqtt.Bridge
{
    /// <summary>
    /// Puts a simulated run on a broker: builds the core's <see cref="MessageOutbox"/>,
    /// <see cref="TelemetryPublisher"/> and <see cref="CommandHandler"/> for the run's controller, and
    /// connects them through <see cref="EdgeMqttBridge"/> (the contract's status, Last Will, retained
    /// config, command replies; the outbox's transport). What it adds for the simulator: attaching from a
    /// run observer on the first tick, a pump thread woken by every tick that drains the outbox in
    /// several budgeted rounds (so a fast simulation is not held to one pump per period), flushing at
    /// the end of a run, and counters for tests and benchmarks.
    /// <para>
    /// The control loop only encodes into the outbox and sets an event in <see cref="OnTick"/>; it never
    /// waits for the network. With the broker gone the outbox fills and evicts telemetry as on the device.
    /// </para>
    /// </summary>
    public sealed class MqttDeviceBridge : IDisposable
    {
        private readonly MqttBridgeOptions _options;
        private readonly IMqttTransport? _givenClient;
        private readonly TopicSet _topics;
        private readonly AutoResetEvent _wake = new AutoResetEvent(false);
        private EdgeMqttBridge? _bridge;
        private MessageOutbox? _outbox;
        private TelemetryPublisher? _publisher;
        private Thread? _pumpThread;
        private volatile bool _stopping;
        private int _minimumFree = int.MaxValue;
        private int _connections;
        private int _disposed;

        /// <param name="options">Broker and device settings.</param>
        /// <param name="client">A transport to use instead of a libmosquitto client built from <paramref name="options"/>
        /// (its will and online payload are then the caller's business); the bridge owns it.</param>
        public MqttDeviceBridge(MqttBridgeOptions options, IMqttTransport? client = null)
        {
            _options = options ?? throw new ArgumentNullException(nameof(options));
            _topics = new TopicSet(options.DeviceId);
            _givenClient = client;
            BootId = options.BootId ?? Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant();
        }

        public string BootId { get; }

        public string DeviceId => _options.DeviceId;

        public TopicSet Topics => _topics;

        public bool IsConnected => _bridge != null && _bridge.IsConnected;

        /// <summary>The core outbox (after <see cref="Attach"/>).</summary>
        public MessageOutbox? Outbox => _outbox;

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

        /// <summary>
        /// Binds the bridge to the controller of a run and starts connecting. Called once, before the
        /// first <see cref="OnTick"/> (the observer returned by <see cref="Observer"/> does it itself).
        /// </summary>
        public void Attach(EdgeController controller)
        {
            ArgumentNullException.ThrowIfNull(controller);
            if (_bridge != null)
            {
                throw new InvalidOperationException("The bridge is already attached to a controller.");
            }

            int slotBytes = PayloadBudget.MaximumStreamPayloadBytes(controller.Layout.CellsPerModule);
            _outbox = new MessageOutbox(_options.Outbox, slotBytes);
            _publisher = new TelemetryPublisher(_outbox, BootId);
            CommandHandler commands = new CommandHandler(controller, new CommandLimits());
            _bridge = _givenClient != null
                ? new EdgeMqttBridge(_givenClient, controller, _topics, _outbox, commands, BootId)
                : new EdgeMqttBridge(ClientOptions(), controller, _topics, _outbox, commands, BootId);
            _bridge.Client.Connected += OnConnected;
            _pumpThread = new Thread(PumpLoop) { IsBackground = true, Name = "edge-mqtt-pump-" + _options.DeviceId };
            _pumpThread.Start();
            _bridge.Connect();
        }

        /// <summary>
        /// Control-loop side, after every controller tick: encodes the tick's records into the outbox and
        /// wakes the pump. Never blocks on the network.
        /// </summary>
        public void OnTick(TelemetryBuffer telemetry, long nowMs)
        {
            TelemetryPublisher publisher = _publisher ?? throw new InvalidOperationException("Attach the bridge first.");
            publisher.Publish(telemetry, nowMs);
            int free = _outbox!.FreeCount;
            if (free < _minimumFree)
            {
                Volatile.Write(ref _minimumFree, free);
            }

            if (telemetry.Count > 0)
            {
                _wake.Set();
            }
        }

        /// <summary>A run observer that attaches on the first tick and feeds every tick; chains <paramref name="inner"/>.</summary>
        public Action<TickObservation> Observer(Action<TickObservation>? inner = null)
        {
            return o =>
            {
                if (_bridge == null)
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
            while (outbox.FreeCount != outbox.SlotCount && DateTime.UtcNow < end)
            {
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
            if (_bridge != null)
            {
                _bridge.Dispose();
            }
            else
            {
                _givenClient?.Dispose();
            }

            _wake.Dispose();
        }

        private MosquittoClientOptions ClientOptions()
        {
            return new MosquittoClientOptions
            {
                Host = _options.Host,
                Port = _options.Port,
                CleanSession = true,
                Username = _options.Username,
                Password = _options.Password,
                CaFile = _options.CaFile,
                KeepAliveSeconds = 30,
                ReconnectDelayMinMs = _options.ReconnectDelayMinMs,
                ReconnectDelayMaxMs = _options.ReconnectDelayMaxMs,
            };
        }

        private void PumpLoop()
        {
            EdgeMqttBridge bridge = _bridge!;
            while (!_stopping)
            {
                _wake.WaitOne(_options.PumpIdleMs);

                // Each Service pumps one budget (live first, then backlog); repeat while it makes progress.
                for (int round = 0; round < 64 && !_stopping; round++)
                {
                    long before = bridge.PublishedCount;
                    bridge.Service();
                    if (bridge.PublishedCount == before)
                    {
                        break;
                    }
                }
            }
        }

        private void OnConnected()
        {
            Interlocked.Increment(ref _connections);
            _wake.Set();
        }
    }
}
