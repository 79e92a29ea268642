// Licensed under the MIT License.

namespace Edge.Firmware.Boot
{
    /// <summary>
    /// The output pins the boot drives off before it reads or parses anything
    /// (<see cref="BootStep.DriveOff"/>): every switch, hardware-enable feed and current-setpoint pin
    /// named by any board in <see cref="Boards.BoardCatalog"/>, so that a device flashed for one
    /// board and wired as another, or one whose settings or board text do not parse, holds no gate
    /// driver or current source half-on while the pins float.
    /// </summary>
    /// <remarks>
    /// Embedded rather than parsed: it must be usable before any parsing. The on-device test
    /// BootDriveOffTests derives the same list from the catalog's boards and fails when a board
    /// changes without this list. Every shipped switch is active-high and every setpoint and feed
    /// is off at low, so the off level of every pin here is low (the test checks that too).
    /// A pin that another shipped board reads as an analog input is not driven: an output there
    /// would fight that board's front-end amplifier. Such pins (<see cref="LeftToPullDowns"/>) are
    /// held off by the 100 kohm pull-down every shipped board puts on its switch and setpoint nets
    /// (boards/README.md, reference circuit) until the board's own step drives them.
    /// </remarks>
    public static class ShippedBoardPins
    {
        /// <summary>GPIOs driven low at boot: 4, 18, 19, 22, 25, 26, 27.</summary>
        public static readonly int[] DriveOffPins = new int[] { 4, 18, 19, 22, 25, 26, 27 };

        /// <summary>Switch, feed or setpoint pins of one shipped board that another reads as an ADC input: left to their pull-downs.</summary>
        public static readonly int[] LeftToPullDowns = new int[] { 32, 33 };
    }
}
