// Licensed under the MIT License.

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
        public static void Apply(SafetyEnvelope envelope, ControllerConfiguration configuration)
        {
            ProtectionConfiguration protection = configuration.Protection;
            protection.ModuleMaximumCurrentUa = Smaller(protection.ModuleMaximumCurrentUa, envelope.MaxModuleCurrentUa);
            protection.CellMaximumMv = Smaller(protection.CellMaximumMv, envelope.CellVoltageMaxMv);
            protection.CellMinimumMv = Larger(protection.CellMinimumMv, envelope.CellVoltageMinMv);
            if (envelope.TemperatureMaxDeciC != SafetyEnvelope.NoTemperatureLimit)
            {
                protection.MaximumTemperatureDeciCelsius = Smaller(protection.MaximumTemperatureDeciCelsius, envelope.TemperatureMaxDeciC);
            }

            ApplyLevels(envelope, protection);

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
        /// The board's graded levels, applied after its limits: a level of the configuration that still follows its
        /// limit (<see cref="ProtectionGrading"/>) takes the board's, one set by hand keeps the tighter of the two.
        /// </summary>
        private static void ApplyLevels(SafetyEnvelope envelope, ProtectionConfiguration protection)
        {
            int given = envelope.CellVoltageMaxWarningMv;
            if (given != SafetyEnvelope.NotGiven)
            {
                int current = protection.CellMaximumWarningMv;
                protection.CellMaximumWarningMv = current == ProtectionGrading.WarningBelow(protection.CellMaximumMv) ? given : Smaller(current, given);
            }

            given = envelope.CellVoltageMaxDerateMv;
            if (given != SafetyEnvelope.NotGiven)
            {
                int current = protection.CellMaximumDerateMv;
                protection.CellMaximumDerateMv = current == ProtectionGrading.DerateBelow(protection.CellMaximumMv) ? given : Smaller(current, given);
            }

            given = envelope.CellVoltageMinWarningMv;
            if (given != SafetyEnvelope.NotGiven)
            {
                int current = protection.CellMinimumWarningMv;
                protection.CellMinimumWarningMv = current == ProtectionGrading.WarningAbove(protection.CellMinimumMv) ? given : Larger(current, given);
            }

            given = envelope.CellVoltageMinDerateMv;
            if (given != SafetyEnvelope.NotGiven)
            {
                int current = protection.CellMinimumDerateMv;
                protection.CellMinimumDerateMv = current == ProtectionGrading.DerateAbove(protection.CellMinimumMv) ? given : Larger(current, given);
            }

            given = envelope.ModuleCurrentWarningUa;
            if (given != SafetyEnvelope.NotGiven)
            {
                int current = protection.ModuleCurrentWarningUa;
                protection.ModuleCurrentWarningUa = current == ProtectionGrading.WarningBelow(protection.ModuleMaximumCurrentUa) ? given : Smaller(current, given);
            }

            given = envelope.ModuleCurrentDerateUa;
            if (given != SafetyEnvelope.NotGiven)
            {
                int current = protection.ModuleCurrentDerateUa;
                protection.ModuleCurrentDerateUa = current == ProtectionGrading.DerateBelow(protection.ModuleMaximumCurrentUa) ? given : Smaller(current, given);
            }

            given = envelope.TemperatureWarningDeciC;
            if (given != SafetyEnvelope.NotGiven)
            {
                int current = protection.TemperatureWarningDeciCelsius;
                protection.TemperatureWarningDeciCelsius = current == ProtectionGrading.TemperatureWarningBelow(protection.MaximumTemperatureDeciCelsius) ? given : Smaller(current, given);
            }

            given = envelope.TemperatureDerateDeciC;
            if (given != SafetyEnvelope.NotGiven)
            {
                int current = protection.TemperatureDerateDeciCelsius;
                protection.TemperatureDerateDeciCelsius = current == ProtectionGrading.TemperatureDerateBelow(protection.MaximumTemperatureDeciCelsius) ? given : Smaller(current, given);
            }
        }

        private static int Smaller(int a, int b) => a < b ? a : b;

        private static int Larger(int a, int b) => a > b ? a : b;
    }
}
