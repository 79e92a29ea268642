// Licensed under the MIT License.

using System;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Edge.Core.Session;
using Edge.Core.Telemetry.Encoding;
using Edge.Core.Telemetry.Outbox;
using Edge.Firmware.Diagnostics;
using Edge.Firmware.Persistence;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;

namespace Edge.Firmware.Networking
{
    /// <summary>
    /// The core's <see cref="IBrokerConnection"/> over nanoFramework.M2Mqtt (MQTT 3.1.1), plain TCP or TLS 1.2
    /// with the CA certificate (and optional client certificate) from the device settings. Each attempt first
    /// brings the link up (<see cref="INetworkConnection"/>, Wi-Fi), then makes a new <see cref="MqttClient"/>. The steps that
    /// stop the whole runtime (a name lookup; over TLS the whole connect, <see cref="BrokerAddress"/>) run inside the
    /// control loop's quiet window (<see cref="IControlPause"/>: every switch open, the gap expected); over TLS only once a
    /// plain TCP connect found the broker answering (<see cref="BrokerConnectGate"/>). A window not granted, or a broker
    /// that does not answer, fails the attempt, which is retried after the session's back-off.
    /// Broker acknowledgements (MqttMsgPublished) of the current client go to the outbox and the device-event log (each
    /// ignores the ids of the other's messages: one client numbers both; <see cref="AcknowledgementRouter"/> drops a closed
    /// client's); received messages to the session.
    /// </summary>
    public sealed class M2MqttTransport : ISessionConnection
    {
        private const int SubscribeTimeoutMs = 10000;

        /// <summary>
        /// Messages M2Mqtt may hold at once (unsent, or QoS 1 awaiting PUBACK). Its default is unbounded: on a link
        /// that stopped draining (half-open TCP, a broker that stopped reading) every QoS 0 publish would stay on the
        /// heap until the socket fails, minutes later. Full, Publish throws and the outbox keeps the message; the
        /// session drops a link that stays full for a keep-alive period. Room for a reconnect's burst: the outbox's
        /// in-flight window (10), the discovery configs and the device events kept while offline (32).
        /// </summary>
        private const int ClientQueueLimit = 64;

        private readonly string _host;
        private readonly int _port;
        private readonly BrokerConnectGate _gate;
        private readonly TopicSet _topics;
        private readonly INetworkConnection _network;
        private readonly MessageOutbox _outbox;
        private readonly X509Certificate _caCertificate;
        private readonly X509Certificate _clientCertificate;
        private readonly SubscribeAnswer _subscribed = new SubscribeAnswer();
        private readonly AcknowledgementRouter _acknowledgements;
        private DeviceSession _session;
        private MqttClient _client;

        /// <summary>
        /// Targets the broker in <paramref name="settings"/> (TLS when it carries a CA certificate, validated by the settings
        /// parser); <paramref name="pause"/> is the control loop's quiet window, null when there is no loop to pause.
        /// </summary>
        public M2MqttTransport(DeviceSettings settings, TopicSet topics, INetworkConnection network, MessageOutbox outbox, IControlPause pause)
        {
            if (settings == null || settings.MqttHost == null || settings.MqttHost.Length == 0)
            {
                throw new ArgumentException("broker host required", nameof(settings));
            }

            _host = settings.MqttHost;
            _port = settings.MqttPort;
            _topics = topics ?? throw new ArgumentNullException(nameof(topics));
            _network = network ?? throw new ArgumentNullException(nameof(network));
            _outbox = outbox ?? throw new ArgumentNullException(nameof(outbox));
            _acknowledgements = new AcknowledgementRouter(outbox);
            _gate = new BrokerConnectGate(_host, _port, settings.MqttUsesTls, new SocketBrokerProbe(), pause);
            if (settings.MqttUsesTls)
            {
                // mbedTLS parses PEM text; the parser has checked its structure and named the key if it was wrong.
                _caCertificate = new X509Certificate(settings.MqttCaCertificate);
                if (settings.MqttClientCertificate.Length > 0)
                {
                    _clientCertificate = new X509Certificate2(settings.MqttClientCertificate, settings.MqttClientKey, null);
                }
            }
        }

