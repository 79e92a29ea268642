// Licensed under the MIT License.

using System.Text.Json;
using System.Text.RegularExpressions;
using Edge.Core.Configuration;
using Edge.Core.Sampling;
using Edge.Core.Session.HomeAssistant;
using Edge.Core.Telemetry.Encoding;

namespace Edge.Mqtt.Tests
{
    /// <summary>
    /// The discovery configs the Mqtt README shows as captured from the broker are the ones a device sends: a reader
    /// copies unique ids and templates from there into Home Assistant automations.
    /// </summary>
    public sealed class DiscoveryReadmeTests
    {
        [Fact]
        public void TheReadmesCapturedConfigs_CarryTheUniqueIdsAndTemplatesThatTheDeviceSends()
        {
            string readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "hostsim/Edge.HostSim/Mqtt/README.md"));

            // The README's pack: device pack-7, 2 modules x 2 cells (16 configs), the default electrode area 0.3848 cm2
            // (its capacity divisor 3,600,000 x 0.3848 = 1,385,280).
            DiscoveryPublisher discovery = new DiscoveryPublisher(new TopicSet("pack-7"), new PackLayout(2, 2, 0), 0.3848, new TelemetryConfiguration().CellVoltagePeriodMs);
            MatchCollection shown = Regex.Matches(readme, @"^homeassistant/sensor/pack-7/(?<object>\w+)/config.*\n(?<body>(?:.+\n)+)", RegexOptions.Multiline);
            Assert.NotEmpty(shown);
            foreach (Match config in shown)
            {
                string objectId = config.Groups["object"].Value;
                int index = Enumerable.Range(0, discovery.Count).Single(i => discovery.ObjectId(i) == objectId);
                byte[] buffer = new byte[4096];
                int length = discovery.Encode(index, new JsonByteWriter(), buffer);
                JsonElement sent = JsonDocument.Parse(buffer.AsMemory(0, length)).RootElement;
                foreach (string key in new[] { "unique_id", "value_template", "state_topic", "unit_of_measurement", "device_class" })
                {
                    Match value = Regex.Match(config.Groups["body"].Value, "\"" + key + "\":(\"(?:[^\"\\\\]|\\\\.)*\")");
                    if (value.Success)
                    {
                        Assert.Equal(sent.GetProperty(key).GetString(), JsonSerializer.Deserialize<string>(value.Groups[1].Value));
                    }
                }
            }
        }

        private static string RepositoryRoot()
        {
            DirectoryInfo? directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory != null && !File.Exists(Path.Combine(directory.FullName, "Edge.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("Edge.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
