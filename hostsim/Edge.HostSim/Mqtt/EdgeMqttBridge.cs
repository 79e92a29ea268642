// Licensed under the MIT License.

using Edge.Core;
using Edge.Core.Commands;
using Edge.Core.Telemetry.Encoding;
using Edge.Core.Telemetry.Outbox;

namespace Edge.HostSim.Mqtt
{
    /// <summary>
    /// Connects one simulated controller to a broker as the MQTT contract (firmware/Edge.Core/Telemetry/CONTRACT.md)
    /// describes: retained status with the offline payload as Last Will, retained config (after each
    /// connect, each applied change and each getConfig), the outbox's telemetry and events, and
    /// commands from cmd/+ answered on cmd/result. It is the core's <see cref="IMessageTransport"/>.
    /// <para>
    /// Threading: the tick thread calls <see cref="TelemetryPublisher.Publish"/> after each tick; a
    /// background pump thread (<see cref="Start"/>) or the host (<see cref="Service"/>) drains the outbox.
    /// Commands and acknowledgements arrive on the client's network thread and only queue work in the
    /// core (the handler validates and requests; the controller applies at its next tick).
    /// </para>
    /// </summary>
    public sealed class EdgeMqttBridge : IMessageTransport, IDisposable
    {
        private readonly IMqttTransport _client;
        private readonly EdgeController _controller;
        private readonly TopicSet _topics;
        private readonly MessageOutbox _outbox;
        private readonly CommandHandler _commands;
        private readonly string _bootId;
        private readonly JsonByteWriter _replyWriter = new JsonByteWriter();
        private readonly byte[] _reply = new byte[8192];
        private readonly object _replyLock = new object();
        private readonly object _serviceLock = new object();
        private Thread? _pump;
        private volatile bool _stopping;
        private volatile bool _configDue = true;
        private int _publishedRevision = -1;
        private bool _disposed;

        /// <summary>Creates the bridge and its libmosquitto client; call <see cref="Connect"/> to go online.</summary>
        /// <param name="options">Broker address and client settings; client id, will and online payload are set here.</param>
        public EdgeMqttBridge(MosquittoClientOptions options, EdgeController controller, TopicSet topics, MessageOutbox outbox, CommandHandler commands, string bootId)
            : this(CreateClient(options, topics, bootId), controller, topics, outbox, commands, bootId)
        {
        }

        /// <summary>Creates the bridge over an existing client whose will and online payload the caller has set.</summary>
        public EdgeMqttBridge(IMqttTransport client, EdgeController controller, TopicSet topics, MessageOutbox outbox, CommandHandler commands, string bootId)
        {
            _client = client ?? throw new ArgumentNullException(nameof(client));
            _controller = controller ?? throw new ArgumentNullException(nameof(controller));
            _topics = topics ?? throw new ArgumentNullException(nameof(topics));
            _outbox = outbox ?? throw new ArgumentNullException(nameof(outbox));
            _commands = commands ?? throw new ArgumentNullException(nameof(commands));
            _bootId = bootId;
            _client.Connected += OnConnected;
            _client.Disconnected += OnDisconnected;
            _client.PublishAcknowledged += _outbox.Acknowledge;
            _client.MessageReceived += OnMessage;
            _client.Subscribe(_topics.CommandFilter, 1);
        }

        /// <summary>The MQTT client underneath (for tests that cut the connection).</summary>
        public IMqttTransport Client => _client;

        /// <inheritdoc/>
        public bool IsConnected => _client.IsConnected;

        /// <summary>Messages the pump handed to the client since start.</summary>
        public long PublishedCount { get; private set; }

        /// <summary>Starts connecting in the background (returns at once).</summary>
        public void Connect() => _client.Connect();

        /// <summary>Starts a background thread that calls <see cref="Service"/> every <paramref name="periodMs"/>.</summary>
        public void Start(int periodMs = 10)
        {
            if (_pump != null)
            {
                return;
            }

            _pump = new Thread(() =>
            {
                while (!_stopping)
                {
                    Service();
                    Thread.Sleep(periodMs);
                }
            })
            {
                IsBackground = true,
                Name = "edge-mqtt-pump",
            };
            _pump.Start();
        }

        /// <summary>Publishes the config when due, then pumps the outbox once. Safe from any one thread at a time.</summary>
        public void Service()
        {
            lock (_serviceLock)
            {
                if (!_client.IsConnected)
                {
                    _outbox.Pump(this);
                    return;
                }

                int revision = _controller.ConfigurationRevision;
                if (_configDue || revision != _publishedRevision || _commands.TakeConfigRequest())
                {
                    _configDue = !PublishConfig(revision);
                }

                PublishedCount += _outbox.Pump(this);
            }
        }

        /// <inheritdoc/>
        public int Publish(TopicId topic, byte[] payload, int offset, int count, int qos, bool retain)
        {
            int id = _client.Publish(_topics[topic], payload, offset, count, qos, retain);
            return id < 0 ? -1 : id;
        }

        /// <summary>Publishes the retained offline status, then disconnects cleanly.</summary>
        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _stopping = true;
            _pump?.Join();
            if (_client.IsConnected)
            {
                byte[] offline = StatusPayload(false, _bootId);
                _client.Publish(_topics[TopicId.Status], offline, 0, offline.Length, 1, true);

                // Give the network thread a moment to write it before DISCONNECT.
                Thread.Sleep(50);
            }

            _client.Dispose();
        }

        /// <summary>The status payload of the contract (also used as the Last Will).</summary>
        public static byte[] StatusPayload(bool online, string bootId)
        {
            var buffer = new byte[128];
            var writer = new JsonByteWriter();
            writer.Reset(buffer, 0, buffer.Length);
            StatusEncoder.Encode(writer, online, bootId);
            return buffer.AsSpan(0, writer.Length).ToArray();
        }

        private static MosquittoClient CreateClient(MosquittoClientOptions options, TopicSet topics, string bootId)
        {
            ArgumentNullException.ThrowIfNull(options);
            ArgumentNullException.ThrowIfNull(topics);
            options.ClientId = "edge-" + topics.DeviceId;
            options.WillTopic = topics[TopicId.Status];
            options.WillPayload = StatusPayload(false, bootId);
            options.WillQos = 1;
            options.WillRetain = true;
            options.OnlinePayload = StatusPayload(true, bootId);
            return new MosquittoClient(options);
        }

        private bool PublishConfig(int revision)
        {
            var configuration = _controller.Configuration;
            var buffer = new byte[ConfigEncoder.MaximumBytes(configuration.Protocol.Steps.Length)];
            var writer = new JsonByteWriter();
            writer.Reset(buffer, 0, buffer.Length);
            ConfigEncoder.Encode(writer, configuration, _controller.Layout, _bootId, revision);
            if (writer.Overflowed || _client.Publish(_topics[TopicId.Config], buffer, 0, writer.Length, 1, true) < 0)
            {
                return false;
            }

            _publishedRevision = revision;
            return true;
        }

        private void OnConnected()
        {
            _configDue = true;
        }

        private void OnDisconnected(int reason)
        {
            _outbox.ConnectionLost();
        }

        private void OnMessage(MqttMessage message)
        {
            string? verb = _topics.VerbOf(message.Topic);
            if (verb == null)
            {
                return;
            }

            lock (_replyLock)
            {
                int length = _commands.HandleAndEncode(verb, message.Payload, 0, message.Payload.Length, _replyWriter, _reply);
                if (length > 0)
                {
                    _client.Publish(_topics[TopicId.CommandResult], _reply, 0, length, 1, false);
                }
            }
        }
    }
}
