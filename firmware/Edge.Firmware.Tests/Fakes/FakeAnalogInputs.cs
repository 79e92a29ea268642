// Licensed under the MIT License.

using Edge.Core.Boards;
using Edge.Firmware.Hardware;

namespace NFUnitTest.Fakes
{
    /// <summary>ADC stand-in: returns the counts a test put on each GPIO (or multiplexer input), like SimulatedI2cDevice does for a bus.</summary>
    public sealed class FakeAnalogInputs : IAnalogInputs
    {
        private readonly int[] _countsByPin = new int[40];
        private readonly int[] _countsByMuxInput = new int[8];

        /// <summary>When true, every read throws (an ADC driver failure inside a tick).</summary>
        public bool ThrowOnRead { get; set; }

        /// <summary>Puts <paramref name="counts"/> on ADC GPIO <paramref name="pin"/>.</summary>
        public void SetPin(int pin, int counts)
        {
            _countsByPin[pin] = counts;
        }

        /// <summary>Puts <paramref name="counts"/> on multiplexer input <paramref name="input"/>.</summary>
        public void SetMuxInput(int input, int counts)
        {
            _countsByMuxInput[input] = counts;
        }

        /// <inheritdoc />
        public int ReadCounts(AnalogInputDefinition input)
        {
            if (ThrowOnRead)
            {
                throw new System.InvalidOperationException("fake ADC failure");
            }

            return input.IsMultiplexed ? _countsByMuxInput[input.MuxInput] : _countsByPin[input.AdcPin];
        }
    }
}
