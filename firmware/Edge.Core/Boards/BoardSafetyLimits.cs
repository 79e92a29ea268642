// Licensed under the MIT License.

using Edge.Core.Configuration;

namespace Edge.Core.Boards
{
    /// <summary>
    /// Brings a board's safety envelope into the controller's configuration. The tighter limit wins:
    /// a configuration may narrow what the hardware allows, never widen it.
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

        private static int Smaller(int a, int b) => a < b ? a : b;

        private static int Larger(int a, int b) => a > b ? a : b;
    }
}
