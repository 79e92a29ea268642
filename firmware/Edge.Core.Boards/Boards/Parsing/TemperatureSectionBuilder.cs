// Licensed under the MIT License.

namespace Edge.Core.Boards.Parsing
{
    /// <summary>Keys of a <c>[temperature N]</c> section: input, calibration (counts to 0.1 degC) and the module it sits on.</summary>
    internal sealed class TemperatureSectionBuilder : AnalogSectionBuilder
    {
        public const string ModuleKey = "module";

        private static readonly string[] s_allowed = new string[] { AdcPinKey, MuxInputKey, CalibrationKey, ModuleKey };
        private static readonly string[] s_required = new string[] { CalibrationKey };

        public TemperatureSectionBuilder(string header, int headerLine, int index)
            : base(header, headerLine, index, s_allowed, s_required)
        {
            Module = TemperatureChannelDefinition.PackWide;
        }

        /// <summary>The module the sensor sits on, or <see cref="TemperatureChannelDefinition.PackWide"/>.</summary>
        public int Module { get; private set; }

        protected override BoardParseError ApplyOther(BoardLine line)
        {
            // module: the only key the base class does not handle; whether that module exists is checked with the modules.
            int value;
            BoardParseError error = BoardValueReader.ReadInt(line, 0, BoardParser.MaxModules - 1, out value);
            Module = value;
            return error;
        }
    }
}
