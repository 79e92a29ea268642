// Licensed under the MIT License.

using System.Collections;
using System.Text;
using Edge.Firmware.Networking;

namespace NFUnitTest.Fakes
{
    /// <summary>Broker stand-in: records the connect parameters and every publish; the test decides connectivity and acknowledgements.</summary>
    public sealed class FakeTransport : IMessageTransport
    {
        /// <summary>Published messages as "topic|payload|retain" lines, in order.</summary>
        public ArrayList Published { get; } = new ArrayList();

        /// <summary>Subscribed filters.</summary>
        public ArrayList Subscriptions { get; } = new ArrayList();

        /// <summary>What the next TryConnect answers.</summary>
        public bool AcceptConnect { get; set; } = true;

        /// <summary>When false, publishes are refused (queue full or connection lost).</summary>
        public bool AcceptPublish { get; set; } = true;

        /// <summary>When true, publishes do not count as in flight (the broker acknowledges at once).</summary>
        public bool AcknowledgeImmediately { get; set; } = true;

        /// <summary>Client id of the last connect.</summary>
        public string ClientId { get; private set; }

        /// <summary>Last Will topic of the last connect.</summary>
        public string WillTopic { get; private set; }

        /// <summary>Last Will payload of the last connect.</summary>
        public string WillMessage { get; private set; }

        /// <summary>Number of Close calls.</summary>
        public int CloseCount { get; private set; }

        /// <inheritdoc />
        public bool IsConnected { get; set; }

        /// <inheritdoc />
        public int InFlightCount { get; set; }

        /// <inheritdoc />
        public bool TryConnect(string clientId, string username, string password, string willTopic, string willMessage, int keepAliveS)
        {
            ClientId = clientId;
            WillTopic = willTopic;
            WillMessage = willMessage;
            IsConnected = AcceptConnect;
            return AcceptConnect;
        }

        /// <inheritdoc />
        public bool TryPublish(string topic, byte[] payload, bool retain)
        {
            if (!IsConnected || !AcceptPublish)
            {
                return false;
            }

            Published.Add(topic + "|" + Encoding.UTF8.GetString(payload, 0, payload.Length) + "|" + (retain ? "retained" : "-"));
            if (!AcknowledgeImmediately)
            {
                InFlightCount++;
            }

            return true;
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
            CloseCount++;
        }

        /// <summary>Published line <paramref name="index"/>.</summary>
        public string PublishedAt(int index)
        {
            return (string)Published[index];
        }
    }
}
