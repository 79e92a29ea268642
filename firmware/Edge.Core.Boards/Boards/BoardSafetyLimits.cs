// Licensed under the MIT License.

using Edge.Core.Boards.Parsing;
using Edge.Core.Configuration;

namespace Edge.Core.Boards
{
    /// <summary>
    /// Brings a board's safety envelope into the controller's configuration. The tighter limit wins:
    /// a configuration may narrow what the hardware allows, never widen it. The graded levels inside the
    /// limits (warning, derate) follow the limits unless the board or the configuration gives its own.
    /// </summary>
    public static class BoardSafetyLimits
    {
        /// <summary>How a refusal names a key of the board's safety section: "[safety] cell_voltage_max_mv".</summary>
        private const string SafetySection = "[safety] ";

        public static void Apply(SafetyEnvelope envelope, ControllerConfiguration configuration)
        {
            ProtectionConfiguration protection = configuration.Protection;
            protection.ModuleMaximumCurrentUa = Smaller(protection.ModuleMaximumCurrentUa, envelope.MaxModuleCurrentUa);
            protection.ModuleMaximumPlatingCurrentUa = Smaller(protection.ModuleMaximumPlatingCurrentUa, envelope.MaxPlatingCurrentUa);
            protection.CellMaximumMv = Smaller(protection.CellMaximumMv, envelope.CellVoltageMaxMv);
            protection.CellMinimumMv = Larger(protection.CellMinimumMv, envelope.CellVoltageMinMv);
            if (envelope.TemperatureMaxDeciC != SafetyEnvelope.NoTemperatureLimit)
            {
                protection.MaximumTemperatureDeciCelsius = Smaller(protection.MaximumTemperatureDeciCelsius, envelope.TemperatureMaxDeciC);
            }

            ApplyLevels(envelope, protection);
            NameBoardKeys(envelope, protection);

            configuration.Protocol.PlatingCriticalCurrentUa = Smaller(configuration.Protocol.PlatingCriticalCurrentUa, envelope.MaxPlatingCurrentUa);

            // A stage that only sinks cannot plate whatever the configuration says.
            if (!envelope.PlatingPossible)
            {
                protection.PlatingSupported = false;
            }

            // Without a setpoint output the current is the load hardware's: act mode cannot lower it.
            if (!envelope.CurrentSetpointOnEveryModule)
            {
                protection.CurrentReductionSupported = false;
            }
        }

        /// <summary>
        /// Marks each limit in effect that is the board's value with the board's key, so that a refusal at that bound
        /// (a command's stripCutoffMv above cell_voltage_max_mv) names the board file rather than reading as the
        /// contract's own range. A limit the configuration holds tighter keeps none.
        /// </summary>
        private static void NameBoardKeys(SafetyEnvelope envelope, ProtectionConfiguration protection)
        {
            if (protection.CellMaximumMv == envelope.CellVoltageMaxMv)
            {
                protection.CellMaximumBoardKey = SafetySection + SafetySectionBuilder.CellVoltageMaxKey;
            }

            if (protection.CellMinimumMv == envelope.CellVoltageMinMv)
            {
                protection.CellMinimumBoardKey = SafetySection + SafetySectionBuilder.CellVoltageMinKey;
            }

            if (protection.ModuleMaximumCurrentUa == envelope.MaxModuleCurrentUa)
            {
                protection.ModuleMaximumCurrentBoardKey = SafetySection + SafetySectionBuilder.MaxModuleCurrentKey;
            }

            if (envelope.ModuleCurrentDerateUa != SafetyEnvelope.NotGiven && protection.ModuleCurrentDerateUa == envelope.ModuleCurrentDerateUa)
            {
                protection.ModuleCurrentDerateBoardKey = SafetySection + SafetySectionBuilder.ModuleCurrentDerateKey;
            }
        }

