// Licensed under the MIT License.

namespace Edge.Firmware.Hardware
{
    /// <summary>
    /// One module's current-setpoint output (a DAC channel or a filtered PWM), driven in whole codes of its
    /// <see cref="Edge.Core.Actuation.CurrentSetpointTransfer"/>. Code 0 sets no current: the safe state.
    /// </summary>
    public interface ISetpointOutput
    {
        /// <summary>Writes <paramref name="code"/> (0 to the transfer's top code).</summary>
        void WriteCode(int code);
    }
}