        /// <inheritdoc />
        public DeviceSession Session
        {
            get { return _session; }
            set { _session = value; }
        }

        /// <inheritdoc />
        public DeviceEventLog Events
        {
            get { return _acknowledgements.Events; }
            set { _acknowledgements.Events = value; }
        }

        /// <inheritdoc />
        public string LastError { get; private set; }

        /// <inheritdoc />
        public bool IsConnected
        {
            get
            {
                MqttClient client = _client;
                return client != null && client.IsConnected;
            }
        }

        /// <inheritdoc />
        public ConnectOutcome Open(string clientId, string username, string password, int keepAliveS, string willTopic, byte[] willPayload)
        {
            Close(true);
            if (!_network.TryConnect())
            {
                LastError = _network.LastError;
                return ConnectOutcome.NetworkUnavailable;
            }

            bool secure = _caCertificate != null;
            ConnectOutcome ready = _gate.Open();
            if (ready != ConnectOutcome.Accepted)
            {
                LastError = _gate.LastError;
                return ready;
            }

            MqttClient client = null;
            try
            {
                client = new MqttClient(_gate.ConnectHost, _port, secure, _caCertificate, _clientCertificate, secure ? MqttSslProtocols.TLSv1_2 : MqttSslProtocols.None);
                client.ProtocolVersion = MqttProtocolVersion.Version_3_1_1;
                client.Settings.InflightQueueSize = ClientQueueLimit;
                client.MqttMsgPublishReceived += OnPublishReceived;
                client.MqttMsgPublished += OnPublished;
                client.MqttMsgSubscribed += OnSubscribed;
                client.ConnectionClosed += OnConnectionClosed;
                MqttReasonCode code = client.Connect(
                    clientId,
                    username == null || username.Length == 0 ? null : username,
                    password == null || password.Length == 0 ? null : password,
                    true,
                    MqttQoSLevel.AtLeastOnce,
                    true,
                    willTopic,
                    Encoding.UTF8.GetString(willPayload, 0, willPayload.Length),
                    true,
                    (ushort)keepAliveS);

                // The blocking part is over; what follows waits on sockets.
                _gate.ClientReturned();

                if (code != MqttReasonCode.Success)
                {
                    client.Close();
                    LastError = "broker " + _host + ":" + _port.ToString() + " refused the connection (CONNACK " + ((int)code).ToString() + ")";
                    return Map(code);
                }

                _acknowledgements.Attach(client);
                _client = client;
                _gate.Connected();
                LastError = null;
                return ConnectOutcome.Accepted;
            }
            catch (SocketException ex)
            {
                _gate.Failed();
                Release(client);
                LastError = "broker " + _host + ":" + _port.ToString() + " unreachable: socket error " + ex.ErrorCode.ToString();
                return ConnectOutcome.BrokerUnreachable;
            }
            catch (Exception ex)
            {
                _gate.Failed();
                Release(client);

                // nanoFramework reports a failed TLS handshake as a plain exception from the SslStream inside M2Mqtt.
                LastError = (secure ? "TLS connection to " : "connection to ") + _host + ":" + _port.ToString() + " failed: " + ex.Message;
                return secure ? ConnectOutcome.TlsFailed : ConnectOutcome.BrokerUnreachable;
            }
            finally
            {
                _gate.ClientReturned();
            }
        }

        /// <inheritdoc />
        public int Publish(TopicId topic, byte[] payload, int offset, int count, int qos, bool retain)
        {
            return PublishTo(_topics[topic], payload, offset, count, qos, retain);
        }

