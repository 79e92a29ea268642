// Licensed under the MIT License.

using Edge.Core.Configuration;
using Edge.Core.Configuration.Protocol;

namespace Edge.Core.Boards
{
    /// <summary>
    /// The default protocol's pulses inside the board's module current limit. The default pulse is 1 mA/cm2 of the
    /// board's electrode area (<see cref="ElectrodeAreaScaling"/>): on large cells more than a board may carry (5 mA on
    /// 5 cm2 against a 2 mA stage), which the configuration check refused at every boot, and nothing on the device can
    /// set a protocol before that check. Such a pulse runs at the limit's derate level instead (above it every pulse would
    /// be derated, and the check refuses it); a protocol sent later that exceeds it is refused, not moved. Applied after
    /// <see cref="BoardSafetyLimits"/>, which sets the limit and its levels in effect.
    /// </summary>
    public static class BoardPulseCurrents
    {
        public static void ApplyDefaults(ControllerConfiguration configuration)
        {
            int limitUa = configuration.Protection.ModuleCurrentDerateUa;
            ProtocolStep[] steps = configuration.Protocol.Steps;
            ProtocolStep[] capped = null;
            for (int i = 0; i < steps.Length; i++)
            {
                ProtocolStep step = steps[i];
                if (!step.IsCurrentStep || step.CurrentUa <= limitUa)
                {
                    continue;
                }

                if (capped == null)
                {
                    capped = (ProtocolStep[])steps.Clone();
                }

                capped[i] = new ProtocolStep(step.Kind, limitUa, step.DurationMs);
            }

            if (capped != null)
            {
                configuration.Protocol.Steps = capped;
            }
        }
    }
}
