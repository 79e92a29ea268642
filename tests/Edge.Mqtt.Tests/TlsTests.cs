// Licensed under the MIT License.

using System.Text;
using Edge.Core.Session;
using Edge.HostSim.Mqtt;
using Edge.HostSim.Mqtt.Broker;

namespace Edge.Mqtt.Tests
{
    /// <summary>MQTT over TLS: a client trusting the broker's CA connects; one trusting another CA does not; one sent to the plain port fails as TLS.</summary>
    public sealed class TlsTests : IClassFixture<TlsTests.TlsBroker>
    {
        private readonly TlsBroker _fixture;

        public TlsTests(TlsBroker fixture)
        {
            _fixture = fixture;
        }

        [Fact]
        public void ClientTrustingBrokerCa_ConnectsOverTls_AndMessagesFlow()
        {
            string topic = TestClients.UniqueTopic("tls");
            HostMqttClientOptions options = TestClients.OptionsFor(_fixture.Broker, "tls");
            options.Port = _fixture.Broker.TlsPort;
            options.CaFile = _fixture.Authority.CaFile;
            using HostMqttClient client = new HostMqttClient(options);
            Recorder events = new Recorder(client);
            client.Subscribe(topic, 1);
            client.Connect();

            Assert.True(events.WaitFor(() => events.Connects == 1), "no TLS connection. Log:\n" + _fixture.Broker.Log);
            Assert.True(events.WaitFor(() =>
            {
                client.Publish(topic, Encoding.UTF8.GetBytes("sealed"), 0, 6, 1, false);
                return events.PayloadsOn(topic).Contains("sealed");
            }));
        }

        [Fact]
        public void ClientTrustingAnotherCa_RejectsBrokerCertificateOnEveryAttempt_AndKeepsRetrying()
        {
            using TestCertificateAuthority stranger = new TestCertificateAuthority("Edge Stranger CA");
            HostMqttClientOptions options = TestClients.OptionsFor(_fixture.Broker, "tls-stranger");
            options.Port = _fixture.Broker.TlsPort;
            options.CaFile = stranger.CaFile;
            using HostMqttClient client = new HostMqttClient(options);
            Recorder events = new Recorder(client);
            client.Connect();

            // Each attempt fails as TLS, the client's own verdict on the certificate. A client that gave up after the first
            // would fail once; a second failure proves it keeps retrying (0.2 s, then 0.4 s back-off). Counted on the client,
            // not in the broker's log: the broker words a handshake broken off with an alert "OpenSSL Error" and one broken off
            // by a bare close "unexpected eof" (a loaded machine's log once showed a failed handshake as "unexpected eof" and no "OpenSSL Error" within 10 s).
            Assert.True(events.WaitFor(() => events.Failures >= 2), "failed attempts: " + events.Failures + ", last: " + events.LastFailureReason + "\nLog:\n" + _fixture.Broker.Log);
            Assert.Equal(ConnectOutcome.TlsFailed, events.LastFailure);
            Assert.Contains("certificate", events.LastFailureReason, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(0, events.Connects);
            Assert.False(client.IsConnected);
        }

        [Fact]
        public void ClientWithTlsAgainstThePlainPort_IsATlsFailure_NotAnUnreachableBroker()
        {
            // Something answers at the address (it accepted the TCP connection) but speaks plain MQTT: the TLS handshake
            // is what failed, so the option to change is the TLS one (edge-sim: --mqtt-ca), not host and port.
            MqttEndpoint endpoint = new MqttEndpoint { Host = MosquittoBroker.Host, Port = _fixture.Broker.Port, CaFile = _fixture.Authority.CaFile, ConnectTimeoutMs = 5000 };
            using MqttNetConnection connection = new MqttNetConnection(endpoint);

            ConnectOutcome outcome = connection.Open("tls-on-plain-" + Guid.NewGuid().ToString("N").Substring(0, 8), string.Empty, string.Empty, 10, null!, null!);

            Assert.True(outcome == ConnectOutcome.TlsFailed, outcome + ": " + connection.LastError);
            Assert.Contains(_fixture.Broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), connection.LastError);
        }

        [Fact]
        public void PlainClientAgainstTheTlsPort_IsToldTheBrokerMayWantTls_NotThatItIsUnreachable()
        {
            // The broker accepted the TCP connection and then dropped a CONNECT it could not read as TLS: host and port
            // are right, so "unreachable" sends the user to the wrong option; the CA (edge-sim: --mqtt-ca) is what is missing.
            MqttEndpoint endpoint = new MqttEndpoint { Host = MosquittoBroker.Host, Port = _fixture.Broker.TlsPort, ConnectTimeoutMs = 5000 };
            using MqttNetConnection connection = new MqttNetConnection(endpoint);

            ConnectOutcome outcome = connection.Open("plain-on-tls-" + Guid.NewGuid().ToString("N").Substring(0, 8), string.Empty, string.Empty, 10, null!, null!);

            Assert.True(outcome == ConnectOutcome.TlsFailed, outcome + ": " + connection.LastError);
            Assert.Contains("is port " + _fixture.Broker.TlsPort.ToString(System.Globalization.CultureInfo.InvariantCulture) + " a TLS listener", connection.LastError);
        }

        /// <summary>Broker with a TLS listener whose certificate is signed by a fresh test CA.</summary>
        public sealed class TlsBroker : IDisposable
        {
            public TlsBroker()
            {
                Authority = new TestCertificateAuthority("Edge Test CA");
                Broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions
                {
                    TlsCertificateFile = Authority.ServerCertificateFile,
                    TlsKeyFile = Authority.ServerKeyFile,
                });
            }

            public TestCertificateAuthority Authority { get; }

            public MosquittoBroker Broker { get; }

            public void Dispose()
            {
                Broker.Dispose();
                Authority.Dispose();
            }
        }
    }
}
