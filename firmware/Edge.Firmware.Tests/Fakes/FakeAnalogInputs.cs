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
        private readonly int[][] _readingsByPin = new int[40][];
        private readonly int[] _nextReadingByPin = new int[40];
        private readonly int[] _readsByPin = new int[40];

        /// <summary>When true, every read throws (an ADC driver failure inside a tick).</summary>
        public bool ThrowOnRead { get; set; }

        /// <summary>Puts <paramref name="counts"/> on ADC GPIO <paramref name="pin"/>.</summary>
        public void SetPin(int pin, int counts)
        {
            _countsByPin[pin] = counts;
        }

        /// <summary>Successive reads of ADC GPIO <paramref name="pin"/> return <paramref name="readings"/> in turn, over and over.</summary>
        public void SetPinReadings(int pin, int[] readings)
        {
            _readingsByPin[pin] = readings;
            _nextReadingByPin[pin] = 0;
        }

        /// <summary>How many times ADC GPIO <paramref name="pin"/> was read.</summary>
        public int ReadsOf(int pin)
        {
            return _readsByPin[pin];
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

            if (input.IsMultiplexed)
            {
                return _countsByMuxInput[input.MuxInput];
            }

            int pin = input.AdcPin;
            _readsByPin[pin]++;
            int[] readings = _readingsByPin[pin];
            if (readings == null)
            {
                return _countsByPin[pin];
            }

            int counts = readings[_nextReadingByPin[pin]];
            _nextReadingByPin[pin] = (_nextReadingByPin[pin] + 1) % readings.Length;
            return counts;
        }
    }
}
