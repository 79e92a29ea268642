// Licensed under the MIT License.

using System.Text;
using Edge.HostSim.Mqtt;

namespace Edge.Mqtt.Tests
{
    /// <summary>
    /// A publish's id (1..65535, as the outbox matches PUBACKs by it) comes round again after 65,535 publishes. A QoS 1
    /// message still waiting for its PUBACK by then keeps its id: a later publish given the same one took its entry in the
    /// connection's ledger, and that publish's end reported the id acknowledged, so the outbox freed an event the broker
    /// had not acknowledged (and would not have sent it again after a reconnect).
    /// </summary>
    [Collection(BrokerCollection.Name)]
    public sealed class PendingPublishIdTests
    {
        private const int IdsInTheRound = 65535;

        private readonly BrokerFixture _fixture;

        public PendingPublishIdTests(BrokerFixture fixture)
        {
            _fixture = fixture;
        }

        [Fact]
        public void AQos1PublishAwaitingItsPubackKeepsItsIdWhileTheIdsComeRound()
        {
            using BrokerLinkProxy link = new BrokerLinkProxy(_fixture.Broker.Port);
            HostMqttClientOptions options = TestClients.OptionsFor(_fixture.Broker, "id-round");
            options.Port = link.Port;
            options.KeepAliveSeconds = 60;
            using HostMqttClient client = new HostMqttClient(options);
            Recorder seen = new Recorder(client);
            client.Connect();
            Assert.True(seen.WaitFor(() => seen.Connects == 1));

            // The broker takes the event, but its PUBACK never reaches the client: the publish stays unsettled.
            string topic = TestClients.UniqueTopic("ids");
            byte[] payload = Encoding.UTF8.GetBytes("x");
            link.SwallowReplies = true;
            int waiting = client.Publish(topic + "/event", payload, 0, payload.Length, 1, false);
            Assert.True(waiting > 0);

            // Telemetry goes on at QoS 0 (no PUBACK to wait for) until every id has been handed out once more.
            int reused = 0;
            for (int k = 0; k < IdsInTheRound; k++)
            {
                int id = client.Publish(topic + "/cells", payload, 0, payload.Length, 0, false);
                Assert.True(id > 0, $"publish {k + 1} was not taken ({id})");
                if (id == waiting)
                {
                    reused++;
                }
            }

            Assert.True(reused == 0, $"the id {waiting} of the publish awaiting its PUBACK was given to {reused} later publish(es)");
            // Every QoS 0 publish ends once written; the one awaiting its PUBACK must not be among those reported.
            Assert.True(seen.WaitFor(() => seen.Acknowledged.Values.Sum() >= IdsInTheRound, TimeSpan.FromSeconds(60)), $"{seen.Acknowledged.Values.Sum()} of the {IdsInTheRound} QoS 0 publishes ended");
            Assert.False(seen.Acknowledged.ContainsKey(waiting), $"the id {waiting} was reported acknowledged, but its PUBACK never reached the client");
        }
    }
}