        /// <inheritdoc />
        public int PublishTo(string topic, byte[] payload, int offset, int count, int qos, bool retain)
        {
            MqttClient client = _client;
            if (client == null || !client.IsConnected)
            {
                return -1;
            }

            // M2Mqtt takes a whole array and keeps it until the broker acknowledged a QoS 1 message: a copy of
            // the outbox slot (network thread only; M2Mqtt allocates its packet per publish anyway).
            byte[] message = new byte[count];
            Array.Copy(payload, offset, message, 0, count);
            try
            {
                return client.Publish(topic, message, null, null, qos == 0 ? MqttQoSLevel.AtMostOnce : MqttQoSLevel.AtLeastOnce, retain);
            }
            catch (Exception)
            {
                // In-flight queue full or connection lost while sending: the outbox keeps the message.
                return -1;
            }
        }

        /// <inheritdoc />
        public bool Subscribe(string topicFilter)
        {
            MqttClient client = _client;
            if (client == null || !client.IsConnected)
            {
                LastError = "not connected";
                return false;
            }

            try
            {
                _subscribed.Expect();
                client.Subscribe(new string[] { topicFilter }, new MqttQoSLevel[] { MqttQoSLevel.AtLeastOnce });
                string refused = _subscribed.Await(topicFilter, SubscribeTimeoutMs);
                if (refused != null)
                {
                    LastError = refused;
                    return false;
                }

                return true;
            }
            catch (Exception ex)
            {
                LastError = "subscription to " + topicFilter + " failed: " + ex.Message;
                return false;
            }
        }

        /// <inheritdoc />
        public void Close(bool sendDisconnect)
        {
            MqttClient client = _client;
            _client = null;
            if (client == null)
            {
                return;
            }

            // From here on its late PUBACKs are stale: the next client's packet ids start at 1 again.
            _acknowledgements.Detach();
            _outbox.ConnectionLost();
            try
            {
                if (sendDisconnect && client.IsConnected)
                {
                    client.Disconnect();
                }

                client.Close();
            }
            catch (Exception)
            {
                // Already broken; nothing left to release.
            }
        }

        private static ConnectOutcome Map(MqttReasonCode code)
        {
            switch (code)
            {
                case MqttReasonCode.BadUserNameOrPassword:
                case MqttReasonCode.ConnectionRefusedBadUserNameOrPassword:
                    return ConnectOutcome.BadCredentials;
                case MqttReasonCode.NotAuthorized:
                case MqttReasonCode.ConnectionRefusedNotAuthorized:
                case MqttReasonCode.Banned:
                    return ConnectOutcome.NotAuthorized;
                case MqttReasonCode.ServerUnavailable:
                case MqttReasonCode.ConnectionRefusedServerUnavailable:
                    return ConnectOutcome.BrokerUnreachable;
                default:
                    return ConnectOutcome.Refused;
            }
        }

        private static void Release(MqttClient client)
        {
            if (client == null)
            {
                return;
            }

            try
            {
                client.Close();
            }
            catch (Exception)
            {
                // Never connected: nothing to release.
            }
        }

        private void OnPublished(object sender, MqttMsgPublishedEventArgs e)
        {
            _acknowledgements.Published(sender, e.MessageId, e.IsPublished);
        }

        private void OnSubscribed(object sender, MqttMsgSubscribedEventArgs e)
        {
            MqttQoSLevel[] granted = e.GrantedQoSLevels;
            _subscribed.Answered(granted != null && granted.Length > 0 && granted[0] != MqttQoSLevel.GrantedFailure);
        }

        private void OnPublishReceived(object sender, MqttMsgPublishEventArgs e)
        {
            DeviceSession session = _session;
            if (session != null)
            {
                session.Receive(e.Topic, e.Message, e.Retain);
            }
        }

        private void OnConnectionClosed(object sender, EventArgs e)
        {
            _acknowledgements.Closed(sender);
        }
    }
}
