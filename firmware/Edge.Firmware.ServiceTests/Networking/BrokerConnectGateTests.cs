// Licensed under the MIT License.

using Edge.Core.Session;
using Edge.Firmware.Networking;
using nanoFramework.TestFramework;

namespace NFUnitTest.Networking
{
    /// <summary>
    /// What comes before the MQTT client's connect. A TLS connect stops the whole runtime (its lookup and the blocking
    /// handshake, up to the TCP timeout when nothing answers), so it runs in the control loop's quiet window, every
    /// switch open; a plain TCP connect does not stop the runtime. Expected from that: the name is looked up in a short
    /// window of its own, once and again after five failed attempts in a row on its address; over TLS a plain TCP probe,
    /// outside any window, comes first, and only a broker that answers gets the window; plain TCP is not probed and its
    /// connect gets no window, as before the probe.
    /// </summary>
    [TestClass]
    public class BrokerConnectGateTests
    {
        private const string Name = "broker.example.org";
        private const string Address = "192.168.1.20";

        private static FakeControlPause s_pause;
        private static FakeBrokerProbe s_probe;

        private static BrokerConnectGate Gate(string host, bool secure, bool reachable)
        {
            s_pause = new FakeControlPause();
            s_probe = new FakeBrokerProbe(s_pause);
            s_probe.Reachable = reachable;
            return new BrokerConnectGate(host, secure ? 8883 : 1883, secure, s_probe, s_pause);
        }

        [TestMethod]
        public void AnUnreachableTlsBrokerNeverGetsTheConnectWindow()
        {
            BrokerConnectGate gate = Gate(Name, true, false);
            for (int attempt = 1; attempt <= 10; attempt++)
            {
                Assert.AreEqual((int)ConnectOutcome.BrokerUnreachable, (int)gate.Open(), "attempt " + attempt.ToString());
                Assert.IsFalse(s_pause.InForce, "a window left open after attempt " + attempt.ToString());
            }

            // Ten probes, all outside a window; the name looked up in a short window at the first attempt and again at the
            // sixth, after five failures on its address: two windows in ten attempts, none for a TLS connect.
            Assert.AreEqual(10, s_probe.ReachCount);
            Assert.AreEqual(0, s_probe.ReachesInsideWindow);
            Assert.AreEqual(0, s_probe.LookUpsOutsideWindow);
            Assert.AreEqual(2, s_pause.EnterCount);
            Assert.AreEqual(
                "enter lookup leave reach reach reach reach reach enter lookup leave reach reach reach reach reach ",
                s_pause.Log);
            Assert.AreEqual(
                "broker broker.example.org:8883 (192.168.1.20) unreachable: TCP connection failed: socket error 10060; TLS connect not tried",
                gate.LastError);
        }

        [TestMethod]
        public void AnUnreachableTlsBrokerGivenByAddressNeverAsksForTheWindow()
        {
            BrokerConnectGate gate = Gate(Address, true, false);
            for (int attempt = 1; attempt <= 10; attempt++)
            {
                Assert.AreEqual((int)ConnectOutcome.BrokerUnreachable, (int)gate.Open());
            }

            Assert.AreEqual(0, s_pause.EnterCount);
            Assert.AreEqual(10, s_probe.ReachCount);
            Assert.AreEqual("broker 192.168.1.20:8883 unreachable: TCP connection failed: socket error 10060; TLS connect not tried", gate.LastError);
        }

