// Licensed under the MIT License.

using Edge.Core.Configuration;
using Edge.Core.Configuration.Protocol;

namespace Edge.Core.Boards
{
    /// <summary>
    /// Brings what a board says about its cells (<c>[cells]</c>) into the controller's configuration.
    /// Unlike the safety envelope these are facts, not limits: a given value replaces the default,
    /// an absent one leaves the configuration as it is.
    /// </summary>
    public static class BoardCellParameters
    {
        public static void Apply(CellParametersDefinition cells, ControllerConfiguration configuration)
        {
            if (cells.HasElectrodeArea)
            {
                ProtocolConfiguration protocol = configuration.Protocol;
                double scale = cells.ElectrodeAreaCm2 / protocol.ElectrodeAreaCm2;

                // The currents stored in uA stand for current densities on the old area (the defaults: a
                // 1 mA/cm2 pulse, the 0.4 mA/cm2 plating cap, 5 mA/cm2 per module on 0.3848 cm2). Keeping the
                // microamps on a smaller electrode would raise the plating cap above the density at which the
                // cells short. The board's safety envelope, applied afterwards, still has the last word.
                protocol.Steps = ScaleSteps(protocol.Steps, scale);
                protocol.PlatingCriticalCurrentUa = Scale(protocol.PlatingCriticalCurrentUa, scale);
                protocol.CapacityLimitUc = (long)((protocol.CapacityLimitUc * scale) + 0.5);
                configuration.Protection.ModuleMaximumCurrentUa = Scale(configuration.Protection.ModuleMaximumCurrentUa, scale);
                protocol.ElectrodeAreaCm2 = cells.ElectrodeAreaCm2;
            }

            if (cells.HasNominalResistance)
            {
                configuration.HardShort.NominalResistanceOhmCm2 = cells.NominalResistanceOhmCm2;
            }
        }

        private static ProtocolStep[] ScaleSteps(ProtocolStep[] steps, double scale)
        {
            ProtocolStep[] scaled = new ProtocolStep[steps.Length];
            for (int i = 0; i < steps.Length; i++)
            {
                ProtocolStep step = steps[i];
                scaled[i] = new ProtocolStep(step.Kind, step.IsCurrentStep ? Larger(1, Scale(step.CurrentUa, scale)) : step.CurrentUa, step.DurationMs);
            }

            return scaled;
        }

        private static int Scale(int currentUa, double scale)
        {
            double scaled = (currentUa * scale) + 0.5;
            return scaled >= int.MaxValue ? int.MaxValue : (int)scaled;
        }

        private static int Larger(int a, int b) => a > b ? a : b;
    }
}
