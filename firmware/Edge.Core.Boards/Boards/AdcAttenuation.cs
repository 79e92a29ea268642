// Licensed under the MIT License.

namespace Edge.Core.Boards
{
    /// <summary>
    /// ESP32 ADC input attenuation (ESP-IDF adc_atten_t). Values are tenths of a dB so that the enum
    /// number alone (all nanoFramework prints) still reads as the setting.
    /// </summary>
    public enum AdcAttenuation
    {
        /// <summary>0 dB: about 0.1-0.95 V usable.</summary>
        Db0 = 0,

        /// <summary>2.5 dB: about 0.1-1.25 V usable.</summary>
        Db2p5 = 25,

        /// <summary>6 dB: about 0.15-1.75 V usable.</summary>
        Db6 = 60,

        /// <summary>11 dB (called 12 dB in newer ESP-IDF): about 0.15-3.1 V, the setting for 3.3 V signals.</summary>
        Db11 = 110,
    }
}
