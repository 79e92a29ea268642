// Licensed under the MIT License.

namespace Edge.Core.Boards
{
    /// <summary>
    /// Where an analog channel is read: directly on an ADC1 GPIO, or on one input of the board's
    /// analog multiplexer (whose output goes to the multiplexer's ADC1 GPIO).
    /// </summary>
    public sealed class AnalogInputDefinition
    {
        /// <summary>Used for <see cref="MuxInput"/> of a direct input and for pins a virtual board lacks.</summary>
        public const int None = -1;

        public AnalogInputDefinition(int adcPin, int adcChannel, int muxInput)
        {
            AdcPin = adcPin;
            AdcChannel = adcChannel;
            MuxInput = muxInput;
        }

        /// <summary>GPIO number sampled (the multiplexer's output pin for a multiplexed input).</summary>
        public int AdcPin { get; }

        /// <summary>nanoFramework ADC channel number of <see cref="AdcPin"/> (ADC1: 0-7).</summary>
        public int AdcChannel { get; }

        /// <summary>Multiplexer input, or <see cref="None"/> for a direct input.</summary>
        public int MuxInput { get; }

        public bool IsMultiplexed
        {
            get { return MuxInput != None; }
        }
    }
}
