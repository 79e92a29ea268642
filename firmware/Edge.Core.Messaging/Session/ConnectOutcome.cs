// Licensed under the MIT License.

namespace Edge.Core.Session
{
    /// <summary>
    /// How one attempt to open a broker session ended. The transport maps its client library's errors
    /// onto these (CONNACK codes, socket and TLS exceptions) so that the device log and the host's command
    /// line can say why a connection failed instead of only that it did.
    /// </summary>
    public enum ConnectOutcome : byte
    {
        /// <summary>CONNACK accepted, commands subscribed, status and config handed to the client.</summary>
        Accepted = 0,

        /// <summary>The link under MQTT is down (Wi-Fi not joined, no IP address).</summary>
        NetworkUnavailable = 1,

        /// <summary>No TCP connection: name not resolved, connection refused, no answer in time.</summary>
        BrokerUnreachable = 2,

        /// <summary>TLS handshake failed: the broker's certificate is not trusted or does not match, or ours was refused.</summary>
        TlsFailed = 3,

        /// <summary>CONNACK: bad user name or password.</summary>
        BadCredentials = 4,

        /// <summary>CONNACK: not authorised (or banned) for this client id or user.</summary>
        NotAuthorized = 5,

        /// <summary>CONNACK refused for another reason (client id rejected, protocol, server busy).</summary>
        Refused = 6,

        /// <summary>Connected, but the broker refused the subscription to the device's cmd/+ (ACL).</summary>
        SubscriptionRefused = 7,

        /// <summary>Connected, but the retained status or config could not be published.</summary>
        PublishFailed = 8,
    }
}
