// Licensed under the MIT License.

using System;
using Edge.Core.Telemetry.Encoding;
using Edge.Core.Telemetry.Outbox;
using Edge.Firmware.Commands;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;

namespace Edge.Firmware.Networking
{
    /// <summary>
    /// <see cref="IMqttConnection"/> over nanoFramework.M2Mqtt (MQTT 3.1.1, plain TCP). A new
    /// <see cref="MqttClient"/> is made for every connection attempt. Broker acknowledgements
    /// (MqttMsgPublished) go to the outbox; received commands go to the <see cref="CommandInbox"/>.
    /// </summary>
    public sealed class M2MqttTransport : IMqttConnection
    {
        private readonly string _host;
        private readonly int _port;
        private readonly TopicSet _topics;
        private readonly MessageOutbox _outbox;
        private readonly CommandInbox _inbox;
        private MqttClient _client;

        /// <summary>Targets <paramref name="host"/>:<paramref name="port"/>.</summary>
        public M2MqttTransport(string host, int port, TopicSet topics, MessageOutbox outbox, CommandInbox inbox)
        {
            if (host == null || host.Length == 0)
            {
                throw new ArgumentException("broker host required", nameof(host));
            }

            _host = host;
            _port = port;
            _topics = topics ?? throw new ArgumentNullException(nameof(topics));
            _outbox = outbox ?? throw new ArgumentNullException(nameof(outbox));
            _inbox = inbox ?? throw new ArgumentNullException(nameof(inbox));
        }

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
        public bool TryConnect(string clientId, string username, string password, string willTopic, string willMessage, int keepAliveS)
        {
            Close();
            try
            {
                MqttClient client = new MqttClient(_host, _port, false, null, null, MqttSslProtocols.None);
                client.ProtocolVersion = MqttProtocolVersion.Version_3_1_1;
                client.MqttMsgPublishReceived += OnPublishReceived;
                client.MqttMsgPublished += OnPublished;
                client.ConnectionClosed += OnConnectionClosed;
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

            // M2Mqtt takes a whole array: copy the message out of the outbox slot (network thread only).
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

            _outbox.ConnectionLost();
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
            if (e.IsPublished)
            {
                _outbox.Acknowledge(e.MessageId);
            }
        }

        private void OnPublishReceived(object sender, MqttMsgPublishEventArgs e)
        {
            _inbox.TryAdd(e.Topic, e.Message);
        }

        private void OnConnectionClosed(object sender, EventArgs e)
        {
            _outbox.ConnectionLost();
        }
    }
}
