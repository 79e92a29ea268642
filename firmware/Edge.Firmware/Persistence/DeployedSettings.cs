// Licensed under the MIT License.

namespace Edge.Firmware.Persistence
{
    /// <summary>
    /// The settings text deployed with the application (format: <see cref="DeviceSettingsParser"/>).
    /// Edit a local copy before deploying to a device; never commit broker passwords here.
    /// </summary>
    public static class DeployedSettings
    {
        /// <summary>Settings text: one "key = value" per line, '#' starts a comment.</summary>
        public const string Text = @"# Edge device settings (see firmware/README.md)
device_id = edge-0
board = esp32-devkitc-4s2m
# empty host: MQTT off, the control loop still runs
mqtt_host =
mqtt_port = 1883
mqtt_keep_alive_s = 30
health_period_s = 30
wifi_timeout_s = 30
";
    }
}
