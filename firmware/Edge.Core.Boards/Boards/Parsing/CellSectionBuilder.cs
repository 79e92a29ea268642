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
            : base(header, headerLine, index)
        {
        }

        public int DividerRatioPpm { get; private set; }

        public int OffsetMv { get; private set; }

        protected override string[] AllowedKeys
        {
            get { return s_allowed; }
        }

        protected override string[] RequiredKeys
        {
            get { return s_required; }
        }

        protected override BoardParseError ApplyOther(BoardLine line)
        {
            int value;
            BoardParseError error;
            if (line.Key == RatioKey)
            {
                // ADC volts per cell volt, 6 decimals; above 1 the front end would amplify, which the
                // +-3.3 V cell range cannot use.
                error = BoardValueReader.ReadFixed(line, 6, 1, 1000000, out value);
                DividerRatioPpm = value;
                return error;
            }

            // offset_mv: the mid-rail reference must lie inside the 0-3.3 V ADC supply.
            error = BoardValueReader.ReadInt(line, 0, 3300, out value);
            OffsetMv = value;
            return error;
        }
    }
}
