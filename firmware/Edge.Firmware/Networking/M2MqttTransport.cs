// Licensed under the MIT License.

using System;
using System.Threading;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;

namespace Edge.Firmware.Networking
{
    /// <summary>
    /// <see cref="IMessageTransport"/> over nanoFramework.M2Mqtt (MQTT 3.1.1, plain TCP). A new
    /// <see cref="MqttClient"/> is made for every connection attempt, since a closed client is not
    /// reused. Broker acknowledgements (MqttMsgPublished) decrement the in-flight count.
    /// </summary>
    public sealed class M2MqttTransport : IMessageTransport
    {
        private readonly string _host;
        private readonly int _port;
        private readonly ICommandSink _sink;
        private MqttClient _client;
        private int _inFlight;

        /// <summary>Targets <paramref name="host"/>:<paramref name="port"/>; incoming messages go to <paramref name="sink"/>.</summary>
        public M2MqttTransport(string host, int port, ICommandSink sink)
        {
            if (host == null || host.Length == 0)
            {
                throw new ArgumentException("broker host required", nameof(host));
            }

            _host = host;
            _port = port;
            _sink = sink ?? throw new ArgumentNullException(nameof(sink));
        }

        /// <inheritdoc />
        public bool IsConnected
        {
            get { return _client != null && _client.IsConnected; }
        }

        /// <inheritdoc />
        public int InFlightCount
        {
            get { return _inFlight; }
        }

        /// <inheritdoc />
        public bool TryConnect(string clientId, string username, string password, string willTopic, string willMessage, int keepAliveS)
        {
            Close();
            try
            {
                MqttClient client = new MqttClient(_host, _port, false, null, null, MqttSslProtocols.None);
                client.ProtocolVersion = MqttProtocolVersion.Version_3_1_1;
                client.MqttMsgPublishReceived += OnPublishReceived;
                client.MqttMsgPublished += OnPublished;
                MqttReasonCode code = client.Connect(
                    clientId,
                    username.Length == 0 ? null : username,
                    password.Length == 0 ? null : password,
                    true,
                    MqttQoSLevel.AtLeastOnce,
                    true,
                    willTopic,
                    willMessage,
                    true,
                    (ushort)keepAliveS);
                if (code != MqttReasonCode.Success)
                {
                    client.Close();
                    return false;
                }

                _inFlight = 0;
                _client = client;
                return true;
            }
            catch (Exception)
            {
                // Socket, DNS or protocol failure: the caller backs off and retries.
                return false;
            }
        }

        /// <inheritdoc />
        public bool TryPublish(string topic, byte[] payload, bool retain)
        {
            MqttClient client = _client;
            if (client == null || !client.IsConnected)
            {
                return false;
            }

            try
            {
                client.Publish(topic, payload, null, null, MqttQoSLevel.AtLeastOnce, retain);
                Interlocked.Increment(ref _inFlight);
                return true;
            }
            catch (Exception)
            {
                // In-flight queue full or connection lost while sending.
                return false;
            }
        }

        /// <inheritdoc />
        public bool TrySubscribe(string topicFilter)
        {
            MqttClient client = _client;
            if (client == null || !client.IsConnected)
            {
                return false;
            }

            try
            {
                client.Subscribe(new string[] { topicFilter }, new MqttQoSLevel[] { MqttQoSLevel.AtLeastOnce });
                return true;
            }
            catch (Exception)
            {
                return false;
            }
        }

        /// <inheritdoc />
        public void Close()
        {
            MqttClient client = _client;
            _client = null;
            if (client == null)
            {
                return;
            }

            try
            {
                if (client.IsConnected)
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

        private void OnPublished(object sender, MqttMsgPublishedEventArgs e)
        {
            if (e.IsPublished && _inFlight > 0)
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }

        private void OnPublishReceived(object sender, MqttMsgPublishEventArgs e)
        {
            _sink.OnMessage(e.Topic, e.Message);
        }
    }
}
