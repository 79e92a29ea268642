// Licensed under the MIT License.

using System.Text;
using Edge.HostSim.Mqtt;
using Edge.HostSim.Mqtt.Broker;

namespace Edge.Mqtt.Tests
{
    /// <summary>A broker with a password file and no anonymous access: only the right credentials get in.</summary>
    public sealed class AuthenticationTests : IClassFixture<AuthenticationTests.PasswordBroker>
    {
        private const string User = "edge-device";
        private const string Secret = "c0rrect-h0rse";

        private readonly MosquittoBroker _broker;

        public AuthenticationTests(PasswordBroker fixture)
        {
            _broker = fixture.Broker;
        }

        [Fact]
        public void RightPassword_Connects_AndMessagesFlow()
        {
            string topic = TestClients.UniqueTopic("auth");
            using HostMqttClient client = new HostMqttClient(Options(User, Secret));
            Recorder events = new Recorder(client);
            client.Subscribe(topic, 1);
            client.Connect();
            Assert.True(events.WaitFor(() => events.Connects == 1), "Log:\n" + _broker.Log);

            Assert.True(events.WaitFor(() =>
            {
                client.Publish(topic, Encoding.UTF8.GetBytes("hello"), 0, 5, 1, false);
                return events.PayloadsOn(topic).Count > 0;
            }));
            Assert.Equal(0, events.Refusals);
        }

        [Theory]
        [InlineData(User, "wrong")]
        [InlineData("intruder", Secret)]
        [InlineData(null, null)]
        public void WrongOrMissingCredentials_AreRefused_AndPublishFailsWithNotConnected(string? user, string? password)
        {
            using HostMqttClient client = new HostMqttClient(Options(user, password));
            Recorder events = new Recorder(client);
            client.Connect();

            Assert.True(events.WaitFor(() => events.Refusals > 0), "no refusal. Log:\n" + _broker.Log);

            // MQTT 5 CONNACK 0x86 bad user name or password or 0x87 not authorised (mosquitto 2.0 answers 0x87 to both).
            Assert.Contains(client.LastOutcome, new[] { Edge.Core.Session.ConnectOutcome.BadCredentials, Edge.Core.Session.ConnectOutcome.NotAuthorized });
            Assert.Contains("NotAuthorized", client.LastError);
            Assert.False(client.IsConnected);
            Assert.Equal(0, events.Connects);
            Assert.Equal(-(int)MqttError.NotConnected, client.Publish("any/topic", new byte[1], 0, 1, 1, false));
        }

        private HostMqttClientOptions Options(string? user, string? password)
        {
            HostMqttClientOptions options = TestClients.OptionsFor(_broker, "auth");
            options.Username = user;
            options.Password = password;
            return options;
        }

        /// <summary>Broker requiring <see cref="User"/>/<see cref="Secret"/>.</summary>
        public sealed class PasswordBroker : IDisposable
        {
            public PasswordBroker()
            {
                Broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { Username = User, Password = Secret });
            }

            public MosquittoBroker Broker { get; }

            public void Dispose()
            {
                Broker.Dispose();
            }
        }
    }
}
