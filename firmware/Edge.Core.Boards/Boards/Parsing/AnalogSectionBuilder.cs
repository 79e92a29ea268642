// Licensed under the MIT License.

namespace Edge.Core.Boards.Parsing
{
    /// <summary>
    /// A section that describes an analog channel: exactly one of <c>adc_pin</c> (direct ADC1 GPIO)
    /// or <c>mux_input</c> (input of the board multiplexer), plus <c>calibration</c> points.
    /// </summary>
    internal abstract class AnalogSectionBuilder : SectionBuilder
    {
        public const string AdcPinKey = "adc_pin";
        public const string MuxInputKey = "mux_input";
        public const string CalibrationKey = "calibration";

        /// <summary>Largest multiplexer input number any supported part has (CD74HC4067: 0-15).</summary>
        private const int MaxMuxInput = 15;

        protected AnalogSectionBuilder(string header, int headerLine, int index, string[] allowedKeys, string[] requiredKeys)
            : base(header, headerLine, index, allowedKeys, requiredKeys)
        {
            AdcPin = AnalogInputDefinition.None;
            AdcChannel = AnalogInputDefinition.None;
            MuxInput = AnalogInputDefinition.None;
        }

        public int AdcPin { get; private set; }

        public int AdcChannel { get; private set; }

        public int MuxInput { get; private set; }

        public CalibrationCurve Calibration { get; private set; }

        /// <summary>Exactly one of adc_pin and mux_input must be given.</summary>
        public BoardParseError CheckInput()
        {
            bool direct = Has(AdcPinKey);
            bool multiplexed = Has(MuxInputKey);
            if (direct && multiplexed)
            {
                return FailAt(MuxInputKey, BoardParseErrorKind.AmbiguousInput, "give either adc_pin or mux_input, not both");
            }

            if (!direct && !multiplexed)
            {
                return new BoardParseError(
                    HeaderLine,
                    BoardParseErrorKind.AmbiguousInput,
                    Header,
                    AdcPinKey,
                    Header + ": missing input: give adc_pin (an ADC1 GPIO) or mux_input");
            }

            return null;
        }

        protected sealed override BoardParseError Apply(BoardLine line)
        {
            if (line.Key == AdcPinKey)
            {
                int gpio;
                int channel;
                BoardParseError error = BoardValueReader.ReadAnalogPin(line, out gpio, out channel);
                AdcPin = gpio;
                AdcChannel = channel;
                return error;
            }

            if (line.Key == MuxInputKey)
            {
                int input;
                BoardParseError error = BoardValueReader.ReadInt(line, 0, MaxMuxInput, out input);
                MuxInput = input;
                return error;
            }

            if (line.Key == CalibrationKey)
            {
                CalibrationCurve curve;
                BoardParseError error = BoardValueReader.ReadCalibration(line, out curve);
                Calibration = curve;
                return error;
            }

            return ApplyOther(line);
        }

        /// <summary>The section's own keys (everything but adc_pin, mux_input, calibration).</summary>
        protected abstract BoardParseError ApplyOther(BoardLine line);
    }
}
