// Licensed under the MIT License.

using System.Net;
using System.Net.Sockets;
using Edge.HostSim.Mqtt;

namespace Edge.Mqtt.Tests
{
    /// <summary>
    /// Client behaviour that needs no real broker: a peer that accepts TCP but never answers CONNECT,
    /// and disposal while other threads are publishing.
    /// </summary>
    public sealed class ClientLifecycleTests
    {
        [Fact]
        public void SilentPeer_ConnectAttemptTimesOut_AndIsRetriedOnANewSocket()
        {
            // Accepts connections and reads nothing back, like a broker that hangs after accept.
            TcpListener silent = new TcpListener(IPAddress.Loopback, 0);
            silent.Start();
            List<Socket> accepted = new List<Socket>();
            try
            {
                HostMqttClientOptions options = new HostMqttClientOptions
                {
                    Host = "127.0.0.1",
                    Port = ((IPEndPoint)silent.LocalEndpoint).Port,
                    ConnectTimeoutMs = 300,
                    ReconnectDelayMinMs = 100,
                    ReconnectDelayMaxMs = 100,
                };
                using HostMqttClient client = new HostMqttClient(options);
                client.Connect();

                // Without the connect timeout the first socket would wait for a CONNACK for ever.
                DateTime deadline = DateTime.UtcNow + Recorder.Patience;
                while (accepted.Count < 2 && DateTime.UtcNow < deadline)
                {
                    if (silent.Pending())
                    {
                        accepted.Add(silent.AcceptSocket());
                    }
                    else
                    {
                        Thread.Sleep(10);
                    }
                }

                Assert.Equal(2, accepted.Count);
                Assert.False(client.IsConnected);
                Assert.Equal(-(int)MqttError.NotConnected, client.Publish("t", new byte[1], 0, 1, 1, false));
            }
            finally
            {
                accepted.ForEach(socket => socket.Dispose());
                silent.Stop();
            }
        }

        [Fact]
        public void NeverConnected_DisposeReturns_AndLaterCallsFailWithoutThrowing()
        {
            HostMqttClient client = new HostMqttClient(new HostMqttClientOptions { Host = "127.0.0.1", Port = UnusedPort() });
            client.Connect();

            client.Dispose();

            Assert.Equal(-(int)MqttError.NotConnected, client.Publish("t", new byte[1], 0, 1, 0, false));
            client.Subscribe("t", 0);
            client.AbortConnection();
            client.Dispose();
            Assert.Throws<ObjectDisposedException>(() => client.Connect());
        }

        [Fact]
        public void Publish_BadArguments_ThrowBecauseTheyAreProgrammingErrors()
        {
            using HostMqttClient client = new HostMqttClient(new HostMqttClientOptions());

            Assert.Throws<ArgumentOutOfRangeException>(() => client.Publish("t", new byte[4], 2, 3, 0, false));
            Assert.Throws<ArgumentOutOfRangeException>(() => client.Publish("t", new byte[4], 0, 4, 3, false));
            Assert.Throws<ArgumentNullException>(() => client.Publish("t", null!, 0, 0, 0, false));
        }

        [Theory]
        [InlineData("", 1)]
        [InlineData("edge/#/cells", 1)]
        [InlineData("edge/pack+/status", 1)]
        [InlineData("edge/pack-7/#x", 1)]
        [InlineData("edge/pack-7/status", 3)]
        [InlineData("edge/pack-7/status", -1)]
        public void Subscribe_BadFilterOrQos_ThrowsInsteadOfBeingDroppedAtEveryConnect(string filter, int qos)
        {
            // MQTT 4.7: '#' only as the whole last level, '+' only as a whole level; QoS 0..2. The broker refuses
            // anything else, and a subscription kept for every reconnect would be refused every time, unseen.
            using HostMqttClient client = new HostMqttClient(new HostMqttClientOptions());

            ArgumentException error = Assert.ThrowsAny<ArgumentException>(() => client.Subscribe(filter, qos));
            Assert.Equal(qos < 0 || qos > 2 ? "qos" : "topicFilter", error.ParamName);
        }

        [Fact]
        public void Options_WillPayloadWithoutTopic_IsRejected()
        {
            HostMqttClientOptions options = new HostMqttClientOptions { WillPayload = new byte[] { 1 } };

            Assert.Throws<ArgumentException>(() => new HostMqttClient(options));
        }

        [Theory]
        [InlineData("")]
        [InlineData("edge/+/status")]
        [InlineData("edge/pack-7/#")]
        public void Options_WillTopicThatIsNoTopicName_IsRejectedNamingIt(string willTopic)
        {
            // A will topic is a topic name (MQTT 3.1.3.3): no wildcards, not empty. The broker closes a CONNECT that
            // carries one, which a client can only report as a connection failure, again at every retry.
            HostMqttClientOptions options = new HostMqttClientOptions { WillTopic = willTopic, WillPayload = new byte[] { 1 } };

            ArgumentException error = Assert.Throws<ArgumentException>(() => new HostMqttClient(options));
            Assert.Equal(nameof(HostMqttClientOptions.WillTopic), error.ParamName);
        }

        [Fact]
        public void SubscribingWhileOffline_DoesNotCutTheReconnectDelayShort()
        {
            // Nothing listens: every attempt is refused at once, and the next waits the back-off (2 s, then 4 s). A
            // subscription made while offline wakes the network thread, which must still wait out the delay.
            HostMqttClientOptions options = new HostMqttClientOptions
            {
                Host = "127.0.0.1",
                Port = UnusedPort(),
                ReconnectDelayMinMs = 2000,
                ReconnectDelayMaxMs = 8000,
                ConnectTimeoutMs = 1000,
            };
            using HostMqttClient client = new HostMqttClient(options);
            System.Diagnostics.Stopwatch clock = System.Diagnostics.Stopwatch.StartNew();
            List<long> failedAtMs = new List<long>();
            client.ConnectionFailed += (_, _) =>
            {
                lock (failedAtMs)
                {
                    failedAtMs.Add(clock.ElapsedMilliseconds);
                }
            };
            client.Connect();
            Assert.True(SpinWait.SpinUntil(() => Count(failedAtMs) >= 1, 5000), "the first attempt was never refused");

            Thread.Sleep(100);
            client.Subscribe("edge/+/status", 1);
            Thread.Sleep(300);
            client.Subscribe("edge/+/config", 1);
            Assert.True(SpinWait.SpinUntil(() => Count(failedAtMs) >= 2, 6000), "no second attempt");

            long gapMs;
            lock (failedAtMs)
            {
                gapMs = failedAtMs[1] - failedAtMs[0];
            }

            Assert.True(gapMs >= 1900, "the second attempt came " + gapMs + " ms after the first; the back-off is 2000 ms");
        }

        private static int Count(List<long> list)
        {
            lock (list)
            {
                return list.Count;
            }
        }

        private static int UnusedPort()
        {
            // Bound and released: nothing listens there afterwards, so connects are refused at once.
            return Edge.HostSim.Mqtt.Broker.FreePort.Allocate(1)[0];
        }
    }
}
