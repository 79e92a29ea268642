// Licensed under the MIT License.

using Edge.Core.Annotations;

namespace Edge.Core.Measurement.AdcConversion
{
    /// <summary>
    /// One channel's sample from several ADC readings taken back to back (the board's <c>adc_readings_per_sample</c>):
    /// their mean, rounded to the nearest count with halves to even, so n readings of independent noise give 1/sqrt(n) of it (Espressif
    /// recommends such multisampling for the ESP32's ADC). A reading the converter would not accept is never averaged
    /// away: one impossible reading (a failed read) makes the sample impossible, and one at either end of the scale
    /// makes it saturated, so a channel near its limit is not reported as valid because its noise dipped inside.
    /// The firmware and the simulator's virtual ADC average through this one class.
    /// </summary>
    [HotPath]
    public sealed class AdcReadingMean
    {
        private readonly int _fullScaleCounts;
        private int _sum;
        private int _readings;
        private int _unacceptedCounts;
        private bool _unaccepted;

        /// <param name="fullScaleCounts">Largest reading the ADC returns (4095 at 12 bits).</param>
        public AdcReadingMean(int fullScaleCounts)
        {
            _fullScaleCounts = fullScaleCounts;
        }

        /// <summary>Starts a new sample.</summary>
        public void Begin()
        {
            _sum = 0;
            _readings = 0;
            _unaccepted = false;
        }

        /// <summary>Adds one reading, in counts.</summary>
        public void Add(int counts)
        {
            _readings++;
            if (counts > 0 && counts < _fullScaleCounts)
            {
                _sum += counts;
                return;
            }

            // An impossible reading outranks a saturated one: the channel did not answer at all.
            bool impossible = counts < 0 || counts > _fullScaleCounts;
            if (!_unaccepted || impossible)
            {
                _unaccepted = true;
                _unacceptedCounts = counts;
            }
        }

        /// <summary>
        /// The sample: the mean of the readings to the nearest count (halves to even); else an impossible reading if there was one, or the first
        /// saturated one; -1 without any reading.
        /// </summary>
        public int Counts
        {
            get
            {
                if (_unaccepted)
                {
                    return _unacceptedCounts;
                }

                int readings = _readings;
                if (readings == 0)
                {
                    return -1;
                }

                // Halves to even: rounding them up would raise every sample of four readings by 1/8 count on average
                // (a mean's fraction is 0, 1/4, 1/2 or 3/4 alike), a bias the averaging itself would bring in.
                int mean = _sum / readings;
                int twiceRemainder = 2 * (_sum - (mean * readings));
                if (twiceRemainder > readings || (twiceRemainder == readings && (mean & 1) == 1))
                {
                    mean++;
                }

                return mean;
            }
        }
    }
}
