// Licensed under the MIT License.

using Edge.Core.Text;

namespace Edge.Core.Boards.Parsing
{
    /// <summary>Keys of the <c>[board]</c> section: name, ESP32 module, sample period, ADC settings, status LED.</summary>
    internal sealed class BoardSectionBuilder : SectionBuilder
    {
        public const string StatusLedPinKey = "status_led_pin";
        public const string ModuleKey = "module";
        public const string ResolutionKey = "adc_resolution_bits";
        public const string AttenuationKey = "adc_attenuation_db";
        public const string AdcReadingsKey = "adc_readings_per_sample";
        public const string SamplePeriodKey = "sample_period_ms";

        /// <summary>Longest board name (it is published in telemetry topics).</summary>
        private const int MaxNameLength = 40;

        private static readonly string[] s_allowed = new string[]
        {
            "name", ModuleKey, SamplePeriodKey, ResolutionKey, AttenuationKey, AdcReadingsKey, StatusLedPinKey, "status_led_active",
        };

        private static readonly string[] s_required = new string[] { "name", ModuleKey, SamplePeriodKey, ResolutionKey, AttenuationKey };

        public BoardSectionBuilder(string header, int headerLine)
            : base(header, headerLine, 0, s_allowed, s_required)
        {
            StatusLedPin = AnalogInputDefinition.None;
            AdcReadingsPerSample = 1;
        }

        public string Name { get; private set; }

        /// <summary>The period, clamped into an int (a number beyond it is refused, named by <see cref="SamplePeriodText"/>).</summary>
        public int SamplePeriodMs { get; private set; }

        /// <summary>The period as written, for the refusal of one out of range.</summary>
        public string SamplePeriodText { get; private set; }

        public int AdcResolutionBits { get; private set; }

        public AdcAttenuation AdcAttenuation { get; private set; }

        public int AdcReadingsPerSample { get; private set; }

        public Esp32ModuleVariant ModuleVariant { get; private set; }

        public int StatusLedPin { get; private set; }

        public PinPolarity StatusLedPolarity { get; private set; }

        protected override BoardParseError Apply(BoardLine line)
        {
            int value;
            BoardParseError error = null;
            if (line.Key == "name")
            {
                error = ReadName(line);
            }
            else if (line.Key == SamplePeriodKey)
            {
                // Only a whole number here: the range that passes depends on the other sections (the sampling
                // time, the enable), so SamplePeriodCheck gives it once the board is read.
                error = BoardValueReader.ReadWholeNumber(line, out value);
                SamplePeriodMs = value;
                SamplePeriodText = line.Value;
            }
            else if (line.Key == ModuleKey)
            {
                error = ReadModule(line);
            }
            else if (line.Key == ResolutionKey)
            {
                // The ESP32 SAR ADC has 9 to 12 bits (ESP-IDF adc_bits_width_t), but nanoFramework opens
                // every channel at the SoC's widest setting and reports 4095 as MaxValue
                // (nf-interpreter sys_dev_adc_native_System_Device_Adc_AdcController.cpp): any other
                // value would be parsed and then silently not applied.
                error = BoardValueReader.ReadInt(line, 9, 12, out value);
                AdcResolutionBits = value;
                if (error == null && value != 12)
                {
                    error = line.Fail(
                        BoardParseErrorKind.UnsupportedAdcSetting,
                        value.ToString() + " bits is not applied: nanoFramework's ESP32 ADC always converts at 12 bits (0-4095); use 12");
                }
            }
            else if (line.Key == AttenuationKey)
            {
                error = ReadAttenuation(line);
            }
            else if (line.Key == AdcReadingsKey)
            {
                error = BoardValueReader.ReadInt(line, 1, BoardParser.MaxAdcReadingsPerSample, out value);
                AdcReadingsPerSample = value;
            }
            else if (line.Key == StatusLedPinKey)
            {
                error = BoardValueReader.ReadOutputPin(line, out value);
                StatusLedPin = value;
            }
            else
            {
                PinPolarity polarity;
                error = BoardValueReader.ReadPolarity(line, out polarity);
                StatusLedPolarity = polarity;
            }

            return error;
        }

        private BoardParseError ReadName(BoardLine line)
        {
            string name = line.Value;
            if (name.Length > MaxNameLength)
            {
                return line.Fail(BoardParseErrorKind.OutOfRange, "name longer than " + MaxNameLength.ToString() + " characters");
            }

            for (int i = 0; i < name.Length; i++)
            {
                char c = name[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
                if (!ok)
                {
                    return line.Fail(BoardParseErrorKind.Syntax, "name may only contain letters, digits, '-', '_' and '.'");
                }
            }

            Name = name;
            return null;
        }

        private BoardParseError ReadAttenuation(BoardLine line)
        {
            long tenths;
            if (!FixedPointText.TryParse(line.Value, 1, out tenths))
            {
                return line.Fail(BoardParseErrorKind.BadNumber, QuotedText.Of(line.Value) + " is not a number of dB");
            }

            // ESP-IDF steps: 0, 2.5, 6 and 11 dB (newer ESP-IDF calls 11 dB "12 dB").
            if (tenths == 110 || tenths == 120)
            {
                AdcAttenuation = AdcAttenuation.Db11;
                return null;
            }

            if (tenths == 0 || tenths == 25 || tenths == 60)
            {
                // nf-interpreter opens every channel with ADC_ATTEN_DB_12 (= 11 dB) and offers no API to change it.
                AdcAttenuation = (AdcAttenuation)(int)tenths;
                return line.Fail(
                    BoardParseErrorKind.UnsupportedAdcSetting,
                    line.Value + " dB is not applied: nanoFramework opens every ESP32 ADC channel at 11 dB (ADC_ATTEN_DB_12); use 11");
            }

            return line.Fail(BoardParseErrorKind.OutOfRange, "attenuation " + line.Value + " dB is not one of 0, 2.5, 6, 11 (or 12)");
        }

        private BoardParseError ReadModule(BoardLine line)
        {
            string word = AsciiCase.ToLower(line.Value);
            if (word == "wroom")
            {
                ModuleVariant = Esp32ModuleVariant.Wroom;
                return null;
            }

            if (word == "wrover")
            {
                ModuleVariant = Esp32ModuleVariant.Wrover;
                return null;
            }

            return line.Fail(BoardParseErrorKind.BadWord, "module '" + line.Value + "' is invalid; use 'wroom' (ESP32-WROOM-32) or 'wrover' (ESP32-WROVER)");
        }
    }
}
