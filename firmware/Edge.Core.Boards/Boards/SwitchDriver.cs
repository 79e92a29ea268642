// Licensed under the MIT License.

namespace Edge.Core.Boards
{
    /// <summary>How a module's load switch is driven.</summary>
    public enum SwitchDriver
    {
        /// <summary>Plain GPIO output (board word <c>gpio</c>): on or off.</summary>
        Gpio = 0,

        /// <summary>PWM output (board word <c>pwm</c>): needs a frequency; 0 % duty is off.</summary>
        Pwm = 1,
    }
}
