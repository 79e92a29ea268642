// Licensed under the MIT License.

using System;
using Edge.Firmware.Networking;
using nanoFramework.TestFramework;

namespace NFUnitTest.Networking
{
    /// <summary>
    /// Which connect steps stop the runtime (nf-interpreter: a name lookup blocks in lwIP's getaddrinfo, the TLS handshake
    /// in mbedTLS; a socket connect polls through the runtime's event wait and does not): over plain TCP the name is
    /// looked up once and the address reused until five attempts in a row failed on it; over TLS the address serves the
    /// reachability probe, the client needs the name for the certificate, and its whole connect blocks.
    /// </summary>
    [TestClass]
    public class BrokerAddressTests
    {
        [TestMethod]
        public void APlainTcpNameIsLookedUpOnceAndItsAddressReused()
        {
            BrokerAddress address = new BrokerAddress("broker.local", false);
            Assert.IsTrue(address.NeedsLookup);
            Assert.IsFalse(address.ConnectBlocks);
            address.Resolved("192.168.1.20");
            Assert.IsFalse(address.NeedsLookup);
            Assert.AreEqual("192.168.1.20", address.ConnectHost);

            // Four failures keep the address; the fifth in a row asks for a new lookup.
            for (int i = 0; i < 4; i++)
            {
                address.Failed();
                Assert.IsFalse(address.NeedsLookup, "looked up again after " + (i + 1).ToString() + " failures");
            }

            address.Failed();
            Assert.IsTrue(address.NeedsLookup);
            Assert.AreEqual("broker.local", address.ConnectHost);
        }

        [TestMethod]
        public void AConnectionInBetweenStartsTheFailureCountAfresh()
        {
            BrokerAddress address = new BrokerAddress("broker.local", false);
            address.Resolved("10.0.0.5");
            for (int i = 0; i < 4; i++)
            {
                address.Failed();
            }

            address.Connected();
            for (int i = 0; i < 4; i++)
            {
                address.Failed();
            }

            Assert.IsFalse(address.NeedsLookup);
        }

        [TestMethod]
        public void AnAddressNeedsNoLookupEver()
        {
            BrokerAddress address = new BrokerAddress("192.168.1.20", false);
            Assert.IsFalse(address.NeedsLookup);
            for (int i = 0; i < 10; i++)
            {
                address.Failed();
            }

            Assert.IsFalse(address.NeedsLookup);
            Assert.AreEqual("192.168.1.20", address.ConnectHost);
        }

        [TestMethod]
        public void TlsConnectsByNameAndItsConnectBlocks()
        {
            BrokerAddress address = new BrokerAddress("broker.example.org", true);
            Assert.IsTrue(address.NeedsLookup, "the reachability probe before a TLS connect needs the address");
            Assert.IsTrue(address.ConnectBlocks);
            address.Resolved("192.168.1.20");
            Assert.IsFalse(address.NeedsLookup);
            Assert.AreEqual("192.168.1.20", address.Address);
            Assert.AreEqual("broker.example.org", address.ConnectHost, "the handshake checks the certificate against the name");
        }

        [TestMethod]
        public void DottedQuadsAreToldFromNames()
        {
            Assert.IsTrue(BrokerAddress.IsDottedQuad("192.168.1.20"));
            Assert.IsTrue(BrokerAddress.IsDottedQuad("0.0.0.0"));
            Assert.IsFalse(BrokerAddress.IsDottedQuad("256.1.1.1"));
            Assert.IsFalse(BrokerAddress.IsDottedQuad("1.2.3"));
            Assert.IsFalse(BrokerAddress.IsDottedQuad("1.2.3.4."));
            Assert.IsFalse(BrokerAddress.IsDottedQuad("1..3.4"));
            Assert.IsFalse(BrokerAddress.IsDottedQuad("1234.1.1.1"));
            Assert.IsFalse(BrokerAddress.IsDottedQuad("broker.local"));
        }

        [TestMethod]
        public void ALookupAnswerThatIsNoAddressIsRefused()
        {
            BrokerAddress address = new BrokerAddress("broker.local", false);
            bool refused = false;
            try
            {
                address.Resolved("fe80::1");
            }
            catch (ArgumentException ex)
            {
                refused = true;
                Assert.IsTrue(ex.Message.IndexOf("fe80::1") >= 0, "the refusal does not name the answer: " + ex.Message);
            }

            Assert.IsTrue(refused, "an IPv6 answer was taken as the broker's address");
            Assert.IsTrue(address.NeedsLookup, "a refused answer must change nothing");
        }
    }
}
