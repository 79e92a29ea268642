// Licensed under the MIT License.

using System.Diagnostics;
using Edge.HostSim.Mqtt;
using Edge.HostSim.Mqtt.Broker;

namespace Edge.Mqtt.Tests
{
    /// <summary>
    /// A broker that accepts the connection and drops it at once (here: another client taking the same client id
    /// over, as a second device with the same id would) must not be retried at the minimum delay for ever: a session
    /// lost before it stayed up for a keep-alive period counts as a failure, as in the device's session
    /// (CONTRACT.md, Connection), and one that stayed up that long starts the schedule over.
    /// </summary>
    [Collection(BrokerCollection.Name)]
    public sealed class ShortLivedSessionBackoffTests
    {
        private readonly BrokerFixture _fixture;

        public ShortLivedSessionBackoffTests(BrokerFixture fixture)
        {
            _fixture = fixture;
        }

        [Fact]
        public void SessionsDroppedRightAfterConnect_WaitLongerEachTime_AndAStableSessionStartsTheScheduleOver()
        {
            HostMqttClientOptions options = TestClients.OptionsFor(_fixture.Broker, "flap");
            options.KeepAliveSeconds = 1;
            options.ReconnectDelayMinMs = 200;
            options.ReconnectDelayMaxMs = 10_000;
            using HostMqttClient victim = new HostMqttClient(options);
            Stopwatch clock = Stopwatch.StartNew();
            List<long> connectedAtMs = new List<long>();
            victim.Connected += () =>
            {
                lock (connectedAtMs)
                {
                    connectedAtMs.Add(clock.ElapsedMilliseconds);
                }
            };
            long lastDropAtMs = -1;
            victim.Disconnected += _ => Interlocked.Exchange(ref lastDropAtMs, clock.ElapsedMilliseconds);
            Recorder seen = new Recorder(victim);
            victim.Connect();

            // Five sessions, each taken over as soon as it is up.
            for (int n = 1; n <= 5; n++)
            {
                Assert.True(seen.WaitFor(() => seen.Connects == n), "connect " + n + " of 5");
                Kick(options.ClientId);
                Assert.True(seen.WaitFor(() => seen.Disconnects == n), "drop " + n + " of 5");
            }

            Assert.True(seen.WaitFor(() => seen.Connects == 6));

            // Hand-computed schedule: the k-th drop in a row waits 200 * 2^(k-1) ms: 200, 400, 800, 1600, 3200.
            long[] gaps = Gaps(connectedAtMs);
            long[] minimumGapsMs = { 200, 400, 800, 1600, 3200 };
            for (int k = 0; k < minimumGapsMs.Length; k++)
            {
                Assert.True(gaps[k] >= minimumGapsMs[k], "gap " + (k + 1) + " was " + gaps[k] + " ms, expected at least " + minimumGapsMs[k] + " ms; gaps: " + string.Join(", ", gaps));
            }

            // Up for longer than its keep-alive (1 s): the next drop is retried after the minimum delay again. Timed from the
            // drop, not from the last connect (the sleep and the intruder's own connection lie between those): 200 ms, where a
            // schedule that had not started over would wait 200 * 2^5 = 6400 ms; half of that is the bound, so that a loaded
            // machine's late wake-up cannot fail the test while a schedule that went on still does.
            Thread.Sleep(1500);
            Kick(options.ClientId);
            Assert.True(seen.WaitFor(() => seen.Connects == 7));
            long retryMs;
            lock (connectedAtMs)
            {
                retryMs = connectedAtMs[6] - Interlocked.Read(ref lastDropAtMs);
            }

            Assert.True(retryMs >= 200 && retryMs < 3200, "after a stable session the first retry should wait 200 ms, it waited " + retryMs + " ms");
        }

        private static long[] Gaps(List<long> connectedAtMs)
        {
            lock (connectedAtMs)
            {
                return connectedAtMs.Zip(connectedAtMs.Skip(1), (a, b) => b - a).ToArray();
            }
        }

        /// <summary>Connects with <paramref name="clientId"/>: the broker ends the session holding that id; then leaves again.</summary>
        private void Kick(string clientId)
        {
            using MqttNetConnection intruder = new MqttNetConnection(new MqttEndpoint { Host = MosquittoBroker.Host, Port = _fixture.Broker.Port });
            Assert.Equal(Edge.Core.Session.ConnectOutcome.Accepted, intruder.Open(clientId, string.Empty, string.Empty, 10, null!, null!));
            intruder.Close(true);
        }
    }
}
