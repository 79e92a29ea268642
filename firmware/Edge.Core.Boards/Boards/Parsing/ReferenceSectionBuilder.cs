// Licensed under the MIT License.

namespace Edge.Core.Boards.Parsing
{
    /// <summary>
    /// Keys of the optional <c>[reference]</c> section: where the front ends' REF voltage is read
    /// (<c>adc_pin</c> or <c>mux_input</c>) and its nominal value. It has no calibration: the per-unit
    /// calibration records its reading, and every tick is compared with that.
    /// </summary>
    internal sealed class ReferenceSectionBuilder : AnalogSectionBuilder
    {
        public const string NominalKey = "nominal_mv";

        private static readonly string[] s_allowed = new string[] { AdcPinKey, MuxInputKey, NominalKey };
        private static readonly string[] s_required = new string[] { NominalKey };

        public ReferenceSectionBuilder(string header, int headerLine)
            : base(header, headerLine, 0, s_allowed, s_required)
        {
        }

        public int NominalMv { get; private set; }

        protected override BoardParseError ApplyOther(BoardLine line)
        {
            // Only nominal_mv reaches here: REF must lie inside the 0-3.3 V ADC supply.
            int value;
            BoardParseError error = BoardValueReader.ReadInt(line, 0, 3300, out value);
            NominalMv = value;
            if (error != null || (value >= Esp32AdcCharacteristics.ReadableLowMv && value <= Esp32AdcCharacteristics.ReadableHighMv))
            {
                return error;
            }

            // A REF the ADC reads as 0 or 4095 is a saturated reading: the per-unit calibration refuses it, so the
            // unit could never be calibrated and the controller would never close a switch.
            return line.Fail(
                BoardParseErrorKind.OutOfRange,
                value.ToString() + " mV lies outside " + Esp32AdcCharacteristics.ReadableLowMv.ToString() + "-" + Esp32AdcCharacteristics.ReadableHighMv.ToString()
                + " mV, what the ADC reads at 11 dB without saturating on every chip: the reference would read "
                + (value < Esp32AdcCharacteristics.ReadableLowMv ? "0" : "4095")
                + ", a saturated reading the per-unit calibration refuses, so the unit could never be calibrated; put REF inside that range (150-2450 mV is the accurate span)");
        }
    }
}
