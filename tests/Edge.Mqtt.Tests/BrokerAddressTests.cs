// Licensed under the MIT License.

using Edge.HostSim.Mqtt.Bridge;

namespace Edge.Mqtt.Tests
{
    /// <summary>
    /// <c>--mqtt</c> takes host:port (hostsim/README.md). A URL is refused, and the refusal says what to give instead,
    /// from what the URL holds: its host and port, the credential options only when it carried a user, --mqtt-ca when
    /// its scheme is TLS. Every URL was told "give the user and password with --mqtt-user and --mqtt-password", a
    /// plain tcp://127.0.0.1:1883 too, and an mqtts:// one nothing of TLS.
    /// </summary>
    public sealed class BrokerAddressTests
    {
        [Theory]
        [InlineData("tcp://127.0.0.1:18931", "give --mqtt 127.0.0.1:18931", false, false)]
        [InlineData("mqtt://broker.lan", "give --mqtt broker.lan:1883", false, false)]
        [InlineData("mqtts://broker.lan", "give --mqtt broker.lan:8883", false, true)]
        [InlineData("mqtt://edge:s3cret@10.0.0.5:1883/", "give --mqtt 10.0.0.5:1883", true, false)]
        [InlineData("edge:s3cret@10.0.0.5:1884", "give --mqtt 10.0.0.5:1884", true, false)]
        [InlineData("ws://127.0.0.1:9001/mqtt", "not websockets", false, false)]
        public void AUrlIsRefusedWithTheAddressAndOnlyTheOptionsItsPartsNeed(string url, string expected, bool credentials, bool tls)
        {
            FormatException refused = Assert.Throws<FormatException>(() => MqttBridgeOptions.ParseAddress(url));

            Assert.StartsWith("broker address must be host:port, not a URL", refused.Message, StringComparison.Ordinal);
            Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
            Assert.Equal(credentials, refused.Message.Contains("--mqtt-user and --mqtt-password", StringComparison.Ordinal));
            Assert.Equal(tls, refused.Message.Contains("--mqtt-ca", StringComparison.Ordinal));
            Assert.DoesNotContain("s3cret", refused.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void AHostWithoutPortTakesMqttsPlainPort()
        {
            Assert.Equal(("broker.lan", 1883), MqttBridgeOptions.ParseAddress("broker.lan"));
        }

        /// <summary>
        /// An IPv6 address without brackets was split at its last colon: "::1" became the host ":" on port 1, refused as
        /// "cannot resolve the host name ':'", and "2001:db8::5:8883" the host "2001:db8::5" on port 8883, though it is
        /// an address of its own. Brackets tell them apart; without them the refusal says so.
        /// </summary>
        [Theory]
        [InlineData("::1")]
        [InlineData("2001:db8::5:8883")]
        public void AnIpv6AddressWithoutBracketsIsRefusedAskingForThem(string address)
        {
            FormatException refused = Assert.Throws<FormatException>(() => MqttBridgeOptions.ParseAddress(address));

            Assert.Contains("'" + address + "'", refused.Message, StringComparison.Ordinal);
            Assert.Contains("an IPv6 address goes in brackets", refused.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("[::1]:18932", "[::1]", 18932)]
        [InlineData("[::1]", "[::1]", 1883)]
        [InlineData("[2001:db8::5]:8883", "[2001:db8::5]", 8883)]
        public void AnIpv6AddressInBracketsTakesThePortAfterThem(string address, string host, int port)
        {
            Assert.Equal((host, port), MqttBridgeOptions.ParseAddress(address));
        }
    }
}
