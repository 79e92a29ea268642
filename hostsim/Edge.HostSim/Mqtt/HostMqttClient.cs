// Licensed under the MIT License.

using Edge.Core.Session;

namespace Edge.HostSim.Mqtt
{
    /// <summary>
    /// The host's general-purpose MQTT client (test observers, dashboards' test publishers, benchmarks): an
    /// <see cref="IMqttTransport"/> over one <see cref="MqttNetConnection"/> that connects in the background
    /// and keeps reconnecting with the core's <see cref="ReconnectBackoff"/>, re-subscribes after every
    /// reconnect and publishes <see cref="HostMqttClientOptions.OnlinePayload"/> over its retained will.
    /// The simulated device does not use it: its connection is driven by the core's DeviceSession.
    /// <para>
    /// Never blocks the caller on the network: <see cref="Connect"/> and <see cref="Subscribe"/> return at
    /// once, <see cref="Publish"/> fails fast with <c>-(int)MqttError.NotConnected</c> while disconnected.
    /// Events run on the client's background thread or on MQTTnet's: keep handlers short.
    /// </para>
    /// </summary>
    public sealed class HostMqttClient : IMqttTransport
    {
        private readonly HostMqttClientOptions _options;
        private readonly MqttNetConnection _connection;
        private readonly ReconnectBackoff _backoff;
        private readonly object _lock = new object();
        private readonly List<(string Filter, int Qos)> _subscriptions = new List<(string, int)>();
        private readonly Queue<(string Filter, int Qos)> _pendingSubscriptions = new Queue<(string Filter, int Qos)>();
        private readonly AutoResetEvent _wake = new AutoResetEvent(false);
        private Thread? _thread;
        private volatile bool _stopping;

        // When the current connection was accepted (Environment.TickCount64), ms: the back-off starts over only once it
        // has stayed up for a keep-alive period, as the device's session does.
        private long _connectedAtMs;
        private bool _disposed;

        // Connected was raised and Disconnected not yet (written by the background thread, read by Dispose after it stopped).
        private volatile bool _online;

        /// <summary>Creates the client (validating the options); call <see cref="Connect"/> to go online.</summary>
        public HostMqttClient(HostMqttClientOptions options)
        {
            ArgumentNullException.ThrowIfNull(options);
            options.Validate();
            _options = options;
            _backoff = new ReconnectBackoff(options.ReconnectDelayMinMs, options.ReconnectDelayMaxMs);
            _connection = new MqttNetConnection(options.Endpoint())
            {
                CleanSession = options.CleanSession,
                WillQos = options.WillQos,
                WillRetain = options.WillRetain,
            };
            _connection.MessageReceived += (topic, payload, qos, retain) => MessageReceived?.Invoke(new MqttMessage(topic, payload, qos, retain));
            _connection.Acknowledged += id => PublishAcknowledged?.Invoke(id);
            _connection.ConnectionLost += _ => _wake.Set();
        }

        /// <inheritdoc/>
        public event Action? Connected;

        /// <inheritdoc/>
        public event Action<int>? Disconnected;

        /// <inheritdoc/>
        public event Action<ConnectOutcome, string>? ConnectionFailed;

        /// <inheritdoc/>
        public event Action<int>? PublishAcknowledged;

        /// <inheritdoc/>
        public event Action<string, string>? SubscriptionRefused;

        /// <inheritdoc/>
        public event Action<MqttMessage>? MessageReceived;

        /// <summary>The client id this client connects with.</summary>
        public string ClientId => _options.ClientId;

        /// <inheritdoc/>
        public bool IsConnected => !_disposed && _connection.IsConnected;

        /// <summary>How the latest connection attempt ended.</summary>
        public ConnectOutcome LastOutcome { get; private set; }

        /// <summary>Why the latest attempt failed, in words, or null.</summary>
        public string? LastError { get; private set; }

        /// <inheritdoc/>
        public void Connect()
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            lock (_lock)
            {
                if (_thread != null)
                {
                    return;
                }

                _thread = new Thread(Run) { IsBackground = true, Name = "mqtt-" + _options.ClientId };
                _thread.Start();
            }
        }

        /// <inheritdoc/>
        public int Publish(string topic, byte[] payload, int offset, int count, int qos, bool retain)
        {
            ArgumentNullException.ThrowIfNull(payload);
            if (offset < 0 || count < 0 || offset + count > payload.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(count), "offset and count must lie within the payload");
            }

            if (qos < 0 || qos > 2)
            {
                throw new ArgumentOutOfRangeException(nameof(qos), "QoS must be 0, 1 or 2");
            }

            if (string.IsNullOrEmpty(topic) || topic.Contains('#') || topic.Contains('+'))
            {
                return -(int)MqttError.InvalidArgument;
            }

            if (_disposed)
            {
                return -(int)MqttError.NotConnected;
            }

