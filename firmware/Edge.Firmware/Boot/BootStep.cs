// Licensed under the MIT License.

namespace Edge.Firmware.Boot
{
    /// <summary>
    /// The initialisation steps, in the order the boot runs them. Every pin that could close a switch
    /// or command a current is driven off first; the load switches come right after the board so
    /// that they are driven open before anything else can fail; the control loop starts last, once
    /// everything it needs (and the network) is in place.
    /// </summary>
    public enum BootStep
    {
        /// <summary>
        /// Every switch, enable and setpoint pin of every shipped board driven to its off level
        /// (<see cref="ShippedBoardPins"/>), before anything is read or parsed.
        /// </summary>
        DriveOff = 0,

        /// <summary>Device settings from the configuration store.</summary>
        Settings = 1,

        /// <summary>The board file, parsed into layout and controller configuration, and the unit's calibration record.</summary>
        Board = 2,

        /// <summary>The module load switches, opened.</summary>
        Switches = 3,

        /// <summary>The hardware enable's feed pin, driven to a steady level (not fed until the loop ticks; none on a board without one).</summary>
        Enable = 4,

        /// <summary>The analog multiplexer's select lines (none on a board without one).</summary>
        Multiplexer = 5,

        /// <summary>The ADC1 channels the board uses.</summary>
        Adc = 6,

        /// <summary>The current setpoint output (DAC or filtered PWM; none on a board without one).</summary>
        Setpoint = 7,

        /// <summary>The status LED.</summary>
        Led = 8,

        /// <summary>The sample timer and the control loop around the controller.</summary>
        Timer = 9,

        /// <summary>The Wi-Fi link (joined later by the network thread).</summary>
        Wifi = 10,

        /// <summary>The MQTT client and the network thread.</summary>
        Mqtt = 11,

        /// <summary>Starting the sampling thread and its watchdog.</summary>
        ControlLoop = 12,

        /// <summary>The operator's serial console (a failure here is reported and the boot goes on: the control loop already runs).</summary>
        Console = 13,
    }
}
