// Licensed under the MIT License.

using System.Diagnostics;
using System.Text;
using Edge.HostSim.Mqtt;
using FsCheck;
using FsCheck.Fluent;
using Xunit.Abstractions;

namespace Edge.Mqtt.Tests
{
    /// <summary>Publish/subscribe through a real broker: payload fidelity, topic filtering, QoS 1 acknowledgements.</summary>
    [Collection(BrokerCollection.Name)]
    public sealed class PublishSubscribeTests
    {
        private readonly BrokerFixture _fixture;
        private readonly ITestOutputHelper _output;

        public PublishSubscribeTests(BrokerFixture fixture, ITestOutputHelper output)
        {
            _fixture = fixture;
            _output = output;
        }

        [Fact]
        public void Publish_SliceOfBuffer_ArrivesWithExactBytesTopicAndQos()
        {
            string topic = TestClients.UniqueTopic("slice");
            using HostMqttClient subscriber = ConnectedClient("sub", out Recorder received);
            subscriber.Subscribe(topic, 1);
            using HostMqttClient publisher = ConnectedClient("pub", out _);
            WaitUntilSubscribed(publisher, received, topic);

            byte[] buffer = { 0xFF, 0xFE, 0xFD, 0x00, 0x01, 0x80, 0x00, 0x7F, 0xAA, 0xBB };
            int mid = publisher.Publish(topic, buffer, 3, 5, 1, false);

            Assert.True(mid > 0, "publish failed with " + mid);
            Assert.True(received.WaitFor(() => received.Messages.Any(m => m.Topic == topic && m.Payload.Length == 5)));
            MqttMessage message = received.Messages.Single(m => m.Topic == topic && m.Payload.Length == 5);
            Assert.Equal(new byte[] { 0x00, 0x01, 0x80, 0x00, 0x7F }, message.Payload);
            Assert.Equal(1, message.Qos);
            Assert.False(message.Retain);
        }

        [Fact]
        public void Publish_ArbitraryPayloadSlices_RoundTripUnchanged()
        {
            string topic = TestClients.UniqueTopic("property");
            using HostMqttClient subscriber = ConnectedClient("sub", out Recorder received);
            subscriber.Subscribe(topic, 0);
            using HostMqttClient publisher = ConnectedClient("pub", out _);
            WaitUntilSubscribed(publisher, received, topic);
            int sequence = 0;

            Prop.ForAll<byte[], byte, byte>((payload, cutFront, cutBack) =>
            {
                payload ??= Array.Empty<byte>();
                int offset = Math.Min(cutFront, payload.Length);
                int count = Math.Max(0, payload.Length - offset - cutBack);

                // The slice is prefixed with a sequence number so each case can be found among the others.
                byte[] framed = new byte[offset + 4 + count];
                BitConverter.TryWriteBytes(framed.AsSpan(offset), ++sequence);
                Array.Copy(payload, offset, framed, offset + 4, count);
                int expectedSequence = sequence;

                int mid = publisher.Publish(topic, framed, offset, 4 + count, 1, false);
                bool arrived = received.WaitFor(() => received.Messages.Any(m => IsCase(m, topic, expectedSequence)));
                MqttMessage message = received.Messages.First(m => IsCase(m, topic, expectedSequence));
                return mid > 0 && arrived && message.Payload.AsSpan(4).SequenceEqual(payload.AsSpan(offset, count));
            }).Check(Config.QuickThrowOnFailure.WithMaxTest(60));
        }

        [Fact]
        public void Subscribe_WildcardFilter_DeliversMatchingTopicsOnly()
        {
            string root = TestClients.UniqueTopic("device");
            using HostMqttClient subscriber = ConnectedClient("sub", out Recorder received);
            subscriber.Subscribe(root + "/cmd/+", 1);
            using HostMqttClient publisher = ConnectedClient("pub", out _);
            WaitUntilSubscribed(publisher, received, root + "/cmd/probe");

            publisher.Publish(root + "/telemetry", Encoding.UTF8.GetBytes("no"), 0, 2, 1, false);
            publisher.Publish(root + "/cmd/start/extra", Encoding.UTF8.GetBytes("no"), 0, 2, 1, false);
            publisher.Publish(root + "/cmd/start", Encoding.UTF8.GetBytes("yes"), 0, 3, 1, false);
            Assert.True(received.WaitFor(() => received.PayloadsOn(root + "/cmd/start").Count == 1));

            // Messages from one publisher keep their order, so the two "no" ones would have come first.
            Assert.DoesNotContain(received.Messages, m => Encoding.UTF8.GetString(m.Payload) == "no");
        }

        [Fact]
        public void Publish_InvalidTopic_ReturnsInvalidArgumentWithoutThrowing()
        {
            using HostMqttClient client = ConnectedClient("pub", out _);

            int result = client.Publish("bad/#/topic", new byte[1], 0, 1, 1, false);

            Assert.Equal(-(int)MqttError.InvalidArgument, result);
        }

