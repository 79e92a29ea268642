// Licensed under the MIT License.

using Edge.Core.Annotations;
using Edge.Core.Configuration;
using Edge.Core.Decision;
using Edge.Core.Diagnosis;

namespace Edge.Core.Actuation
{
    /// <summary>
    /// The last line of defence between the decision and the hardware: whatever a module's engine wants, a module with
    /// a latched fault or an isolation request stays open, nothing closes on readings without this unit's calibration,
    /// no setpoint leaves the safety envelope (a plating one neither the board's plating limit), and a stage that only
    /// sinks is never asked to plate. It also keeps what it commanded, because that is what flows during the interval
    /// the next sample ends.
    /// </summary>
    [HotPath]
    public sealed class ActuationSafetyClamp
    {
        private readonly ProtectionConfiguration _protection;

        public ActuationSafetyClamp(int moduleCount, ProtectionConfiguration protection)
        {
            _protection = protection;
            LastSwitchClosed = new bool[moduleCount];
            LastSetpointUa = new int[moduleCount];
        }

        // Fields, not properties: the controller hands them to the measurement every tick, and on the device each
        // property access is an interpreted call.

        /// <summary>Per module, whether the latest <see cref="Apply"/> closed its switch.</summary>
        public readonly bool[] LastSwitchClosed;

        /// <summary>Per module, the setpoint the latest <see cref="Apply"/> commanded (uA, 0 when open).</summary>
        public readonly int[] LastSetpointUa;

        /// <summary>Writes every module's switch and setpoint into <paramref name="actions"/>, clamped as the class says.</summary>
        public void Apply(ModuleDutyCycle[] modules, DiagnosisManager diagnosis, bool uncalibrated, ActionFrame actions)
        {
            // One method with its loads in locals: on the device every call and property read of every tick is
            // interpreted overhead.
            int maximumUa = _protection.ModuleMaximumCurrentUa;
            bool platingSupported = _protection.PlatingSupported;
            bool[] isolate = diagnosis.Requests.Isolate;
            bool[] latched = diagnosis.ModuleLatched;
            bool[] switchClosed = actions.SwitchClosed;
            int[] setpointUa = actions.CurrentSetpointUa;
            bool[] lastSwitchClosed = LastSwitchClosed;
            int[] lastSetpointUa = LastSetpointUa;
            for (int m = 0; m < modules.Length; m++)
            {
                ModuleDutyCycle module = modules[m];
                bool closed = module.SwitchClosed && !latched[m] && !isolate[m] && !uncalibrated;
                int setpoint = closed ? module.SetpointUa : 0;
                if (setpoint > maximumUa)
                {
                    setpoint = maximumUa;
                }
                else if (setpoint < -maximumUa)
                {
                    setpoint = -maximumUa;
                }

                if (setpoint < 0)
                {
                    if (!platingSupported)
                    {
                        closed = false;
                        setpoint = 0;
                    }
                    else
                    {
                        // A board's plating limit may lie inside the module limit (0.5 of 2 mA on the shipped boards).
                        // Read only on a plating tick: on the device a property read is an interpreted call.
                        int platingUa = _protection.ModuleMaximumPlatingCurrentUa;
                        if (setpoint < -platingUa)
                        {
                            setpoint = -platingUa;
                        }
                    }
                }

                switchClosed[m] = closed;
                setpointUa[m] = setpoint;
                lastSwitchClosed[m] = closed;
                lastSetpointUa[m] = setpoint;
            }
        }
    }
}
