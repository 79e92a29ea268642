// Licensed under the MIT License.

namespace Edge.Core.Boards
{
    /// <summary>
    /// What Espressif publishes about the ESP32's ADC1 at 11 dB and 12 bits, the only setting
    /// nanoFramework applies: the typical transfer line of the characterisation
    /// (esp-idf components/esp_adc/esp32/adc_cali_line_fitting.c, <c>characterize_using_vref</c>:
    /// mV = Vref x 196602 / 4096 / 65536 x counts + 142, i.e. about 0.806 mV per count + 142 mV at
    /// the nominal 1100 mV Vref), the Vref spread between chips (1000 to 1200 mV, the ESP-IDF ADC
    /// guide) and the input range Espressif calls accurate (150 to 2450 mV, driver/adc.h). Above
    /// 2880 counts the curve leaves the line (the same file's lookup table).
    /// The parser uses these to judge front ends; nothing here runs per sample.
    /// </summary>
    public static class Esp32AdcCharacteristics
    {
        /// <summary>Full scale of the 12-bit reading nanoFramework returns (AdcController.MaxValue).</summary>
        public const int FullScaleCounts = 4095;

        /// <summary>Typical Vref of the characterisation, mV.</summary>
        public const int NominalVrefMv = 1100;

        /// <summary>Lowest Vref a chip may have, mV.</summary>
        public const int MinimumVrefMv = 1000;

        /// <summary>Highest Vref a chip may have, mV.</summary>
        public const int MaximumVrefMv = 1200;

        /// <summary>adc1_vref_atten_scale at 11 dB: the line's slope is Vref x this / 4096 / 65536 mV per count.</summary>
        public const int AttenuationScale = 196602;

        /// <summary>adc1_vref_atten_offset at 11 dB: the line's input at 0 counts, mV.</summary>
        public const int OffsetMv = 142;

        /// <summary>Lowest input of the accurate span at 11 dB, mV.</summary>
        public const int AccurateLowMv = 150;

        /// <summary>Highest input of the accurate span at 11 dB, mV.</summary>
        public const int AccurateHighMv = 2450;

        /// <summary>
        /// Lowest input every chip reads above 0 counts, mV: the line starts at 142 mV, and an input below it (or within
        /// half a count above it) reads 0, a saturated reading.
        /// </summary>
        public const int ReadableLowMv = 143;

        /// <summary>
        /// Highest input every chip reads below full scale, mV: the Vref-1000 lookup table (lut_adc1_low) reaches 3060 mV
        /// at 4096 counts, so that chip reads 4095 (saturated) from about 3059.3 mV on; the typical chip only at 3.13 V.
        /// </summary>
        public const int ReadableHighMv = 3059;

        /// <summary>Reading above which the 11 dB curve leaves the line (LUT_LOW_THRESH).</summary>
        public const int LinearTopCounts = 2880;

        /// <summary>
        /// Counts per volt of the line at <paramref name="vrefMv"/>: 4096 x 65536 x 1000 / (Vref x 196602);
        /// 1241 at the nominal 1100 mV, 1365 at 1000 mV, 1138 at 1200 mV.
        /// </summary>
        public static double CountsPerVolt(int vrefMv)
        {
            return 4096.0 * 65536.0 * 1000.0 / ((double)vrefMv * AttenuationScale);
        }
    }
}
