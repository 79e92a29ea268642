// Licensed under the MIT License.

namespace Edge.Core.Boards.Parsing
{
    /// <summary>Keys of the <c>[safety]</c> section: current and cell-voltage limits, optional temperature limit.</summary>
    internal sealed class SafetySectionBuilder : SectionBuilder
    {
        public const string MaxModuleCurrentKey = "max_module_current_ma";
        public const string MaxPlatingCurrentKey = "max_plating_current_ma";
        public const string CellVoltageMinKey = "cell_voltage_min_mv";
        public const string CellVoltageMaxKey = "cell_voltage_max_mv";
        public const string TemperatureMaxKey = "temperature_max_c";

        private static readonly string[] s_allowed = new string[]
        {
            MaxModuleCurrentKey, MaxPlatingCurrentKey, CellVoltageMinKey, CellVoltageMaxKey, TemperatureMaxKey,
        };

        private static readonly string[] s_required = new string[]
        {
            MaxModuleCurrentKey, MaxPlatingCurrentKey, CellVoltageMinKey, CellVoltageMaxKey,
        };

        public SafetySectionBuilder(string header, int headerLine)
            : base(header, headerLine, 0)
        {
            TemperatureMaxDeciC = SafetyEnvelope.NoTemperatureLimit;
        }

        public int MaxModuleCurrentUa { get; private set; }

        public int MaxPlatingCurrentUa { get; private set; }

        public int CellVoltageMinMv { get; private set; }

        public int CellVoltageMaxMv { get; private set; }

        public int TemperatureMaxDeciC { get; private set; }

        protected override string[] AllowedKeys
        {
            get { return s_allowed; }
        }

        protected override string[] RequiredKeys
        {
            get { return s_required; }
        }

        protected override BoardParseError Apply(BoardLine line)
        {
            int value;
            BoardParseError error;
            if (line.Key == MaxModuleCurrentKey || line.Key == MaxPlatingCurrentKey)
            {
                // mA with up to 3 decimals (= 1 uA); 1 A is far above any cell this controller drives.
                error = BoardValueReader.ReadFixed(line, 3, 1, 1000000, out value);
                if (line.Key == MaxModuleCurrentKey)
                {
                    MaxModuleCurrentUa = value;
                }
                else
                {
                    MaxPlatingCurrentUa = value;
                }

                return error;
            }

            if (line.Key == TemperatureMaxKey)
            {
                error = BoardValueReader.ReadFixed(line, 1, -400, 1500, out value);
                TemperatureMaxDeciC = value;
                return error;
            }

            // Cell limits: the bipolar front ends measure about -3.3 to +3.3 V.
            error = BoardValueReader.ReadInt(line, -3300, 3300, out value);
            if (line.Key == CellVoltageMinKey)
            {
                CellVoltageMinMv = value;
            }
            else
            {
                CellVoltageMaxMv = value;
            }

            return error;
        }
    }
}
