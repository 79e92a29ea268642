// Licensed under the MIT License.

namespace Edge.Core.Boards
{
    /// <summary>What a <see cref="BoardWarning"/> is about.</summary>
    public enum BoardWarningKind
    {
        /// <summary>An output on a strapping pin (GPIO 0, 2, 5, 12, 15): its level at reset picks boot options.</summary>
        StrappingPin = 0,

        /// <summary>A front end maps part of its operating range outside the ADC's accurate span (150-2450 mV at 11 dB).</summary>
        OutsideAccurateSpan = 1,

        /// <summary>No <c>[enable]</c> section: nothing in hardware opens the switches when the software stops. Unsafe for act mode.</summary>
        NoHardwareEnable = 2,

        /// <summary>No <c>[reference]</c> channel: readings cannot be corrected for drift of REF or of the ADC.</summary>
        NoReferenceChannel = 3,

        /// <summary>
        /// A status LED or a multiplexer select or enable line on GPIO 14, which the ESP32 pulls up while it resets and which
        /// carries a short PWM burst as it boots (a load switch, a hardware enable's feed or a current setpoint there is refused).
        /// </summary>
        NoisyAtReset = 4,

        /// <summary>
        /// A board that reads channels through its multiplexer has no <c>[mux]</c> <c>ground_inputs</c>: a select line stuck
        /// at one level is not seen by an address check (the reference input alone cannot tell a resting cell from REF).
        /// </summary>
        NoMuxAddressCheck = 5,

        /// <summary>
        /// The controller's 1 mA/cm2 pulse on the <c>[cells]</c> electrode area (or the default area) is above the module
        /// current's derate level (an area typed in mm2 is 100 times too large): the device boots with its pulses cut to it.
        /// </summary>
        AreaBeyondModuleCurrent = 6,
    }
}
