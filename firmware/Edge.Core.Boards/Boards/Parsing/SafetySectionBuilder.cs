// Licensed under the MIT License.

namespace Edge.Core.Boards.Parsing
{
    /// <summary>
    /// Keys of the <c>[safety]</c> section: current and cell-voltage limits, optional temperature limit, and the
    /// optional graded levels inside them (warning and derate, foxBMS's MOL and RSL).
    /// </summary>
    internal sealed class SafetySectionBuilder : SectionBuilder
    {
        public const string MaxModuleCurrentKey = "max_module_current_ma";
        public const string MaxPlatingCurrentKey = "max_plating_current_ma";
        public const string CellVoltageMinKey = "cell_voltage_min_mv";
        public const string CellVoltageMaxKey = "cell_voltage_max_mv";
        public const string TemperatureMaxKey = "temperature_max_c";
        public const string CellVoltageMaxWarningKey = "cell_voltage_max_warning_mv";
        public const string CellVoltageMaxDerateKey = "cell_voltage_max_derate_mv";
        public const string CellVoltageMinWarningKey = "cell_voltage_min_warning_mv";
        public const string CellVoltageMinDerateKey = "cell_voltage_min_derate_mv";
        public const string ModuleCurrentWarningKey = "module_current_warning_ma";
        public const string ModuleCurrentDerateKey = "module_current_derate_ma";
        public const string TemperatureWarningKey = "temperature_warning_c";
        public const string TemperatureDerateKey = "temperature_derate_c";

        private static readonly string[] s_allowed = new string[]
        {
            MaxModuleCurrentKey, MaxPlatingCurrentKey, CellVoltageMinKey, CellVoltageMaxKey, TemperatureMaxKey,
            CellVoltageMaxWarningKey, CellVoltageMaxDerateKey, CellVoltageMinWarningKey, CellVoltageMinDerateKey,
            ModuleCurrentWarningKey, ModuleCurrentDerateKey, TemperatureWarningKey, TemperatureDerateKey,
        };

        private static readonly string[] s_required = new string[]
        {
            MaxModuleCurrentKey, MaxPlatingCurrentKey, CellVoltageMinKey, CellVoltageMaxKey,
        };

        public SafetySectionBuilder(string header, int headerLine)
            : base(header, headerLine, 0, s_allowed, s_required)
        {
            TemperatureMaxDeciC = SafetyEnvelope.NoTemperatureLimit;
            CellVoltageMaxWarningMv = SafetyEnvelope.NotGiven;
            CellVoltageMaxDerateMv = SafetyEnvelope.NotGiven;
            CellVoltageMinWarningMv = SafetyEnvelope.NotGiven;
            CellVoltageMinDerateMv = SafetyEnvelope.NotGiven;
            ModuleCurrentWarningUa = SafetyEnvelope.NotGiven;
            ModuleCurrentDerateUa = SafetyEnvelope.NotGiven;
            TemperatureWarningDeciC = SafetyEnvelope.NotGiven;
            TemperatureDerateDeciC = SafetyEnvelope.NotGiven;
        }

        public int MaxModuleCurrentUa { get; private set; }

        /// <summary>The module limit as written, for the refusal of one out of range.</summary>
        public string MaxModuleCurrentText { get; private set; }

        public int MaxPlatingCurrentUa { get; private set; }

        public int CellVoltageMinMv { get; private set; }

        public int CellVoltageMaxMv { get; private set; }

        public int TemperatureMaxDeciC { get; private set; }

        public int CellVoltageMaxWarningMv { get; private set; }

        public int CellVoltageMaxDerateMv { get; private set; }

        public int CellVoltageMinWarningMv { get; private set; }

        public int CellVoltageMinDerateMv { get; private set; }

        public int ModuleCurrentWarningUa { get; private set; }

        public int ModuleCurrentDerateUa { get; private set; }

        public int TemperatureWarningDeciC { get; private set; }

        public int TemperatureDerateDeciC { get; private set; }

        protected override BoardParseError Apply(BoardLine line)
        {
            int value;
            BoardParseError error;
            string key = line.Key;
            if (key == MaxModuleCurrentKey || key == MaxPlatingCurrentKey || key == ModuleCurrentWarningKey || key == ModuleCurrentDerateKey)
            {
                // mA with up to 3 decimals (= 1 uA); 1 A is far above any cell this controller drives. The module
                // limit's range follows the current channels: CurrentLimitCheck gives it once the board is read.
                error = key == MaxModuleCurrentKey
                    ? BoardValueReader.ReadDecimal(line, 3, out value)
                    : BoardValueReader.ReadFixed(line, 3, 1, 1000000, out value);
                if (key == MaxModuleCurrentKey)
                {
                    MaxModuleCurrentUa = value;
                    MaxModuleCurrentText = line.Value;
                }
                else if (key == MaxPlatingCurrentKey)
                {
                    MaxPlatingCurrentUa = value;
                }
                else if (key == ModuleCurrentWarningKey)
                {
                    ModuleCurrentWarningUa = value;
                }
                else
                {
                    ModuleCurrentDerateUa = value;
                }

                return error;
            }

            if (key == TemperatureMaxKey || key == TemperatureWarningKey || key == TemperatureDerateKey)
            {
                error = BoardValueReader.ReadFixed(line, 1, -400, 1500, out value);
                if (key == TemperatureMaxKey)
                {
                    TemperatureMaxDeciC = value;
                }
                else if (key == TemperatureWarningKey)
                {
                    TemperatureWarningDeciC = value;
                }
                else
                {
                    TemperatureDerateDeciC = value;
                }

                return error;
            }

            // Cell limits: the bipolar front ends measure about -3.3 to +3.3 V.
            error = BoardValueReader.ReadInt(line, -3300, 3300, out value);
            if (key == CellVoltageMinKey)
            {
                CellVoltageMinMv = value;
            }
            else if (key == CellVoltageMaxKey)
            {
                CellVoltageMaxMv = value;
            }
            else if (key == CellVoltageMaxWarningKey)
            {
                CellVoltageMaxWarningMv = value;
            }
            else if (key == CellVoltageMaxDerateKey)
            {
                CellVoltageMaxDerateMv = value;
            }
            else if (key == CellVoltageMinWarningKey)
            {
                CellVoltageMinWarningMv = value;
            }
            else
            {
                CellVoltageMinDerateMv = value;
            }

            return error;
        }
    }
}
