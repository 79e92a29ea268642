// Licensed under the MIT License.

namespace Edge.Mqtt.Tests
{
    /// <summary>Test classes sharing one <see cref="BrokerFixture"/>.</summary>
    [CollectionDefinition(Name)]
    public sealed class BrokerCollection : ICollectionFixture<BrokerFixture>
    {
        /// <summary>Collection name used in [Collection].</summary>
        public const string Name = "shared broker";
    }
}
