// Licensed under the MIT License.

namespace Edge.Core.Boards
{
    /// <summary>What is wrong with a board definition text; the error's message gives the details.</summary>
    public enum BoardParseErrorKind
    {
        /// <summary>A line is neither a comment, a <c>[section]</c> nor a <c>key = value</c>.</summary>
        Syntax = 0,

        /// <summary>A <c>[section]</c> name is not one of board, mux, cells, cell N, module N, temperature N, safety.</summary>
        UnknownSection = 1,

        /// <summary>The same section appears twice.</summary>
        DuplicateSection = 2,

        /// <summary>A required section is absent (line 0) or an indexed section leaves a gap.</summary>
        MissingSection = 3,

        /// <summary>A key is not defined for its section, or stands before any section.</summary>
        UnknownKey = 4,

        /// <summary>A key appears twice in one section.</summary>
        DuplicateKey = 5,

        /// <summary>A required key is absent (reported at the section header line).</summary>
        MissingKey = 6,

        /// <summary>A value is not a number of the expected form.</summary>
        BadNumber = 7,

        /// <summary>A number lies outside its allowed range.</summary>
        OutOfRange = 8,

        /// <summary>A word value (polarity, driver, setpoint) is not one of the allowed words.</summary>
        BadWord = 9,

        /// <summary>An analog input names an ADC2 GPIO; ADC2 cannot be read while Wi-Fi is on.</summary>
        Adc2Channel = 10,

        /// <summary>An analog input names a GPIO without an ADC1 channel.</summary>
        NotAnAdc1Pin = 11,

        /// <summary>A digital output names a GPIO that cannot drive an output (input-only, flash, UART0, absent).</summary>
        NotAnOutputPin = 12,

        /// <summary>One GPIO is assigned to two functions.</summary>
        PinUsedTwice = 13,

        /// <summary>Two channels sit on the same multiplexer input.</summary>
        MuxInputUsedTwice = 14,

        /// <summary>A channel uses <c>mux_input</c> but the board has no <c>[mux]</c> section.</summary>
        MuxMissing = 15,

        /// <summary>An analog channel gives both or neither of <c>adc_pin</c> and <c>mux_input</c>.</summary>
        AmbiguousInput = 16,

        /// <summary>A module lists a cell that has no <c>[cell N]</c> section.</summary>
        UnknownCell = 17,

        /// <summary>A cell is listed by two modules (or twice by one).</summary>
        CellInTwoModules = 18,

        /// <summary>A cell belongs to no module.</summary>
        CellInNoModule = 19,

        /// <summary>Fewer than two calibration points.</summary>
        CalibrationTooFewPoints = 20,

        /// <summary>Calibration counts not strictly increasing, or values not strictly monotonic.</summary>
        CalibrationNotMonotonic = 21,

        /// <summary>Values contradict each other (min above max, a setting that needs another, a limit outside the measurable range).</summary>
        Inconsistent = 22,

        /// <summary>An ADC setting nanoFramework's ESP32 ADC does not apply (it always converts at 12 bits and 11 dB).</summary>
        UnsupportedAdcSetting = 23,

        /// <summary>
        /// A GPIO the board's module keeps for itself (flash on both variants, PSRAM on WROVER) or does not bring out to a
        /// pad (GPIO 37 and 38 on both).
        /// </summary>
        ReservedPin = 24,

        /// <summary>An active-low GPIO load switch: it closes while the pin is set up and while the ESP32 resets.</summary>
        ActiveLowSwitch = 25,

        /// <summary>Two PWM outputs on one LEDC timer (PWM 2k+1 and 2k+2) at different frequencies, or one channel used twice.</summary>
        PwmTimerConflict = 26,

        /// <summary>A multiplexer settle time shorter than 9 time constants of its filter (12-bit settling).</summary>
        SettleTooShort = 27,

        /// <summary>
        /// A current channel that resolves the plating cap in fewer than 50 ADC counts, or a setpoint output one code of which
        /// is worth more than a tenth of the plating cap.
        /// </summary>
        ResolutionTooCoarse = 28,

        /// <summary>A temperature sensor placed on a module that has no <c>[module N]</c> section.</summary>
        UnknownModule = 29,

        /// <summary>
        /// A load switch on a GPIO the ESP32 pulls up while it resets (0, 5, 14, 15): the switch closes during every reset (on
        /// 14 the burst at boot also clocks a charge-pump gate driver).
        /// </summary>
        PulledUpSwitchPin = 30,

        /// <summary>
        /// A module's cells out of the order the controller numbers them in: lowest first, <c>[module 0]</c> from cell 0 and
        /// every further module on from where the one before ends.
        /// </summary>
        CellOrder = 31,

        /// <summary>
        /// A hardware enable's feed or a current setpoint on a GPIO the ESP32 pulls up while it resets (0, 5, 14, 15): the
        /// monostable takes the rising edge and enables the gates, or the setpoint net sits near 2.3 V, during every reset.
        /// </summary>
        PulledUpOutputPin = 32,

        /// <summary>
        /// The text takes more than <see cref="BoardParser.MaxTextBytes"/> bytes in UTF-8 (reported at line 0): the firmware's
        /// string table could not hold its boards.
        /// </summary>
        TooLarge = 33,

        /// <summary>
        /// The <c>[mux]</c> <c>ground_inputs</c> leave a select line's stuck level unseen: no ground input has that line at
        /// the opposite level, so no address the check reads moves when it sticks.
        /// </summary>
        MuxAddressCheckIncomplete = 34,
    }
}