            int id = _connection.PublishTo(topic, payload, offset, count, qos, retain);
            return id < 0 ? -(int)MqttError.NotConnected : id;
        }

        /// <inheritdoc/>
        /// <exception cref="ArgumentException">The filter is empty or uses a wildcard other than as a whole level ('#' only last), or the QoS is not 0..2; nothing is subscribed.</exception>
        public void Subscribe(string topicFilter, int qos)
        {
            // A programming error, so it throws like Publish: the broker would refuse it at every reconnect, unseen.
            ArgumentNullException.ThrowIfNull(topicFilter);
            if (qos < 0 || qos > 2)
            {
                throw new ArgumentOutOfRangeException(nameof(qos), "QoS must be 0, 1 or 2");
            }

            string? problem = FilterProblem(topicFilter);
            if (problem != null)
            {
                throw new ArgumentException("topic filter \"" + topicFilter + "\" " + problem, nameof(topicFilter));
            }

            if (_disposed)
            {
                return;
            }

            lock (_lock)
            {
                _subscriptions.Add((topicFilter, qos));
                _pendingSubscriptions.Enqueue((topicFilter, qos));
            }

            _wake.Set();
        }

        /// <summary>Cuts the connection without DISCONNECT (the broker publishes the will), as a crash or network fault would; the client reconnects.</summary>
        public void AbortConnection()
        {
            if (!_disposed)
            {
                _connection.Close(false);
                _wake.Set();
            }
        }

        /// <summary>Sends DISCONNECT (no will), stops the background thread and, when it was online, raises <see cref="Disconnected"/> with 0.</summary>
        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _stopping = true;
            _wake.Set();
            _thread?.Join(TimeSpan.FromSeconds(15));
            _disposed = true;
            _connection.Dispose();
            _wake.Dispose();

            // A requested disconnect ends the connection too: listeners tracking the state would otherwise still show it up.
            if (_online)
            {
                _online = false;
                Disconnected?.Invoke(0);
            }
        }

        private void Run()
        {
            bool online = false;
            while (!_stopping)
            {
                if (!online)
                {
                    ConnectOutcome outcome = _connection.Open(_options.ClientId, _options.Username ?? string.Empty, _options.Password ?? string.Empty, _options.KeepAliveSeconds, _options.WillTopic!, _options.WillPayload!);
                    LastOutcome = outcome;
                    LastError = _connection.LastError;
                    if (outcome != ConnectOutcome.Accepted)
                    {
                        ConnectionFailed?.Invoke(outcome, _connection.LastError ?? outcome.ToString());
                        WaitToRetry(_backoff.NextDelayMs());
                        continue;
                    }

                    lock (_lock)
                    {
                        _pendingSubscriptions.Clear();
                    }

                    foreach ((string filter, int qos) in Snapshot())
                    {
                        SubscribeOrReport(filter, qos);
                    }

                    if (_options.OnlinePayload != null)
                    {
                        _connection.PublishTo(_options.WillTopic!, _options.OnlinePayload, 0, _options.OnlinePayload.Length, _options.WillQos, _options.WillRetain);
                    }

                    // No back-off reset here: a broker that accepts and drops the connection at once (a client taking the
                    // same id over, an ACL that disconnects, a flapping broker) would otherwise be retried every minimum
                    // delay for ever. The schedule starts over once the connection has stayed up (below).
                    online = true;
                    _online = true;
                    _connectedAtMs = Environment.TickCount64;
                    Connected?.Invoke();
                    continue;
                }

                if (_backoff.FailureCount > 0 && _connection.IsConnected && Environment.TickCount64 - _connectedAtMs >= _options.KeepAliveSeconds * 1000L)
                {
                    _backoff.Reset();
                }

                if (!_connection.IsConnected)
                {
                    online = false;
                    _online = false;
                    Disconnected?.Invoke((int)MqttError.ConnectionLost);
                    WaitToRetry(_backoff.NextDelayMs());
                    continue;
                }

                (string Filter, int Qos)? pending = null;
                lock (_lock)
                {
                    if (_pendingSubscriptions.Count > 0)
                    {
                        pending = _pendingSubscriptions.Dequeue();
                    }
                }

                if (pending != null)
                {
                    SubscribeOrReport(pending.Value.Filter, pending.Value.Qos);
                    continue;
                }

                _wake.WaitOne(100);
            }
        }

        /// <summary>
        /// Subscribes on the current connection. A refusal while the connection stays up is reported: nothing would
        /// arrive on the filter, unseen. One lost with the connection is not: the reconnect subscribes again.
        /// </summary>
        private void SubscribeOrReport(string filter, int qos)
        {
            if (!_connection.Subscribe(filter, qos) && _connection.IsConnected)
            {
                SubscriptionRefused?.Invoke(filter, _connection.LastError ?? "refused");
            }
        }

        /// <summary>
        /// Waits out a reconnect delay. A wake (a subscription made while offline, or the lost connection's own signal
        /// arriving after the loop already saw the drop) must not cut it short, or the back-off is skipped; only
        /// <see cref="Dispose"/> ends it early.
        /// </summary>
        private void WaitToRetry(int delayMs)
        {
            long until = Environment.TickCount64 + delayMs;
            while (!_stopping)
            {
                long leftMs = until - Environment.TickCount64;
                if (leftMs <= 0)
                {
                    return;
                }

                _wake.WaitOne((int)leftMs);
            }
        }

        /// <summary>What makes <paramref name="filter"/> no MQTT topic filter (MQTT 4.7), or null when it is one.</summary>
        private static string? FilterProblem(string filter)
        {
            if (filter.Length == 0)
            {
                return "is empty";
            }

            string[] levels = filter.Split('/');
            for (int i = 0; i < levels.Length; i++)
            {
                string level = levels[i];
                if (level.Contains('#') && (level != "#" || i != levels.Length - 1))
                {
                    return "uses '#' other than as its whole last level";
                }

                if (level.Contains('+') && level != "+")
                {
                    return "uses '+' other than as a whole level";
                }
            }

            return null;
        }

        private List<(string Filter, int Qos)> Snapshot()
        {
            lock (_lock)
            {
                return new List<(string, int)>(_subscriptions);
            }
        }
    }
}
