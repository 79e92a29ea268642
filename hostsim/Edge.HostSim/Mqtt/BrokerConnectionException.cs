// Licensed under the MIT License.

using Edge.Core.Session;

namespace Edge.HostSim.Mqtt
{
    /// <summary>A broker could not be reached or refused us; <see cref="Outcome"/> says why (bad password, TLS, ACL, unreachable).</summary>
    public sealed class BrokerConnectionException : Exception
    {
        /// <summary>Creates the exception with the outcome and the details in words.</summary>
        public BrokerConnectionException(ConnectOutcome outcome, string message)
            : base(message)
        {
            Outcome = outcome;
        }

        /// <summary>Why the connection failed.</summary>
        public ConnectOutcome Outcome { get; }

        /// <summary>A short reason for people: what to check first.</summary>
        public static string Explain(ConnectOutcome outcome)
        {
            switch (outcome)
            {
                case ConnectOutcome.BrokerUnreachable:
                    return "broker unreachable (check host, port and that it runs)";
                case ConnectOutcome.TlsFailed:
                    return "TLS error (check the CA file, the broker's certificate and host name, the client certificate)";
                case ConnectOutcome.BadCredentials:
                    return "bad user name or password";
                case ConnectOutcome.NotAuthorized:
                    return "not authorised (wrong user name or password, or this user may not connect)";
                case ConnectOutcome.SubscriptionRefused:
                    return "refused by the broker's ACL (the user may not subscribe to its commands)";
                case ConnectOutcome.PublishFailed:
                    return "refused by the broker's ACL (the user may not publish its status)";
                case ConnectOutcome.NetworkUnavailable:
                    return "network unavailable";
                default:
                    return "refused by the broker";
            }
        }
    }
}
