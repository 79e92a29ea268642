// Licensed under the MIT License.

namespace Edge.Core.Boards.Parsing
{
    /// <summary>Keys of the <c>[mux]</c> section: select pins (S0 first), enable pin, ADC1 pin, settle time, output filter.</summary>
    internal sealed class MuxSectionBuilder : SectionBuilder
    {
        public const string SelectPinsKey = "select_pins";
        public const string EnablePinKey = "enable_pin";
        public const string EnableActiveKey = "enable_active";
        public const string AdcPinKey = "adc_pin";
        public const string SettleKey = "settle_us";
        public const string FilterOhmKey = "filter_ohm";
        public const string FilterPicofaradKey = "filter_pf";
        public const string GroundInputsKey = "ground_inputs";

        /// <summary>CD74HC4067 has 4 select lines (16 inputs), the largest common single part.</summary>
        private const int MaxSelectPins = 4;

        private static readonly string[] s_allowed = new string[] { SelectPinsKey, EnablePinKey, EnableActiveKey, AdcPinKey, SettleKey, FilterOhmKey, FilterPicofaradKey, GroundInputsKey };
        private static readonly string[] s_required = new string[] { SelectPinsKey, AdcPinKey, SettleKey, FilterOhmKey, FilterPicofaradKey };

        public MuxSectionBuilder(string header, int headerLine)
            : base(header, headerLine, 0, s_allowed, s_required)
        {
            EnablePin = AnalogInputDefinition.None;
        }

        public int[] SelectPins { get; private set; }

        public int EnablePin { get; private set; }

        public PinPolarity EnablePolarity { get; private set; }

        public int AdcPin { get; private set; }

        public int AdcChannel { get; private set; }

        public int SettleUs { get; private set; }

        /// <summary>The settle time as written, for the refusal of one out of range.</summary>
        public string SettleText { get; private set; }

        public int FilterOhm { get; private set; }

        public int FilterPicofarad { get; private set; }

        /// <summary>Inputs tied to ground for the address check, or null when the key is absent.</summary>
        public int[] GroundInputs { get; private set; }

        public int InputCount
        {
            get { return SelectPins == null ? 0 : 1 << SelectPins.Length; }
        }

        protected override BoardParseError Apply(BoardLine line)
        {
            int value;
            BoardParseError error;
            if (line.Key == SelectPinsKey)
            {
                int[] pins;
                error = BoardValueReader.ReadIntList(line, 0, Esp32Pins.MaxGpio, MaxSelectPins, out pins);
                if (error == null)
                {
                    error = CheckOutputs(line, pins);
                }

                SelectPins = pins;
                return error;
            }

            if (line.Key == EnablePinKey)
            {
                error = BoardValueReader.ReadOutputPin(line, out value);
                EnablePin = value;
                return error;
            }

            if (line.Key == EnableActiveKey)
            {
                PinPolarity polarity;
                error = BoardValueReader.ReadPolarity(line, out polarity);
                EnablePolarity = polarity;
                return error;
            }

            if (line.Key == AdcPinKey)
            {
                int channel;
                error = BoardValueReader.ReadAnalogPin(line, out value, out channel);
                AdcPin = value;
                AdcChannel = channel;
                return error;
            }

            if (line.Key == GroundInputsKey)
            {
                // Inputs 0-15 (the CD74HC4067's); the whole-board checks hold them to this multiplexer's count.
                int[] inputs;
                error = BoardValueReader.ReadIntList(line, 0, 15, 16, out inputs);
                GroundInputs = inputs;
                return error;
            }

            if (line.Key == FilterOhmKey)
            {
                // The series resistor of the anti-alias filter in front of the ADC pin; 0 is a direct wire.
                error = BoardValueReader.ReadInt(line, 0, 10000000, out value);
                FilterOhm = value;
                return error;
            }

            if (line.Key == FilterPicofaradKey)
            {
                // Its capacitor; 10 uF is far beyond anything an ADC input filter uses.
                error = BoardValueReader.ReadInt(line, 0, 10000000, out value);
                FilterPicofarad = value;
                return error;
            }

            // settle_us: 74HC4051/4067 switch in well under 1 us; the RC of the ADC input and any
            // buffer dominate. Its least follows the filter and its most the sample period (0 to 10000 before,
            // below 9 time constants refused): FrontEndChecks gives the range once the board is read.
            error = BoardValueReader.ReadWholeNumber(line, out value);
            SettleUs = value;
            SettleText = line.Value;
            return error;
        }

        private static BoardParseError CheckOutputs(BoardLine line, int[] pins)
        {
            for (int i = 0; i < pins.Length; i++)
            {
                string why = Esp32Pins.WhyNotOutput(pins[i]);
                if (why != null)
                {
                    return line.Fail(BoardParseErrorKind.NotAnOutputPin, "GPIO " + pins[i].ToString() + " cannot be a select output: it " + why);
                }
            }

            return null;
        }
    }
}
