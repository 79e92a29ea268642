// Licensed under the MIT License.

namespace Edge.Core.Measurement.AdcConversion
{
    /// <summary>Validity of one ADC reading; only <see cref="Valid"/> readings may be used.</summary>
    public enum AdcReadingStatus
    {
        /// <summary>Inside the ADC span; the converted value is usable.</summary>
        Valid = 0,

        /// <summary>Reading 0: the input is at or below the ADC's lower end (about 0.15 V at 11 dB), the true value is unknown.</summary>
        SaturatedLow = 1,

        /// <summary>Reading at full scale (4095 at 12 bits): the input is at or above the upper end (about 3.1 V).</summary>
        SaturatedHigh = 2,

        /// <summary>Below 0 or above full scale: no ADC can return this; a driver or wiring fault.</summary>
        Impossible = 3,
    }
}
