// Licensed under the MIT License.

namespace Edge.Firmware.Boot
{
    /// <summary>
    /// The initialisation steps, in the order the boot runs them. The load switches come right
    /// after the board so that they are driven open before anything else can fail; the control
    /// loop starts last, once everything it needs (and the network) is in place.
    /// </summary>
    public enum BootStep
    {
        /// <summary>Device settings from the configuration store.</summary>
        Settings = 0,

        /// <summary>The board file, parsed into layout and controller configuration.</summary>
        Board = 1,

        /// <summary>The module load switches, opened.</summary>
        Switches = 2,

        /// <summary>The analog multiplexer's select lines (none on a board without one).</summary>
        Multiplexer = 3,

        /// <summary>The ADC1 channels the board uses.</summary>
        Adc = 4,

        /// <summary>The current setpoint output (DAC or filtered PWM; none on a board without one).</summary>
        Setpoint = 5,

        /// <summary>The status LED.</summary>
        Led = 6,

        /// <summary>The sample timer and the control loop around the controller.</summary>
        Timer = 7,

        /// <summary>The Wi-Fi link (joined later by the network thread).</summary>
        Wifi = 8,

        /// <summary>The MQTT client and the network thread.</summary>
        Mqtt = 9,

        /// <summary>Starting the sampling thread and its watchdog.</summary>
        ControlLoop = 10,
    }
}
