// Licensed under the MIT License.

namespace Edge.Firmware.Hardware
{
    /// <summary>An analog multiplexer in front of one ADC pin: the ADC reads whichever input was selected last.</summary>
    public interface IAnalogMultiplexer
    {
        /// <summary>Connects <paramref name="input"/> to the ADC (and waits for it to settle).</summary>
        void Select(int input);
    }
}
