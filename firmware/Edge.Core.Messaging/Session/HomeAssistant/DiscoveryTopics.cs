// Licensed under the MIT License.

namespace Edge.Core.Session.HomeAssistant
{
    /// <summary>Home Assistant's MQTT discovery topics (its default discovery prefix "homeassistant").</summary>
    public static class DiscoveryTopics
    {
        /// <summary>Discovery prefix.</summary>
        public const string Prefix = "homeassistant/";

        /// <summary>Home Assistant's birth and last-will topic: "online" after each start of its MQTT integration.</summary>
        public const string HomeAssistantStatus = "homeassistant/status";

        /// <summary>homeassistant/&lt;component&gt;/&lt;node&gt;/&lt;object&gt;/config.</summary>
        public static string Config(string component, string nodeId, string objectId)
        {
            return Prefix + component + "/" + nodeId + "/" + objectId + "/config";
        }
    }
}
