// Licensed under the MIT License.

namespace Edge.Core.Boards
{
    /// <summary>How a module's current setpoint is produced, if the board has one.</summary>
    public enum SetpointKind
    {
        /// <summary>No setpoint output (board word <c>none</c>): the current is set by the load hardware.</summary>
        None = 0,

        /// <summary>Filtered PWM (board word <c>pwm</c>): needs a pin and a frequency.</summary>
        Pwm = 1,

        /// <summary>ESP32 8-bit DAC (board word <c>dac</c>): only GPIO 25 (DAC1) or GPIO 26 (DAC2).</summary>
        Dac = 2,
    }
}
