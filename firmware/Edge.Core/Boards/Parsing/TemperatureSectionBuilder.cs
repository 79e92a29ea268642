// Licensed under the MIT License.

namespace Edge.Core.Boards.Parsing
{
    /// <summary>Keys of a <c>[temperature N]</c> section: input and calibration (counts to 0.1 degC).</summary>
    internal sealed class TemperatureSectionBuilder : AnalogSectionBuilder
    {
        private static readonly string[] s_allowed = new string[] { AdcPinKey, MuxInputKey, CalibrationKey };
        private static readonly string[] s_required = new string[] { CalibrationKey };

        public TemperatureSectionBuilder(string header, int headerLine, int index)
            : base(header, headerLine, index)
        {
        }

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
            // Unreachable: every allowed key is handled by the base class.
            return line.Fail(BoardParseErrorKind.UnknownKey, "unknown key");
        }
    }
}
