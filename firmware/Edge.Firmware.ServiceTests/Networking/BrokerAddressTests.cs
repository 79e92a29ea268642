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

            // lwIP's inet_aton reads a leading 0 as octal: "010" is 8, so such a text is not the address it shows.
            Assert.IsFalse(BrokerAddress.IsDottedQuad("192.168.010.1"));
            Assert.IsFalse(BrokerAddress.IsDottedQuad("192.168.1.00"));
            Assert.IsTrue(BrokerAddress.IsDottedQuad("10.0.100.1"));
        }

        [TestMethod]
        public void ANumericHostThatIsNotAnAddressAsWrittenIsRefused()
        {
            Assert.IsNull(BrokerAddress.CheckHost("192.168.10.1"));
            Assert.IsNull(BrokerAddress.CheckHost("broker.local"));
            Assert.IsNull(BrokerAddress.CheckHost("mqtt-1.site.example"));
            Assert.AreEqual(
                "'192.168.010.1' has a number with a leading zero, which the network stack reads as octal (010 is 8): write the address without leading zeros (192.168.10.1)",
                BrokerAddress.CheckHost("192.168.010.1"));

            // inet_aton fills in a short form ("10.1" is 10.0.0.1): no name is all digits, so it is refused as well.
            Assert.AreEqual(
                "'10.1' is neither a name nor an IPv4 address (four numbers from 0 to 255 separated by dots, as 192.168.1.20)",
                BrokerAddress.CheckHost("10.1"));
            Assert.IsNotNull(BrokerAddress.CheckHost("192.168.1.256"));

            bool refused = false;
            try
            {
                new BrokerAddress("192.168.010.1", false);
            }
            catch (ArgumentException ex)
            {
                refused = true;
                Assert.IsTrue(ex.Message.IndexOf("192.168.010.1") >= 0, ex.Message);
            }

            Assert.IsTrue(refused, "a host with a leading zero was taken as the broker's address");
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
