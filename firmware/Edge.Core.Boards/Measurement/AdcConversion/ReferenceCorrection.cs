// Licensed under the MIT License.

using Edge.Core.Annotations;
using Edge.Core.Calibration;

namespace Edge.Core.Measurement.AdcConversion
{
    /// <summary>
    /// Takes a drift of the front ends' REF (or of the ADC around it) since calibration out of every
    /// cell and current reading: the reference input is read every tick, low-pass filtered (1/16 per
    /// tick: about 160 ms at 10 ms, so its own noise does not double every channel's), and its
    /// departure from the reading the unit's calibration recorded is subtracted from each channel's
    /// counts before conversion. Each front end puts REF + k x signal on the ADC, so a REF that moved
    /// by d moves every reading by the same d; in counts this holds wherever the ADC is straight,
    /// which the board rules keep every operating range inside. Fast rail transients (Wi-Fi bursts)
    /// are not followed: the reference circuit keeps REF off the rail. Integer only, no allocation.
    /// </summary>
    [HotPath]
    public sealed class ReferenceCorrection
    {
        /// <summary>
        /// A reference reading this far from its calibrated value (about 100 mV on the typical chip) is
        /// not a drift but a broken REF or input: that tick's cell and current readings are implausible.
        /// </summary>
        public const int MaximumDeviationCounts = UnitCalibration.MaximumReferenceDeviationCounts;

        private const int Scale = 256;
        private const int FilterDivisor = 16;

        private readonly int _calibratedCounts;
        private readonly int _fullScaleCounts;
        private long _filtered;
        private bool _started;

        public ReferenceCorrection(int calibratedCounts, int fullScaleCounts)
        {
            _calibratedCounts = calibratedCounts;
            _fullScaleCounts = fullScaleCounts;
        }

        /// <summary>The reference reading recorded by the unit's calibration.</summary>
        public int CalibratedCounts
        {
            get { return _calibratedCounts; }
        }

        /// <summary>Counts to subtract from every corrected channel's reading (the filtered drift, rounded).</summary>
        public int ShiftCounts { get; private set; }

        /// <summary>
        /// Takes this tick's reference reading. False (and the shift unchanged) when it is saturated or
        /// too far from calibration to be a drift; the caller then marks the corrected channels implausible.
        /// </summary>
        public bool Update(int referenceCounts)
        {
            int deviation = referenceCounts - _calibratedCounts;
            if (referenceCounts <= 0 || referenceCounts >= _fullScaleCounts || deviation > MaximumDeviationCounts || deviation < -MaximumDeviationCounts)
            {
                return false;
            }

            long sample = (long)referenceCounts * Scale;
            if (_started)
            {
                _filtered += (sample - _filtered) / FilterDivisor;
            }
            else
            {
                // Start from the first reading: a REF that drifted before boot is corrected from the first tick.
                _filtered = sample;
                _started = true;
            }

            long shift = _filtered - ((long)_calibratedCounts * Scale);
            ShiftCounts = (int)(shift >= 0 ? (shift + (Scale / 2)) / Scale : -((-shift + (Scale / 2)) / Scale));
            return true;
        }
    }
}
