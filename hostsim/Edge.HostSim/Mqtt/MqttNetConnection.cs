// Licensed under the MIT License.

using System.Buffers;
using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Edge.Core.Session;
using Edge.Core.Telemetry.Encoding;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Edge.HostSim.Mqtt
{
    /// <summary>
    /// One MQTT connection at a time over MQTTnet (MQTT 5), as the core's <see cref="IBrokerConnection"/>:
    /// <see cref="Open"/> blocks for one attempt and says why it failed (CONNACK reason, TLS, socket);
    /// <see cref="PublishTo"/> never blocks (it returns a message id and reports the broker's PUBACK later
    /// through <see cref="Acknowledged"/>); received messages go to <see cref="MessageReceived"/>. A new
    /// MQTTnet client is made for every attempt, so nothing of a broken connection survives into the next.
    /// MQTT 5 because it tells what 3.1.1 hides: a publish the broker's ACL refused comes back as PUBACK
    /// "not authorized" (<see cref="PublishRefused"/>), a refused subscription as SUBACK "not authorized".
    /// <para>
    /// Threads: <see cref="Open"/>, <see cref="Subscribe"/> and <see cref="Close"/> from one thread at a time;
    /// <see cref="PublishTo"/> from any. Events run on MQTTnet's threads: keep handlers short.
    /// </para>
    /// </summary>
    public sealed class MqttNetConnection : IBrokerConnection, IDisposable
    {
        private readonly MqttEndpoint _endpoint;
        private readonly TopicSet? _topics;
        private readonly object _lock = new object();
        private IMqttClient? _client;
        private int _nextMessageId;
        private bool _disposed;

        // A publish of the current client failed: the link is broken even when MQTTnet has not noticed yet (a
        // broker restarted within its keep-alive). Without this the session would wait on messages that are never
        // acknowledged and never reconnect.
        private IMqttClient? _failedClient;

        // Publishes handed to MQTTnet whose write has not completed yet: a QoS 0 message leaves the outbox when it is
        // handed over, and one still queued inside MQTTnet when the connection closes is never sent.
        private int _unwritten;
        private readonly int[] _unwrittenPerStream = new int[TopicSet.StreamCount];

        // The messages of _unwritten by id: whoever takes one out (its publish's end, or a close that gave up waiting for
        // it) settles it, once. MQTTnet may never end a publish whose write was under way when its client was disposed.
        private readonly ConcurrentDictionary<int, PendingPublish> _pending = new ConcurrentDictionary<int, PendingPublish>();

        /// <param name="endpoint">Broker address and TLS settings (validated here).</param>
        /// <param name="topics">The device topics the outbox publishes by <see cref="TopicId"/>; null for a client that only publishes by name.</param>
        public MqttNetConnection(MqttEndpoint endpoint, TopicSet? topics = null)
        {
            ArgumentNullException.ThrowIfNull(endpoint);
            endpoint.Validate();
            _endpoint = endpoint;
            _topics = topics;
        }

        /// <summary>Clean session (the default): the broker forgets subscriptions and queued messages on disconnect. False keeps them for an hour (MQTT 5 session expiry).</summary>
        public bool CleanSession { get; set; } = true;

        /// <summary>QoS of the Last Will (default 1).</summary>
        public int WillQos { get; set; } = 1;

        /// <summary>Retain flag of the Last Will (default true, so late subscribers see the state).</summary>
        public bool WillRetain { get; set; } = true;

        /// <summary>A message arrived: topic, payload (a private copy), QoS and retain flag as delivered.</summary>
        public event Action<string, byte[], int, bool>? MessageReceived;

        /// <summary>The broker acknowledged the message with this id (QoS 1: PUBACK; QoS 0: written to the socket).</summary>
        public event Action<int>? Acknowledged;

        /// <summary>
        /// The broker refused the QoS 1 message with this id (an error reason such as NotAuthorized): raised instead of
        /// <see cref="Acknowledged"/> when someone listens, so that the refusal is not taken for a delivery.
        /// </summary>
        public event Action<int>? Refused;

        /// <summary>The broker answered a QoS 1 publish with an error reason (e.g. NotAuthorized from an ACL): topic and reason.</summary>
        public event Action<string, string>? PublishRefused;

        /// <summary>
        /// A QoS 0 message handed over by <see cref="PublishTo"/> was never written (its connection broke or closed while
        /// MQTTnet still queued it): its topic. Nothing else reports it: QoS 0 has no acknowledgement to miss.
        /// </summary>
        public event Action<string>? Unsent;

        /// <summary>
        /// Messages handed over by <see cref="PublishTo"/> that MQTTnet has not yet written to the connection (QoS 0) or
        /// finished with (QoS 1: acknowledged, refused or failed). Closing the connection while it is above 0 loses them.
        /// </summary>
        public int UnwrittenCount => Volatile.Read(ref _unwritten);

        /// <summary>The messages of <see cref="UnwrittenCount"/> on a stream of the device topics given at construction.</summary>
        public int UnwrittenStreamCount(TopicId stream) => Volatile.Read(ref _unwrittenPerStream[(int)stream]);

        /// <summary>The connection ended other than through <see cref="Close"/>.</summary>
        public event Action<string>? ConnectionLost;

        /// <inheritdoc/>
        public string? LastError { get; private set; }

        /// <inheritdoc/>
        public bool IsConnected
        {
            get
            {
                IMqttClient? client = Volatile.Read(ref _client);
                return client != null && client.IsConnected && !ReferenceEquals(client, Volatile.Read(ref _failedClient));
            }
        }

        /// <inheritdoc/>
        public ConnectOutcome Open(string clientId, string username, string password, int keepAliveS, string willTopic, byte[] willPayload)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            Close(true);
            IMqttClient client = new MqttClientFactory().CreateMqttClient();
            client.ApplicationMessageReceivedAsync += OnMessage;
            client.DisconnectedAsync += e =>
            {
                if (e.ClientWasConnected && ReferenceEquals(Volatile.Read(ref _client), client))
                {
                    ConnectionLost?.Invoke(e.Reason + (e.Exception == null ? string.Empty : ": " + e.Exception.Message));
                }

                return Task.CompletedTask;
            };
            try
            {
                MqttClientOptions options = BuildOptions(clientId, username, password, keepAliveS, willTopic, willPayload);
                using CancellationTokenSource timeout = new CancellationTokenSource(_endpoint.ConnectTimeoutMs);
                MqttClientConnectResult result = client.ConnectAsync(options, timeout.Token).GetAwaiter().GetResult();
                if (result.ResultCode != MqttClientConnectResultCode.Success)
                {
                    client.Dispose();
                    LastError = "broker refused the connection: " + result.ResultCode + (string.IsNullOrEmpty(result.ReasonString) ? string.Empty : " (" + result.ReasonString + ")");
                    return Map(result.ResultCode);
                }
            }
            catch (Exception ex) when (ex is not ObjectDisposedException)
            {
                client.Dispose();
                return Classify(ex);
            }

            lock (_lock)
            {
                Volatile.Write(ref _client, client);
            }

            LastError = null;
            return ConnectOutcome.Accepted;
        }

        /// <inheritdoc/>
        public bool Subscribe(string topicFilter) => Subscribe(topicFilter, 1);

        /// <summary>Subscribes to <paramref name="topicFilter"/> at <paramref name="qos"/> (0 to 2); false, with <see cref="LastError"/>, when refused.</summary>
        public bool Subscribe(string topicFilter, int qos)
        {
            IMqttClient? client = Volatile.Read(ref _client);
            if (client == null || !client.IsConnected)
            {
                LastError = "not connected";
                return false;
            }

            try
            {
                MqttClientSubscribeOptions options = new MqttClientSubscribeOptionsBuilder().WithTopicFilter(topicFilter, (MqttQualityOfServiceLevel)Math.Clamp(qos, 0, 2)).Build();
                using CancellationTokenSource timeout = new CancellationTokenSource(_endpoint.ConnectTimeoutMs);
                MqttClientSubscribeResult result = client.SubscribeAsync(options, timeout.Token).GetAwaiter().GetResult();
                MqttClientSubscribeResultCode code = result.Items.Count == 0 ? MqttClientSubscribeResultCode.UnspecifiedError : result.Items.First().ResultCode;
                if (code > MqttClientSubscribeResultCode.GrantedQoS2)
                {
                    LastError = "broker refused the subscription to " + topicFilter + ": " + code + (code == MqttClientSubscribeResultCode.NotAuthorized ? " (ACL)" : string.Empty);
                    return false;
                }

                return true;
            }
            catch (Exception ex) when (ex is not ObjectDisposedException)
            {
                LastError = "subscription to " + topicFilter + " failed: " + ex.Message;
                return false;
            }
        }

        /// <inheritdoc/>
        public int Publish(TopicId topic, byte[] payload, int offset, int count, int qos, bool retain)
        {
            TopicSet topics = _topics ?? throw new InvalidOperationException("This connection was made without device topics.");
            return PublishTo(topics[topic], payload, offset, count, qos, retain);
        }

        /// <inheritdoc/>
        public int PublishTo(string topic, byte[] payload, int offset, int count, int qos, bool retain)
        {
            ArgumentNullException.ThrowIfNull(payload);
            ArgumentOutOfRangeException.ThrowIfNegative(offset);
            ArgumentOutOfRangeException.ThrowIfNegative(count);
            if (offset + count > payload.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(count), "offset + count exceeds the payload");
            }

            if (qos < 0 || qos > 2)
            {
                throw new ArgumentOutOfRangeException(nameof(qos), "QoS must be 0, 1 or 2");
            }

            IMqttClient? client = Volatile.Read(ref _client);
            if (client == null || !client.IsConnected)
            {
                return -1;
            }

            // The caller's buffer (an outbox slot) is reused as soon as we return: MQTTnet gets its own copy.
            MqttApplicationMessage message = new MqttApplicationMessage
            {
                Topic = topic,
                Payload = new ReadOnlySequence<byte>(payload.AsSpan(offset, count).ToArray()),
                QualityOfServiceLevel = (MqttQualityOfServiceLevel)qos,
                Retain = retain,
            };
            Task<MqttClientPublishResult> sending;
            int stream = StreamOf(topic);
            Interlocked.Increment(ref _unwritten);
            if (stream >= 0)
            {
                Interlocked.Increment(ref _unwrittenPerStream[stream]);
            }

            int id = TakeFreeMessageId(new PendingPublish(topic, stream, qos));
            if (id < 0)
            {
                // Not taken (as when not connected): the outbox keeps the message.
                Written(stream);
                return -1;
            }

            try
            {
                sending = client.PublishAsync(message);
            }
            catch (Exception)
            {
                // Not connected any more, invalid topic, disposed: the outbox keeps the message.
                if (_pending.TryRemove(id, out _))
                {
                    Written(stream);
                }

                return -1;
            }

            if (sending.IsCompletedSuccessfully)
            {
                if (_pending.TryRemove(id, out _))
                {
                    Written(stream);
                    Complete(topic, id, sending.Result);
                }
            }
            else
            {
                sending.ContinueWith(
                    t =>
                    {
                        if (!_pending.TryRemove(id, out _))
                        {
                            // The close already counted it as never written.
                            return;
                        }

                        Written(stream);
                        if (t.IsCompletedSuccessfully)
                        {
                            Complete(topic, id, t.Result);
                        }
                        else
                        {
                            // A QoS 1 message stays in the outbox and goes again on the next session; a QoS 0 one is gone.
                            if (qos == 0)
                            {
                                Unsent?.Invoke(topic);
                            }

                            Fail(client, t.Exception?.GetBaseException().Message ?? "publish cancelled");
                        }
                    },
                    CancellationToken.None,
                    TaskContinuationOptions.ExecuteSynchronously,
                    TaskScheduler.Default);
            }

            return id;
        }

        /// <summary>A message counted in <see cref="UnwrittenCount"/> (of <paramref name="stream"/>, -1: none) is done with.</summary>
        private void Written(int stream)
        {
            if (stream >= 0)
            {
                Interlocked.Decrement(ref _unwrittenPerStream[stream]);
            }

            Interlocked.Decrement(ref _unwritten);
        }

        /// <summary>The stream <paramref name="topic"/> is one of, or -1.</summary>
        private int StreamOf(string topic)
        {
            if (_topics != null)
            {
                for (int s = 0; s < TopicSet.StreamCount; s++)
                {
                    if (topic == _topics[(TopicId)s])
                    {
                        return s;
                    }
                }
            }

            return -1;
        }

        private void Fail(IMqttClient client, string reason)
        {
            if (ReferenceEquals(Volatile.Read(ref _client), client) && Interlocked.Exchange(ref _failedClient, client) != client)
            {
                LastError = "publish failed: " + reason;
                ConnectionLost?.Invoke(LastError);
            }
        }

        /// <inheritdoc/>
        public void Close(bool sendDisconnect)
        {
            IMqttClient? client;
            lock (_lock)
            {
                client = _client;
                Volatile.Write(ref _client, null);
            }

            if (client == null)
            {
                return;
            }

            if (sendDisconnect && client.IsConnected)
            {
                try
                {
                    using CancellationTokenSource timeout = new CancellationTokenSource(2000);
                    client.DisconnectAsync(new MqttClientDisconnectOptions { Reason = MqttClientDisconnectOptionsReason.NormalDisconnection }, timeout.Token).GetAwaiter().GetResult();
                }
                catch (Exception)
                {
                    // Already broken: dropping it is all that is left.
                }
            }

            // Without a DISCONNECT the broker sees the socket close and publishes the Last Will.
            client.Dispose();
            SettleAbandonedPublishes();
        }

        /// <summary>
        /// The publishes the closed client still holds end with it, mostly within moments. One whose write was under way on a
        /// stalled link may never end (a loaded machine left several so): after a short wait each of those is settled as a
        /// publish that failed, so that a QoS 0 message is reported <see cref="Unsent"/> (lost, not waiting forever) and
        /// <see cref="UnwrittenCount"/> comes back down. A QoS 1 message stays in the outbox for the next session.
        /// </summary>
        private void SettleAbandonedPublishes()
        {
            SpinWait.SpinUntil(() => _pending.IsEmpty, AbandonedPublishWaitMs);
            foreach (KeyValuePair<int, PendingPublish> entry in _pending)
            {
                if (_pending.TryRemove(entry.Key, out PendingPublish pending))
                {
                    Written(pending.Stream);
                    if (pending.Qos == 0)
                    {
                        Unsent?.Invoke(pending.Topic);
                    }
                }
            }
        }

        // How long a close waits for its client's publishes to end before it settles the rest as failed.
        private const int AbandonedPublishWaitMs = 500;

        /// <summary>A message handed to MQTTnet and not yet settled: what settling it needs.</summary>
        private readonly record struct PendingPublish(string Topic, int Stream, int Qos);

        /// <summary>Closes with DISCONNECT.</summary>
        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            Close(true);
            _disposed = true;
        }

        /// <summary>The outcome for a CONNACK reason code.</summary>
        public static ConnectOutcome Map(MqttClientConnectResultCode code)
        {
            switch (code)
            {
                case MqttClientConnectResultCode.Success:
                    return ConnectOutcome.Accepted;
                case MqttClientConnectResultCode.BadUserNameOrPassword:
                case MqttClientConnectResultCode.BadAuthenticationMethod:
                    return ConnectOutcome.BadCredentials;
                case MqttClientConnectResultCode.NotAuthorized:
                case MqttClientConnectResultCode.Banned:
                    return ConnectOutcome.NotAuthorized;
                case MqttClientConnectResultCode.ServerUnavailable:
                case MqttClientConnectResultCode.UseAnotherServer:
                case MqttClientConnectResultCode.ServerMoved:
                    return ConnectOutcome.BrokerUnreachable;
                default:
                    return ConnectOutcome.Refused;
            }
        }

        private ConnectOutcome Classify(Exception failure)
        {
            // Without TLS, a connection the broker accepted and then closed before any CONNACK is most often a TLS
            // listener that could not read a plain CONNECT as a handshake: host and port answer, so "unreachable" would
            // point at the wrong fix.
            if (_endpoint.CaFile == null && IsClosedByPeer(failure.GetBaseException()))
            {
                LastError = "broker " + _endpoint.Host + ":" + _endpoint.Port + " closed the connection without answering CONNECT; is port " + _endpoint.Port + " a TLS listener? (it then needs its CA certificate)";
                return ConnectOutcome.TlsFailed;
            }

            // The cause is usually wrapped (MqttConnectingFailedException, MqttCommunicationException): look down the chain.
            for (Exception? e = failure; e != null; e = e.InnerException)
            {
                if (e is AuthenticationException)
                {
                    LastError = "TLS handshake with " + _endpoint.Host + ":" + _endpoint.Port + " failed: " + e.Message;
                    return ConnectOutcome.TlsFailed;
                }

                // A failed TCP connect is refused, unreachable or timed out; a reset, an abort or a stream error (EOF) needs
                // a connection the broker accepted. With TLS on, that is the handshake, broken off by a broker that does
                // not speak TLS there (a plain-MQTT port given for a TLS broker): not an unreachable one.
                if (_endpoint.CaFile != null && (e is IOException || (e is SocketException dropped && (dropped.SocketErrorCode == SocketError.ConnectionReset || dropped.SocketErrorCode == SocketError.ConnectionAborted))))
                {
                    LastError = "TLS handshake with " + _endpoint.Host + ":" + _endpoint.Port + " failed: the broker closed the connection (" + e.GetBaseException().Message + "); is port " + _endpoint.Port + " a TLS listener?";
                    return ConnectOutcome.TlsFailed;
                }

                if (e is SocketException socket)
                {
                    LastError = "broker " + _endpoint.Host + ":" + _endpoint.Port + " unreachable: " + socket.SocketErrorCode + " (" + socket.Message + ")";
                    return ConnectOutcome.BrokerUnreachable;
                }
            }

            if (failure is OperationCanceledException || failure is MQTTnet.Exceptions.MqttCommunicationTimedOutException)
            {
                LastError = "broker " + _endpoint.Host + ":" + _endpoint.Port + " unreachable: no answer within " + _endpoint.ConnectTimeoutMs + " ms";
                return ConnectOutcome.BrokerUnreachable;
            }

            LastError = "connection to " + _endpoint.Host + ":" + _endpoint.Port + " failed: " + failure.GetBaseException().Message;
            return ConnectOutcome.BrokerUnreachable;
        }

        /// <summary>A connection that was up and ended from the other side: closed (EOF), reset or aborted; not refused or timed out.</summary>
        private static bool IsClosedByPeer(Exception root)
        {
            if (root is SocketException socket)
            {
                return socket.SocketErrorCode == SocketError.ConnectionReset || socket.SocketErrorCode == SocketError.ConnectionAborted;
            }

            return root is IOException || (root is MQTTnet.Exceptions.MqttCommunicationException && root is not MQTTnet.Exceptions.MqttCommunicationTimedOutException);
        }

        private MqttClientOptions BuildOptions(string clientId, string username, string password, int keepAliveS, string willTopic, byte[] willPayload)
        {
            MqttClientOptionsBuilder builder = new MqttClientOptionsBuilder()
                .WithTcpServer(_endpoint.Host, _endpoint.Port)
                .WithProtocolVersion(MqttProtocolVersion.V500)
                .WithClientId(clientId)
                .WithCleanSession(CleanSession)
                .WithKeepAlivePeriod(TimeSpan.FromSeconds(keepAliveS))
                .WithTimeout(TimeSpan.FromMilliseconds(_endpoint.ConnectTimeoutMs));
            if (!CleanSession)
            {
                builder.WithSessionExpiryInterval(3600);
            }

            if (!string.IsNullOrEmpty(username))
            {
                builder.WithCredentials(username, password ?? string.Empty);
            }

            if (willTopic != null && willPayload != null)
            {
                builder.WithWillTopic(willTopic).WithWillPayload(willPayload).WithWillQualityOfServiceLevel((MqttQualityOfServiceLevel)WillQos).WithWillRetain(WillRetain);
            }

            if (_endpoint.CaFile != null)
            {
                X509Certificate2Collection trust = new X509Certificate2Collection();
                trust.ImportFromPemFile(_endpoint.CaFile);
                List<X509Certificate2> own = new List<X509Certificate2>();
                if (_endpoint.ClientCertificateFile != null)
                {
                    own.Add(X509Certificate2.CreateFromPemFile(_endpoint.ClientCertificateFile, _endpoint.ClientKeyFile));
                }

                builder.WithTlsOptions(tls =>
                {
                    tls.UseTls()
                        .WithTrustChain(trust)
                        .WithRevocationMode(X509RevocationMode.NoCheck)
                        .WithCertificateValidationHandler(e => e.SslPolicyErrors == System.Net.Security.SslPolicyErrors.None);
                    if (own.Count > 0)
                    {
                        tls.WithClientCertificates(own);
                    }
                });
            }

            return builder.Build();
        }

        private void Complete(string topic, int id, MqttClientPublishResult result)
        {
            if (!result.IsSuccess && result.ReasonCode != MqttClientPublishReasonCode.NoMatchingSubscribers)
            {
                PublishRefused?.Invoke(topic, result.ReasonCode.ToString());
                Action<int>? refused = Refused;
                if (refused != null)
                {
                    refused(id);
                    return;
                }
            }

            Acknowledged?.Invoke(id);
        }

        /// <summary>
        /// The next id (1..65535, like MQTT packet ids, so callers written for the wire's ids work unchanged) that no
        /// unsettled publish holds, entered in the ledger for <paramref name="pending"/>; -1 when every id is held. An id
        /// comes round again after 65,535 publishes, and a QoS 1 publish still waiting for its PUBACK by then (QoS 0
        /// telemetry goes on meanwhile) must keep its own: a later publish under the same id took its ledger entry, and
        /// that publish's end acknowledged it to the outbox, which then freed an event the broker may never have had.
        /// MQTT has the same rule for the packet ids in use.
        /// </summary>
        private int TakeFreeMessageId(PendingPublish pending)
        {
            for (int tries = 0; tries <= 0xFFFF; tries++)
            {
                int id = Interlocked.Increment(ref _nextMessageId) & 0xFFFF;
                if (id != 0 && _pending.TryAdd(id, pending))
                {
                    return id;
                }
            }

            return -1;
        }

        private Task OnMessage(MqttApplicationMessageReceivedEventArgs e)
        {
            MqttApplicationMessage message = e.ApplicationMessage;
            MessageReceived?.Invoke(message.Topic, message.Payload.ToArray(), (int)message.QualityOfServiceLevel, message.Retain);
            return Task.CompletedTask;
        }
    }
}
