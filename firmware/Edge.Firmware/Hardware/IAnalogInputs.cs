// Licensed under the MIT License.

using Edge.Core.Boards;

namespace Edge.Firmware.Hardware
{
    /// <summary>
    /// Raw ADC counts of the board's analog inputs, direct or through the multiplexer. The seam
    /// between the sampling loop and the ADC: tests and the simulator substitute their own.
    /// </summary>
    public interface IAnalogInputs
    {
        /// <summary>Counts (0..full scale) of <paramref name="input"/>; negative when the read failed.</summary>
        int ReadCounts(AnalogInputDefinition input);
    }
}
