// Licensed under the MIT License.

using System.Collections.Concurrent;
using Edge.HostSim.Mqtt;
using Edge.HostSim.Mqtt.Broker;

namespace Edge.Mqtt.Tests
{
    /// <summary>
    /// <see cref="IMqttTransport.Disconnected"/> marks the end of every connection <see cref="IMqttTransport.Connected"/>
    /// announced, so a listener that tracks the state (a dashboard's "connected" light) is never left showing a link
    /// that is gone.
    /// </summary>
    [Collection(BrokerCollection.Name)]
    public sealed class DisconnectedEventTests
    {
        private readonly BrokerFixture _fixture;

        public DisconnectedEventTests(BrokerFixture fixture)
        {
            _fixture = fixture;
        }

        [Fact]
        public void DisposingAConnectedClient_RaisesDisconnectedOnce_WithZeroForARequestedDisconnect()
        {
            HostMqttClient client = new HostMqttClient(TestClients.OptionsFor(_fixture.Broker, "dispose"));
            ConcurrentQueue<int> reasons = new ConcurrentQueue<int>();
            client.Disconnected += reason => reasons.Enqueue(reason);
            Recorder seen = new Recorder(client);
            client.Connect();
            Assert.True(seen.WaitFor(() => seen.Connects == 1));

            client.Dispose();

            // IMqttTransport: "Argument: 0 after a requested disconnect". Dispose returns after the thread stopped, so the
            // event has been raised by then; a second Dispose has no connection left to end.
            client.Dispose();
            Assert.Equal(new[] { 0 }, reasons.ToArray());
            Assert.False(client.IsConnected);
        }

        [Fact]
        public void DisposingAClientThatNeverConnected_RaisesNoDisconnected()
        {
            HostMqttClient client = new HostMqttClient(new HostMqttClientOptions { Host = MosquittoBroker.Host, Port = FreePort.Allocate(1)[0], ConnectTimeoutMs = 300 });
            int disconnects = 0;
            client.Disconnected += _ => Interlocked.Increment(ref disconnects);
            client.Connect();
            Thread.Sleep(100);

            client.Dispose();

            Assert.Equal(0, Volatile.Read(ref disconnects));
        }
    }
}
