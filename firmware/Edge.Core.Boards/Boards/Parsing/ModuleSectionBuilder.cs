// Licensed under the MIT License.

using Edge.Core.Text;

namespace Edge.Core.Boards.Parsing
{
    /// <summary>
    /// Keys of a <c>[module N]</c> section: its series cells, the current channel (shunt,
    /// amplifier, calibration), the load switch and the optional current setpoint output.
    /// </summary>
    internal sealed class ModuleSectionBuilder : AnalogSectionBuilder
    {
        public const string CellsKey = "cells";
        public const string SwitchPinKey = "switch_pin";
        public const string SwitchDriverKey = "switch_driver";
        public const string SwitchPwmFrequencyKey = "switch_pwm_frequency_hz";
        public const string SetpointKey = "setpoint";
        public const string SetpointPinKey = "setpoint_pin";
        public const string SetpointPwmFrequencyKey = "setpoint_pwm_frequency_hz";
        public const string SwitchActiveKey = "switch_active";
        public const string SwitchPwmChannelKey = "switch_pwm_channel";
        public const string SetpointPwmChannelKey = "setpoint_pwm_channel";
        public const string SetpointFullScaleKey = "setpoint_full_scale_ua";
        public const string CurrentStageKey = "current_stage";
        public const string ShuntKey = "shunt_milliohm";
        public const string GainKey = "amplifier_gain";
        public const string OffsetKey = "offset_mv";

        /// <summary>nanoFramework names the ESP32's 16 LEDC channels DeviceFunction.PWM1 to PWM16.</summary>
        public const int MaxPwmChannel = 16;

        /// <summary>Most cells a module may hold in series.</summary>
        public const int MaxCellsPerModule = 16;

        /// <summary>Highest LEDC PWM frequency usable with at least 1-bit resolution on the ESP32 (40 MHz / 2).</summary>
        private const int MaxPwmFrequencyHz = 20000000;

        private static readonly string[] s_allowed = new string[]
        {
            CellsKey, AdcPinKey, MuxInputKey, ShuntKey, GainKey, OffsetKey, CalibrationKey, CurrentStageKey,
            SwitchPinKey, SwitchActiveKey, SwitchDriverKey, SwitchPwmFrequencyKey, SwitchPwmChannelKey,
            SetpointKey, SetpointPinKey, SetpointPwmFrequencyKey, SetpointPwmChannelKey, SetpointFullScaleKey,
        };

        private static readonly string[] s_required = new string[]
        {
            CellsKey, ShuntKey, GainKey, OffsetKey, CalibrationKey, SwitchPinKey, SwitchActiveKey, SwitchDriverKey,
        };

        public ModuleSectionBuilder(string header, int headerLine, int index)
            : base(header, headerLine, index, s_allowed, s_required)
        {
            SetpointPin = AnalogInputDefinition.None;
        }

        public int[] CellIndices { get; private set; }

        public int ShuntMilliohm { get; private set; }

        public int AmplifierGainMilli { get; private set; }

        public int OffsetMv { get; private set; }

        /// <summary>The shunt, gain and offset as written, for the refusal of one out of range.</summary>
        public string ShuntText { get; private set; }

        /// <summary>The gain as written.</summary>
        public string GainText { get; private set; }

        /// <summary>The offset as written.</summary>
        public string OffsetText { get; private set; }

        public int SwitchPin { get; private set; }

        public PinPolarity SwitchPolarity { get; private set; }

        public SwitchDriver SwitchDriver { get; private set; }

        public int SwitchPwmFrequencyHz { get; private set; }

        public SetpointKind SetpointKind { get; private set; }

        public int SetpointPin { get; private set; }

        public int SetpointPwmFrequencyHz { get; private set; }

        public int SwitchPwmChannel { get; private set; }

        public int SetpointPwmChannel { get; private set; }

        /// <summary>Module current at the setpoint's top code, uA (0 when not given).</summary>
        public int SetpointFullScaleUa { get; private set; }

        public CurrentStage CurrentStage { get; private set; }

