// Licensed under the MIT License.

using System.Collections;
using System.Text;
using Edge.Core.Session;
using Edge.Core.Telemetry.Encoding;
using Edge.Core.Telemetry.Outbox;
using Edge.Firmware.Diagnostics;
using Edge.Firmware.Networking;

namespace NFUnitTest.Fakes
{
    /// <summary>Broker stand-in: records the connect parameters and every publish; the test decides connectivity and refusals.</summary>
    public sealed class FakeConnection : ISessionConnection
    {
        private readonly TopicSet _topics;
        private int _nextMessageId = 1;

        /// <summary>Names TopicId publishes with <paramref name="topics"/>.</summary>
        public FakeConnection(TopicSet topics)
        {
            _topics = topics;
        }

        /// <inheritdoc />
        public DeviceSession Session { get; set; }

        /// <summary>When set, every QoS 1 publish is acknowledged at once, as a broker on a fast link would.</summary>
        public MessageOutbox Outbox { get; set; }

        /// <inheritdoc />
        /// <remarks>When set, it gets every QoS 1 acknowledgement too; left null, no device event's PUBACK arrives.</remarks>
        public DeviceEventLog Events { get; set; }

        /// <summary>Published messages as "topic|payload|qos|retained-or-dash" lines, in order.</summary>
        public ArrayList Published { get; } = new ArrayList();

        /// <summary>Subscribed filters.</summary>
        public ArrayList Subscriptions { get; } = new ArrayList();

        /// <summary>What the next Open answers.</summary>
        public ConnectOutcome NextOutcome { get; set; } = ConnectOutcome.Accepted;

        /// <summary>When false, subscriptions are refused (an ACL).</summary>
        public bool AcceptSubscribe { get; set; } = true;

        /// <summary>When false, publishes are refused (queue full).</summary>
        public bool AcceptPublish { get; set; } = true;

        /// <summary>Open attempts so far.</summary>
        public int Opens { get; private set; }

        /// <summary>Closes with DISCONNECT so far.</summary>
        public int OrderlyCloses { get; private set; }

        /// <summary>Closes without DISCONNECT (the broker would publish the will) so far.</summary>
        public int AbruptCloses { get; private set; }

        /// <summary>Client id of the last connect.</summary>
        public string ClientId { get; private set; }

        /// <summary>User name of the last connect.</summary>
        public string Username { get; private set; }

        /// <summary>Last Will topic of the last connect.</summary>
        public string WillTopic { get; private set; }

        /// <summary>Last Will payload of the last connect.</summary>
        public string WillMessage { get; private set; }

        /// <summary>Keep-alive of the last connect, s.</summary>
        public int KeepAliveS { get; private set; }

        /// <inheritdoc />
        public bool IsConnected { get; set; }

        /// <inheritdoc />
        public string LastError { get; private set; }

        /// <inheritdoc />
        public ConnectOutcome Open(string clientId, string username, string password, int keepAliveS, string willTopic, byte[] willPayload)
        {
            Opens++;
            ClientId = clientId;
            Username = username;
            WillTopic = willTopic;
            WillMessage = Encoding.UTF8.GetString(willPayload, 0, willPayload.Length);
            KeepAliveS = keepAliveS;
            IsConnected = NextOutcome == ConnectOutcome.Accepted;
            LastError = IsConnected ? null : "refused by the fake broker";
            return NextOutcome;
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
            int id = _nextMessageId++;
            if (qos > 0 && Outbox != null)
            {
                Outbox.Acknowledge(id);
            }

            if (qos > 0 && Events != null)
            {
                Events.Queue.Acknowledge(id);
            }

            return id;
        }

        /// <inheritdoc />
        public bool Subscribe(string topicFilter)
        {
            Subscriptions.Add(topicFilter);
            LastError = AcceptSubscribe ? null : "not authorised to subscribe " + topicFilter;
            return IsConnected && AcceptSubscribe;
        }

        /// <inheritdoc />
        public void Close(bool sendDisconnect)
        {
            if (IsConnected)
            {
                if (sendDisconnect)
                {
                    OrderlyCloses++;
                }
                else
                {
                    AbruptCloses++;
                }
            }

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
            return IndexOf(prefix, 0);
        }

        /// <summary>Index of the first published line from <paramref name="start"/> on starting with <paramref name="prefix"/>, or -1.</summary>
        public int IndexOf(string prefix, int start)
        {
            for (int i = start; i < Published.Count; i++)
            {
                if (((string)Published[i]).StartsWith(prefix))
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>Published lines starting with <paramref name="prefix"/>.</summary>
        public int CountOf(string prefix)
        {
            int count = 0;
            for (int i = 0; i < Published.Count; i++)
            {
                if (((string)Published[i]).StartsWith(prefix))
                {
                    count++;
                }
            }

            return count;
        }
    }
}
