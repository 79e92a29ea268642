// Licensed under the MIT License.

using Edge.Core.Configuration.Protocol;

namespace Edge.Core.Configuration
{
    /// <summary>
    /// Moves a configuration to another electrode area keeping its current densities, not its microamps. The one
    /// place this is done: the device for a board's [cells] area, the simulator for a scenario's pack area.
    /// </summary>
    public static class ElectrodeAreaScaling
    {
        /// <summary>
        /// The currents stored in uA stand for densities on the configuration's area (the defaults: a 1 mA/cm2 pulse,
        /// the 0.4 mA/cm2 plating cap, 5 mA/cm2 per module on 0.3848 cm2). Keeping the microamps on a smaller
        /// electrode would raise the plating cap above the density at which the cells short, and the module limit
        /// several times above its density. A board's safety envelope, applied afterwards, still has the last word.
        /// </summary>
        public static void Apply(ControllerConfiguration configuration, double electrodeAreaCm2)
        {
            ProtocolConfiguration protocol = configuration.Protocol;
            double scale = electrodeAreaCm2 / protocol.ElectrodeAreaCm2;
            protocol.Steps = ScaleSteps(protocol.Steps, scale);

            // At least 1 uA: the validator refuses a limit of 0, which a tiny electrode would round to.
            protocol.PlatingCriticalCurrentUa = Larger(1, Scale(protocol.PlatingCriticalCurrentUa, scale));
            // At most 2^53 - 1 uC, the largest limit the validator takes: 2^53 - 1 moved to a board's largest area
            // (10000 cm2 from 0.3848) was 2.3e20, past a long (undefined on the device, long.MaxValue here, then refused).
            double capacityUc = (protocol.CapacityLimitUc * scale) + 0.5;
            protocol.CapacityLimitUc = capacityUc >= ContractNumbers.LargestExactInteger ? ContractNumbers.LargestExactInteger : (long)capacityUc;
            configuration.Protection.ModuleMaximumCurrentUa = Larger(1, Scale(configuration.Protection.ModuleMaximumCurrentUa, scale));
            protocol.ElectrodeAreaCm2 = electrodeAreaCm2;
        }

        /// <summary>
        /// A step's current moved from one area to another as <see cref="Apply"/> moves it: what a board's parse-time
        /// checks compare with its limits, so that they warn of exactly the pulse the device boots with.
        /// </summary>
        public static int StepCurrentUa(int currentUa, double fromAreaCm2, double toAreaCm2)
        {
            return Larger(1, Scale(currentUa, toAreaCm2 / fromAreaCm2));
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
