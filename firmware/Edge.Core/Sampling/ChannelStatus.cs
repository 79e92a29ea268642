// Licensed under the MIT License.

namespace Edge.Core.Sampling
{
    /// <summary>
    /// Validity of one measured channel as the board's conversion judged it. Anything but
    /// <see cref="Valid"/> means the value must not be used for control.
    /// </summary>
    public enum ChannelStatus : byte
    {
        /// <summary>Reading converted within the calibrated range.</summary>
        Valid = 0,

        /// <summary>ADC at or next to a rail (0 or full scale): clipped, the true value is unknown.</summary>
        Saturated = 1,

        /// <summary>
        /// Reading outside what the front end can physically produce, or none at all: the board's conversion gives this
        /// for a read that failed (-1 counts, or no reading of the sample's mean) and for a channel the multiplexer's
        /// address check took away (<see cref="SampleFrame.MuxAddressFault"/>).
        /// </summary>
        Implausible = 2,

        /// <summary>
        /// No reading this tick. The shipped acquisition never gives it (a channel that did not answer reads
        /// <see cref="Implausible"/>); a host that builds its frames itself may. Judged as <see cref="Implausible"/>:
        /// the channel's invalid row counts it, and its <c>channelFault</c> event's value is the status code, 3 (the
        /// telemetry contract names it).
        /// </summary>
        Missing = 3,

        /// <summary>
        /// The channel carries a calibration reference, not its cell, shunt or sensor (the device's calibration mode,
        /// which holds every switch open): not used for control, and no evidence about the cell, the pack's temperature
        /// or the channel either way. The references are far outside a healthy cell's range on purpose (3000 mV,
        /// 2000 uA, 85 degC at a temperature sensor); judged, they latched overvoltage, overcurrent and
        /// overtemperature faults that outlived the calibration.
        /// </summary>
        CalibrationReference = 4,
    }
}
