// Licensed under the MIT License.

using System.Net.NetworkInformation;

namespace Edge.Firmware.Networking
{
    /// <summary>
    /// Reads and writes the station credentials in the nanoCLR's Wireless80211 configuration block,
    /// which the firmware keeps in flash across reboots and redeployments. Used when a provisioning
    /// command sets new credentials; the application never carries them in code.
    /// </summary>
    public static class WifiCredentials
    {
        /// <summary>True when a station configuration with a non-empty SSID is stored.</summary>
        public static bool AreStored()
        {
            Wireless80211Configuration[] configurations = Wireless80211Configuration.GetAllWireless80211Configurations();
            return configurations.Length > 0 && configurations[0].Ssid != null && configurations[0].Ssid.Length > 0;
        }

        /// <summary>Stores <paramref name="ssid"/> and <paramref name="password"/> (WPA2-PSK) with auto-connect; false without a Wi-Fi interface.</summary>
        public static bool Store(string ssid, string password)
        {
            Wireless80211Configuration[] configurations = Wireless80211Configuration.GetAllWireless80211Configurations();
            if (configurations.Length == 0)
            {
                return false;
            }

            Wireless80211Configuration configuration = configurations[0];
            configuration.Ssid = ssid;
            configuration.Password = password;
            configuration.Authentication = AuthenticationType.WPA2;
            configuration.Encryption = EncryptionType.WPA2_PSK;
            configuration.Options = Wireless80211Configuration.ConfigurationOptions.AutoConnect | Wireless80211Configuration.ConfigurationOptions.Enable;
            configuration.SaveConfiguration();
            return true;
        }
    }
}