        /// <summary>
        /// After <see cref="Apply"/>: a level the board gives that the limit in effect leaves no room for, or null. The
        /// board's levels are checked against its own limits when it is parsed; a configuration whose limit is tighter
        /// (the controller's default 1925 uA against a board's 2 mA) can leave one at or past that limit, which the
        /// configuration check would refuse naming only the controller's field. This names the board's key.
        /// </summary>
        public static string LevelConflict(SafetyEnvelope envelope, ProtectionConfiguration protection)
        {
            string conflict = Above(envelope.CellVoltageMaxWarningMv, protection.CellMaximumWarningMv, protection.CellMaximumMv, envelope.CellVoltageMaxMv, "cell_voltage_max_warning_mv", " mV", "cell_voltage_max_mv");
            conflict = conflict ?? Above(envelope.CellVoltageMaxDerateMv, protection.CellMaximumDerateMv, protection.CellMaximumMv, envelope.CellVoltageMaxMv, "cell_voltage_max_derate_mv", " mV", "cell_voltage_max_mv");
            conflict = conflict ?? Above(-envelope.CellVoltageMinWarningMv, -protection.CellMinimumWarningMv, -protection.CellMinimumMv, -envelope.CellVoltageMinMv, "cell_voltage_min_warning_mv", " mV below 0", "cell_voltage_min_mv");
            conflict = conflict ?? Above(-envelope.CellVoltageMinDerateMv, -protection.CellMinimumDerateMv, -protection.CellMinimumMv, -envelope.CellVoltageMinMv, "cell_voltage_min_derate_mv", " mV below 0", "cell_voltage_min_mv");
            conflict = conflict ?? Above(envelope.ModuleCurrentWarningUa, protection.ModuleCurrentWarningUa, protection.ModuleMaximumCurrentUa, envelope.MaxModuleCurrentUa, "module_current_warning_ma", " uA", "max_module_current_ma");
            conflict = conflict ?? Above(envelope.ModuleCurrentDerateUa, protection.ModuleCurrentDerateUa, protection.ModuleMaximumCurrentUa, envelope.MaxModuleCurrentUa, "module_current_derate_ma", " uA", "max_module_current_ma");
            conflict = conflict ?? Above(envelope.TemperatureWarningDeciC, protection.TemperatureWarningDeciCelsius, protection.MaximumTemperatureDeciCelsius, envelope.TemperatureMaxDeciC, "temperature_warning_c", " (0.1 degC)", "temperature_max_c");
            conflict = conflict ?? Above(envelope.TemperatureDerateDeciC, protection.TemperatureDerateDeciCelsius, protection.MaximumTemperatureDeciCelsius, envelope.TemperatureMaxDeciC, "temperature_derate_c", " (0.1 degC)", "temperature_max_c");
            return conflict;
        }

        // The board's level, as applied, at or past the limit in effect (all as magnitudes above zero; a negated
        // NotGiven, int.MinValue, is NotGiven again).
        private static string Above(int given, int applied, int limit, int boardLimit, string key, string unit, string limitKey)
        {
            if (given == SafetyEnvelope.NotGiven || applied != given || applied < limit)
            {
                return null;
            }

            return "[safety] " + key + ": " + given.ToString() + unit + " is not inside the limit in effect, " + limit.ToString() + unit
                + ": the controller's own limit is tighter than the board's " + limitKey + " (" + boardLimit.ToString() + unit
                + "); give a level inside " + limit.ToString() + unit + " or leave the key out to follow the limit";
        }

        /// <summary>
        /// The board's graded levels, applied after its limits: a level of the configuration that still follows its
        /// limit (<see cref="ProtectionGrading"/>) takes the board's, one set by hand keeps the tighter of the two.
        /// </summary>
        private static void ApplyLevels(SafetyEnvelope envelope, ProtectionConfiguration protection)
        {
            protection.CellMaximumWarningMv = Level(envelope.CellVoltageMaxWarningMv, protection.CellMaximumWarningMv, ProtectionGrading.WarningBelow(protection.CellMaximumMv), true);
            protection.CellMaximumDerateMv = Level(envelope.CellVoltageMaxDerateMv, protection.CellMaximumDerateMv, ProtectionGrading.DerateBelow(protection.CellMaximumMv), true);
            protection.CellMinimumWarningMv = Level(envelope.CellVoltageMinWarningMv, protection.CellMinimumWarningMv, ProtectionGrading.WarningAbove(protection.CellMinimumMv), false);
            protection.CellMinimumDerateMv = Level(envelope.CellVoltageMinDerateMv, protection.CellMinimumDerateMv, ProtectionGrading.DerateAbove(protection.CellMinimumMv), false);
            protection.ModuleCurrentWarningUa = Level(envelope.ModuleCurrentWarningUa, protection.ModuleCurrentWarningUa, ProtectionGrading.WarningBelow(protection.ModuleMaximumCurrentUa), true);
            protection.ModuleCurrentDerateUa = Level(envelope.ModuleCurrentDerateUa, protection.ModuleCurrentDerateUa, ProtectionGrading.DerateBelow(protection.ModuleMaximumCurrentUa), true);
            protection.TemperatureWarningDeciCelsius = Level(envelope.TemperatureWarningDeciC, protection.TemperatureWarningDeciCelsius, ProtectionGrading.TemperatureWarningBelow(protection.MaximumTemperatureDeciCelsius), true);
            protection.TemperatureDerateDeciCelsius = Level(envelope.TemperatureDerateDeciC, protection.TemperatureDerateDeciCelsius, ProtectionGrading.TemperatureDerateBelow(protection.MaximumTemperatureDeciCelsius), true);
        }

        /// <summary>
        /// One graded level: the board's value <paramref name="given"/> where the configuration's level still equals
        /// <paramref name="followed"/> (the default it derives from its limit), otherwise the tighter of the two (lower
        /// for an upper limit). Unchanged when the board gives none.
        /// </summary>
        private static int Level(int given, int current, int followed, bool upperLimit)
        {
            if (given == SafetyEnvelope.NotGiven)
            {
                return current;
            }

            if (current == followed)
            {
                return given;
            }

            return upperLimit ? Smaller(current, given) : Larger(current, given);
        }

        private static int Smaller(int a, int b) => a < b ? a : b;

        private static int Larger(int a, int b) => a > b ? a : b;
    }
}
