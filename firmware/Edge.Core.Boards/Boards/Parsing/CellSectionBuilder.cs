// Licensed under the MIT License.

namespace Edge.Core.Boards.Parsing
{
    /// <summary>Keys of a <c>[cell N]</c> section: input, front-end ratio and offset, calibration.</summary>
    internal sealed class CellSectionBuilder : AnalogSectionBuilder
    {
        public const string RatioKey = "divider_ratio";
        public const string OffsetKey = "offset_mv";

        private static readonly string[] s_allowed = new string[] { AdcPinKey, MuxInputKey, RatioKey, OffsetKey, CalibrationKey };
        private static readonly string[] s_required = new string[] { RatioKey, OffsetKey, CalibrationKey };

        public CellSectionBuilder(string header, int headerLine, int index)
            : base(header, headerLine, index, s_allowed, s_required)
        {
        }

        public int DividerRatioPpm { get; private set; }

        public int OffsetMv { get; private set; }

        /// <summary>The ratio as written, for the refusal of one out of range.</summary>
        public string DividerRatioText { get; private set; }

        /// <summary>The offset as written, for the refusal of one out of range.</summary>
        public string OffsetText { get; private set; }

        protected override BoardParseError ApplyOther(BoardLine line)
        {
            int value;
            BoardParseError error;
            if (line.Key == RatioKey)
            {
                // ADC volts per cell volt, 6 decimals. Its range follows the [safety] cell limits and offset_mv (a
                // range printed here, 0.000001 to 1 before, held ratios the front-end rules refused): CellFrontEndRange
                // gives it once the board is read.
                error = BoardValueReader.ReadDecimal(line, 6, out value);
                DividerRatioPpm = value;
                DividerRatioText = line.Value;
                return error;
            }

            // offset_mv: where the cell range must land inside what the ADC reads depends on divider_ratio and the
            // cell limits (0 to 3300 before, most of which was refused); CellFrontEndRange gives the range.
            error = BoardValueReader.ReadWholeNumber(line, out value);
            OffsetMv = value;
            OffsetText = line.Value;
            return error;
        }
    }
}
