using System;
using System.IO;
using Edge.Firmware.Persistence;
using Xunit;

namespace Edge.Firmware.HostTests.Persistence
{
    /// <summary>
    /// The device settings firmware/README.md shows ("Configuring a device", step 2) are the text an engineer pastes into
    /// DeployedSettings: the device's own parser takes them, and each value the example writes is the one the device runs.
    /// </summary>
    public sealed class ReadmeSettingsExampleTests
    {
        [Fact]
        public void TheReadmesSettingsExampleParsesToTheValuesItWrites()
        {
            string example = SettingsExample();

            bool parsed = DeviceSettingsParser.TryParse(example, out DeviceSettings settings, out string error);

            Assert.True(parsed, "the device refuses firmware/README.md's settings example: " + error);
            Assert.Equal("pack-7", settings.DeviceId);
            Assert.Equal("esp32-devkitc-4s2m", settings.BoardName);
            Assert.Equal("192.168.1.20", settings.MqttHost);
            Assert.Equal(1883, settings.MqttPort);
            Assert.Equal(string.Empty, settings.MqttUsername);
            Assert.False(settings.MqttUsesTls);
            Assert.Equal(30, settings.MqttKeepAliveS);
            Assert.Equal(30, settings.HealthPeriodS);
            Assert.Equal(30, settings.WifiTimeoutS);
            Assert.True(settings.HomeAssistantDiscovery);
            Assert.False(settings.AutoStart);
            Assert.Equal(2, settings.ConsoleUart);
            Assert.Equal(13, settings.ConsoleRxPin);
            Assert.Equal(14, settings.ConsoleTxPin);
            Assert.Equal(115200, settings.ConsoleBaud);
        }

        /// <summary>The first code block after the README's "Device settings" step, its list indentation taken off.</summary>
        private static string SettingsExample()
        {
            string readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "firmware", "README.md")).Replace("\r\n", "\n");
            int step = readme.IndexOf("**Device settings**", StringComparison.Ordinal);
            Assert.True(step >= 0, "firmware/README.md has no 'Device settings' step");
            int start = readme.IndexOf("```\n", step, StringComparison.Ordinal) + "```\n".Length;
            int end = readme.IndexOf("```", start, StringComparison.Ordinal);
            string[] lines = readme.Substring(start, end - start).TrimEnd(' ').Split('\n');
            for (int i = 0; i < lines.Length; i++)
            {
                lines[i] = lines[i].TrimStart(' ');
            }

            return string.Join("\n", lines);
        }

        private static string RepositoryRoot()
        {
            DirectoryInfo directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory != null && !File.Exists(Path.Combine(directory.FullName, "Edge.sln")))
            {
                directory = directory.Parent;
            }

            Assert.NotNull(directory);
            return directory.FullName;
        }
    }
}
