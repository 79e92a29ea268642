// Licensed under the MIT License.

using System.Collections;
using System.Text;
using Edge.Core.Telemetry.Encoding;
using Edge.Firmware.Networking;

namespace NFUnitTest.Fakes
{
    /// <summary>Broker stand-in: records the connect parameters and every publish; the test decides connectivity.</summary>
    public sealed class FakeConnection : IMqttConnection
    {
        private readonly TopicSet _topics;
        private int _nextMessageId = 1;

        /// <summary>Names TopicId publishes with <paramref name="topics"/>.</summary>
        public FakeConnection(TopicSet topics)
        {
            _topics = topics;
        }

        /// <summary>Published messages as "topic|payload|qos|retained-or-dash" lines, in order.</summary>
        public ArrayList Published { get; } = new ArrayList();

        /// <summary>Subscribed filters.</summary>
        public ArrayList Subscriptions { get; } = new ArrayList();

        /// <summary>What the next TryConnect answers.</summary>
        public bool AcceptConnect { get; set; } = true;

        /// <summary>When false, publishes are refused (queue full).</summary>
        public bool AcceptPublish { get; set; } = true;

        /// <summary>Client id of the last connect.</summary>
        public string ClientId { get; private set; }

        /// <summary>Last Will topic of the last connect.</summary>
        public string WillTopic { get; private set; }

        /// <summary>Last Will payload of the last connect.</summary>
        public string WillMessage { get; private set; }

        /// <summary>Keep-alive of the last connect, s.</summary>
        public int KeepAliveS { get; private set; }

        /// <inheritdoc />
        public bool IsConnected { get; set; }

        /// <inheritdoc />
        public bool TryConnect(string clientId, string username, string password, string willTopic, string willMessage, int keepAliveS)
        {
            ClientId = clientId;
            WillTopic = willTopic;
            WillMessage = willMessage;
            KeepAliveS = keepAliveS;
            IsConnected = AcceptConnect;
            return AcceptConnect;
        }

        /// <inheritdoc />
        public int Publish(TopicId topic, byte[] payload, int offset, int count, int qos, bool retain)
        {
            return PublishTo(_topics[topic], payload, offset, count, qos, retain);
        }

        /// <inheritdoc />
        public int PublishTo(string topic, byte[] payload, int offset, int count, int qos, bool retain)
        {
            if (!IsConnected || !AcceptPublish)
            {
                return -1;
            }

            Published.Add(topic + "|" + Encoding.UTF8.GetString(payload, offset, count) + "|" + qos.ToString() + "|" + (retain ? "retained" : "-"));
            return _nextMessageId++;
        }

        /// <inheritdoc />
        public bool TrySubscribe(string topicFilter)
        {
            Subscriptions.Add(topicFilter);
            return IsConnected;
        }

        /// <inheritdoc />
        public void Close()
        {
            IsConnected = false;
        }

        /// <summary>Published line <paramref name="index"/>.</summary>
        public string PublishedAt(int index)
        {
            return (string)Published[index];
        }

        /// <summary>Index of the first published line starting with <paramref name="prefix"/>, or -1.</summary>
        public int IndexOf(string prefix)
        {
            for (int i = 0; i < Published.Count; i++)
            {
                if (((string)Published[i]).StartsWith(prefix))
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