        [Fact]
        public void PublishQos1_TenThousandMessages_EveryMidAcknowledgedOnceAndEveryMessageDelivered()
        {
            const int Count = 10_000;
            string topic = TestClients.UniqueTopic("burst");
            using HostMqttClient subscriber = ConnectedClient("sub", out Recorder received);
            subscriber.Subscribe(topic, 1);
            using HostMqttClient publisher = ConnectedClient("pub", out Recorder acks);
            WaitUntilSubscribed(publisher, received, topic);

            HashSet<int> mids = new HashSet<int>();
            byte[] payload = new byte[4];
            Stopwatch watch = Stopwatch.StartNew();
            for (int i = 0; i < Count; i++)
            {
                BitConverter.TryWriteBytes(payload, i);
                int mid = publisher.Publish(topic, payload, 0, payload.Length, 1, false);
                Assert.True(mid > 0, "publish " + i + " failed with " + mid);
                Assert.True(mids.Add(mid), "mid " + mid + " handed out twice");
            }

            TimeSpan queued = watch.Elapsed;
            Assert.True(acks.WaitFor(() => acks.Acknowledged.Count >= Count && mids.All(acks.Acknowledged.ContainsKey), TimeSpan.FromSeconds(30)), "acknowledged: " + acks.Acknowledged.Count + " of " + Count + "; publisher connects " + acks.Connects + ", disconnects " + acks.Disconnects);
            TimeSpan acknowledged = watch.Elapsed;
            Assert.True(received.WaitFor(() => received.Messages.Count(m => m.Topic == topic && m.Payload.Length == 4) >= Count, TimeSpan.FromSeconds(30)), "delivered: " + received.Messages.Count(m => m.Topic == topic && m.Payload.Length == 4) + " of " + Count + "; subscriber connects " + received.Connects + ", disconnects " + received.Disconnects);
            TimeSpan delivered = watch.Elapsed;

            Assert.All(mids, mid => Assert.Equal(1, acks.Acknowledged[mid]));
            HashSet<int> sequence = received.Messages
                .Where(m => m.Topic == topic && m.Payload.Length == 4)
                .Select(m => BitConverter.ToInt32(m.Payload, 0))
                .ToHashSet();
            Assert.Equal(Enumerable.Range(0, Count), sequence.OrderBy(n => n));
            _output.WriteLine(
                "{0} QoS1 messages: queued in {1:F0} ms, all PUBACKs after {2:F0} ms ({3:F0} msg/s), all delivered after {4:F0} ms",
                Count, queued.TotalMilliseconds, acknowledged.TotalMilliseconds, Count / acknowledged.TotalSeconds, delivered.TotalMilliseconds);
        }

        [Fact]
        public void Dispose_WhilePublishingFromOtherThreads_EndsCleanlyAndPublishThenFails()
        {
            string topic = TestClients.UniqueTopic("dispose");
            HostMqttClient client = ConnectedClient("pub", out _);
            using Barrier start = new Barrier(5);
            int[] results = new int[4];
            Thread[] publishers = Enumerable.Range(0, 4).Select(index => new Thread(() =>
            {
                byte[] payload = new byte[16];
                start.SignalAndWait();
                int result = 1;
                while (result > 0)
                {
                    result = client.Publish(topic, payload, 0, payload.Length, index % 2, false);
                }

                results[index] = result;
            })).ToArray();
            Array.ForEach(publishers, thread => thread.Start());
            start.SignalAndWait();
            Thread.Sleep(50);

            client.Dispose();

            Assert.All(publishers, thread => Assert.True(thread.Join(Recorder.Patience)));
            Assert.All(results, result => Assert.Equal(-(int)MqttError.NotConnected, result));
        }

        private static bool IsCase(MqttMessage message, string topic, int sequence)
        {
            return message.Topic == topic && message.Payload.Length >= 4 && BitConverter.ToInt32(message.Payload, 0) == sequence;
        }

        private HostMqttClient ConnectedClient(string role, out Recorder recorder)
        {
            HostMqttClient client = new HostMqttClient(TestClients.OptionsFor(_fixture.Broker, role));
            recorder = new Recorder(client);
            client.Connect();
            Recorder connected = recorder;
            Assert.True(recorder.WaitFor(() => connected.Connects > 0), "no connection to the broker. Log:\n" + _fixture.Broker.Log);
            return client;
        }

        /// <summary>
        /// SUBACK is not surfaced, so prove the subscription is active by publishing probes until one
        /// arrives; the probe payload is empty to keep it apart from test data.
        /// </summary>
        private static void WaitUntilSubscribed(HostMqttClient publisher, Recorder received, string topic)
        {
            Assert.True(received.WaitFor(() =>
            {
                if (received.Messages.Any(m => m.Topic == topic))
                {
                    return true;
                }

                publisher.Publish(topic, Array.Empty<byte>(), 0, 0, 0, false);
                return false;
            }));
        }
    }
}
