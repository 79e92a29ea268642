// Licensed under the MIT License.

namespace Edge.Firmware.Hardware
{
    /// <summary>
    /// One running PWM output (an LEDC channel on the ESP32). Deliberately without a stop: on
    /// nanoFramework's ESP32 LEDC, stopping one channel clears a flag its timer partner shares, after
    /// which duty writes on the partner are stored but not applied. Outputs are started once and
    /// "off" is a duty cycle, never a stopped channel.
    /// </summary>
    public interface IPwmOutput
    {
        /// <summary>Writes the duty cycle, 0.0 (always low) to 1.0 (always high).</summary>
        void SetDutyCycle(double dutyCycle);
    }
}