        [TestMethod]
        public void AReachableTlsBrokerIsConnectedByNameInsideTheWindow()
        {
            BrokerConnectGate gate = Gate(Name, true, true);
            Assert.AreEqual((int)ConnectOutcome.Accepted, (int)gate.Open());

            // The probe went to the looked-up address, outside the window, within a bound shorter than lwIP's own give-up
            // (four SYN retransmissions 3 s apart: about 12.5 s), else the bound would bound nothing.
            Assert.AreEqual(0, s_probe.ReachesInsideWindow);
            Assert.IsTrue(s_probe.LastReach.StartsWith("192.168.1.20:8883 within "), s_probe.LastReach);
            Assert.IsTrue(BrokerConnectGate.ProbeTimeoutMs > 0 && BrokerConnectGate.ProbeTimeoutMs < 12500);

            // The client connects by name (its certificate names the host) while every switch is open.
            Assert.IsTrue(s_pause.InForce, "the TLS connect would run outside the quiet window");
            Assert.IsTrue(gate.InWindow);
            Assert.AreEqual(Name, gate.ConnectHost);
            Assert.AreEqual("enter lookup leave reach enter ", s_pause.Log);

            // The client's blocking part is over: the window ends once, however often that is said.
            gate.ClientReturned();
            gate.Connected();
            Assert.IsFalse(s_pause.InForce);
            Assert.AreEqual("enter lookup leave reach enter leave ", s_pause.Log);
        }

        [TestMethod]
        public void AFailedTlsConnectEndsTheWindowAndCountsTowardsANewLookup()
        {
            BrokerConnectGate gate = Gate(Name, true, true);
            for (int attempt = 1; attempt <= 5; attempt++)
            {
                Assert.AreEqual((int)ConnectOutcome.Accepted, (int)gate.Open());
                gate.Failed();
                Assert.IsFalse(s_pause.InForce, "a window left open after failed attempt " + attempt.ToString());
            }

            // One lookup, five connect windows; the sixth attempt looks the name up again.
            Assert.AreEqual(6, s_pause.EnterCount);
            Assert.AreEqual((int)ConnectOutcome.Accepted, (int)gate.Open());
            Assert.AreEqual(8, s_pause.EnterCount);
            gate.ClientReturned();
        }

        [TestMethod]
        public void APlainTcpBrokerIsNotProbedAndGetsNoConnectWindow()
        {
            BrokerConnectGate gate = Gate(Name, false, false);
            Assert.AreEqual((int)ConnectOutcome.Accepted, (int)gate.Open());

            // As before the probe: the name looked up once in a window, the client given the address, no window for its
            // connect (a socket connect does not stop the runtime), and no probe.
            Assert.AreEqual(Address, gate.ConnectHost);
            Assert.IsFalse(s_pause.InForce);
            Assert.IsFalse(gate.InWindow);
            Assert.AreEqual(0, s_probe.ReachCount);
            Assert.AreEqual("enter lookup leave ", s_pause.Log);

            gate.Failed();
            Assert.AreEqual((int)ConnectOutcome.Accepted, (int)gate.Open());
            Assert.AreEqual(1, s_pause.EnterCount);
            Assert.AreEqual(0, s_probe.ReachCount);
        }

        [TestMethod]
        public void AWindowNotGrantedFailsTheAttemptWithItsReason()
        {
            BrokerConnectGate gate = Gate(Address, true, true);
            s_pause.Grants = false;
            Assert.AreEqual((int)ConnectOutcome.BrokerUnreachable, (int)gate.Open());
            Assert.IsFalse(gate.InWindow);
            Assert.AreEqual("connection to 192.168.1.20:8883 not tried: the control loop did not suspend within 100 ms", gate.LastError);
        }

        [TestMethod]
        public void ANameNotFoundIsLookedUpAgainAtTheNextAttempt()
        {
            BrokerConnectGate gate = Gate(Name, true, true);
            s_probe.Answer = null;
            Assert.AreEqual((int)ConnectOutcome.BrokerUnreachable, (int)gate.Open());
            Assert.AreEqual("broker name broker.example.org not found", gate.LastError);
            Assert.AreEqual(0, s_probe.ReachCount);
            Assert.IsFalse(s_pause.InForce);

            s_probe.Answer = Address;
            Assert.AreEqual((int)ConnectOutcome.Accepted, (int)gate.Open());
            Assert.AreEqual("enter lookup leave enter lookup leave reach enter ", s_pause.Log);
            gate.ClientReturned();
        }
    }
}
