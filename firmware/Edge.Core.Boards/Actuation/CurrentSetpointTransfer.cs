// Licensed under the MIT License.

using Edge.Core.Annotations;
using Edge.Core.Boards;

namespace Edge.Core.Actuation
{
    /// <summary>
    /// A module's current-setpoint output as whole codes: the ESP32 DAC's 8 bits (codes 0-255, full scale at
    /// 255) or an RC-filtered LEDC PWM (codes 0-2^bits at the board's frequency, full scale at 100 % duty), each
    /// code worth <c>setpoint_full_scale_ua</c> / the top code. A request is rounded down to a whole code, so
    /// the stage never carries more than the controller asked for. Integer arithmetic, no allocation; the
    /// firmware writes <see cref="CodeFor"/> to the output and the simulator feeds the physics the current of
    /// the same code.
    /// </summary>
    public sealed class CurrentSetpointTransfer
    {
        /// <summary>Top code of the ESP32's 8-bit DAC.</summary>
        public const int DacTopCode = Esp32Pins.DacTopCode;

        private CurrentSetpointTransfer(SetpointKind kind, int fullScaleUa, int topCode)
        {
            Kind = kind;
            FullScaleUa = fullScaleUa;
            TopCode = topCode;
        }

        /// <summary>What produces the setpoint; <see cref="SetpointKind.None"/>: the load hardware sets the current.</summary>
        public SetpointKind Kind { get; }

        /// <summary>Current at <see cref="TopCode"/>, uA (0 without a setpoint output).</summary>
        public int FullScaleUa { get; }

        /// <summary>Highest code: 255 for the DAC, 2^bits for PWM (100 % duty); 0 without a setpoint output.</summary>
        public int TopCode { get; }

        /// <summary>True when a code sets the module's current (a DAC or PWM setpoint output).</summary>
        public bool IsDriven
        {
            get { return TopCode > 0; }
        }

        /// <summary>The transfer of <paramref name="module"/>'s setpoint output as its board declares it.</summary>
        public static CurrentSetpointTransfer For(ModuleDefinition module)
        {
            int fullScale = module.SetpointFullScaleUa;
            if (module.SetpointKind == SetpointKind.Dac && fullScale > 0)
            {
                return new CurrentSetpointTransfer(SetpointKind.Dac, fullScale, DacTopCode);
            }

            if (module.SetpointKind == SetpointKind.Pwm && fullScale > 0)
            {
                return new CurrentSetpointTransfer(SetpointKind.Pwm, fullScale, 1 << LedcResolution.BitsAt(module.SetpointPwmFrequencyHz));
            }

            return new CurrentSetpointTransfer(SetpointKind.None, 0, 0);
        }

        /// <summary>
        /// The largest code whose current does not exceed |<paramref name="requestedUa"/>|, at most
        /// <see cref="TopCode"/>; 0 without a setpoint output. The stage's direction is the switch's and
        /// the stage's business: the code sets the magnitude.
        /// </summary>
        [HotPath]
        public int CodeFor(int requestedUa)
        {
            if (TopCode == 0)
            {
                return 0;
            }

            long magnitude = requestedUa < 0 ? -(long)requestedUa : requestedUa;
            long code = magnitude * TopCode / FullScaleUa;
            return code > TopCode ? TopCode : (int)code;
        }

        /// <summary>Current that <paramref name="code"/> sets, uA, rounded down.</summary>
        [HotPath]
        public int DeliveredUa(int code)
        {
            return (int)((long)code * FullScaleUa / TopCode);
        }

        /// <summary>
        /// The current the stage carries for <paramref name="requestedUa"/>, signed like the request: the
        /// request itself without a setpoint output (the load hardware is built for it).
        /// </summary>
        [HotPath]
        public int QuantisedUa(int requestedUa)
        {
            if (TopCode == 0)
            {
                return requestedUa;
            }

            int delivered = DeliveredUa(CodeFor(requestedUa));
            return requestedUa < 0 ? -delivered : delivered;
        }
    }
}
