// Licensed under the MIT License.

using Edge.HostSim.Mqtt.Broker;

namespace Edge.Mqtt.Tests
{
    /// <summary>One anonymous mosquitto broker shared by the tests of <see cref="BrokerCollection"/>; tests isolate themselves by unique topics.</summary>
    public sealed class BrokerFixture : IDisposable
    {
        /// <summary>Starts the broker (installing mosquitto first when missing and running as root).</summary>
        public BrokerFixture()
        {
            Broker = MosquittoBroker.StartNew();
        }

        /// <summary>The running broker.</summary>
        public MosquittoBroker Broker { get; }

        /// <inheritdoc/>
        public void Dispose()
        {
            Broker.Dispose();
        }
    }
}