        protected override BoardParseError ApplyOther(BoardLine line)
        {
            string key = line.Key;
            int value;
            BoardParseError error = null;
            if (key == CellsKey)
            {
                int[] cells;
                error = BoardValueReader.ReadIntList(line, 0, BoardParser.MaxCells - 1, MaxCellsPerModule, out cells);
                CellIndices = cells;
            }
            else if (key == ShuntKey)
            {
                // The shunt's, the gain's and the offset's ranges follow the rest of the board (the plating cap, the
                // module limit): ModuleFrontEndCheck and FrontEndChecks give them once the board is read.
                error = BoardValueReader.ReadWholeNumber(line, out value);
                ShuntMilliohm = value;
                ShuntText = line.Value;
            }
            else if (key == GainKey)
            {
                error = BoardValueReader.ReadDecimal(line, 3, out value);
                AmplifierGainMilli = value;
                GainText = line.Value;
            }
            else if (key == OffsetKey)
            {
                error = BoardValueReader.ReadWholeNumber(line, out value);
                OffsetMv = value;
                OffsetText = line.Value;
            }
            else if (key == SwitchPinKey)
            {
                error = BoardValueReader.ReadOutputPin(line, out value);
                SwitchPin = value;
            }
            else if (key == SwitchActiveKey)
            {
                PinPolarity polarity;
                error = BoardValueReader.ReadPolarity(line, out polarity);
                SwitchPolarity = polarity;
            }
            else if (key == SwitchDriverKey)
            {
                error = ReadDriver(line);
            }
            else if (key == SwitchPwmFrequencyKey)
            {
                error = BoardValueReader.ReadInt(line, 1, MaxPwmFrequencyHz, out value);
                SwitchPwmFrequencyHz = value;
            }
            else if (key == SetpointKey)
            {
                error = ReadSetpoint(line);
            }
            else if (key == SetpointPinKey)
            {
                error = BoardValueReader.ReadOutputPin(line, out value);
                SetpointPin = value;
            }
            else if (key == SwitchPwmChannelKey)
            {
                error = BoardValueReader.ReadInt(line, 1, MaxPwmChannel, out value);
                SwitchPwmChannel = value;
            }
            else if (key == SetpointPwmChannelKey)
            {
                error = BoardValueReader.ReadInt(line, 1, MaxPwmChannel, out value);
                SetpointPwmChannel = value;
            }
            else if (key == CurrentStageKey)
            {
                error = ReadCurrentStage(line);
            }
            else if (key == SetpointFullScaleKey)
            {
                error = BoardValueReader.ReadInt(line, 1, 100000000, out value);
                SetpointFullScaleUa = value;
            }
            else
            {
                error = BoardValueReader.ReadInt(line, 1, MaxPwmFrequencyHz, out value);
                SetpointPwmFrequencyHz = value;
            }

            return error;
        }

        private BoardParseError ReadDriver(BoardLine line)
        {
            string word = AsciiCase.ToLower(line.Value);
            if (word == "gpio")
            {
                SwitchDriver = SwitchDriver.Gpio;
                return null;
            }

            if (word == "pwm")
            {
                SwitchDriver = SwitchDriver.Pwm;
                return null;
            }

            return line.Fail(BoardParseErrorKind.BadWord, "driver '" + line.Value + "' is invalid; use 'gpio' or 'pwm'");
        }

        private BoardParseError ReadCurrentStage(BoardLine line)
        {
            string word = AsciiCase.ToLower(line.Value);
            if (word == "sink")
            {
                CurrentStage = CurrentStage.Sink;
                return null;
            }

            if (word == "bidirectional")
            {
                CurrentStage = CurrentStage.Bidirectional;
                return null;
            }

            if (word == "two_sinks")
            {
                CurrentStage = CurrentStage.TwoSinks;
                return null;
            }

            return line.Fail(BoardParseErrorKind.BadWord, "current stage '" + line.Value + "' is invalid; use 'sink' (stripping only), 'bidirectional' or 'two_sinks'");
        }

        private BoardParseError ReadSetpoint(BoardLine line)
        {
            string word = AsciiCase.ToLower(line.Value);
            if (word == "none")
            {
                SetpointKind = SetpointKind.None;
                return null;
            }

            if (word == "pwm")
            {
                SetpointKind = SetpointKind.Pwm;
                return null;
            }

            if (word == "dac")
            {
                SetpointKind = SetpointKind.Dac;
                return null;
            }

            return line.Fail(BoardParseErrorKind.BadWord, "setpoint '" + line.Value + "' is invalid; use 'none', 'pwm' or 'dac'");
        }
    }
}
