// Licensed under the MIT License.

namespace Edge.Core.Boards
{
    /// <summary>
    /// An analog multiplexer (74HC4051: 3 select pins, CD74HC4067: 4) in front of one ADC1 GPIO.
    /// Select pin 0 is the least significant address bit (S0).
    /// </summary>
    public sealed class MuxDefinition
    {
        private readonly int[] _selectPins;
        private readonly AnalogInputDefinition[] _groundInputs;

        public MuxDefinition(int[] selectPins, int enablePin, PinPolarity enablePolarity, int adcPin, int adcChannel, int settleUs)
            : this(selectPins, enablePin, enablePolarity, adcPin, adcChannel, settleUs, 0, 0)
        {
        }

        /// <summary>A multiplexer with the RC filter between its output and the ADC pin (0 when not given).</summary>
        public MuxDefinition(int[] selectPins, int enablePin, PinPolarity enablePolarity, int adcPin, int adcChannel, int settleUs, int filterOhm, int filterPicofarad)
            : this(selectPins, enablePin, enablePolarity, adcPin, adcChannel, settleUs, filterOhm, filterPicofarad, null)
        {
        }

        /// <summary>As above, with the inputs tied to ground for the address check (null or empty: none).</summary>
        public MuxDefinition(int[] selectPins, int enablePin, PinPolarity enablePolarity, int adcPin, int adcChannel, int settleUs, int filterOhm, int filterPicofarad, int[] groundInputs)
        {
            _selectPins = new int[selectPins.Length];
            for (int i = 0; i < selectPins.Length; i++)
            {
                _selectPins[i] = selectPins[i];
            }

            EnablePin = enablePin;
            EnablePolarity = enablePolarity;
            AdcPin = adcPin;
            AdcChannel = adcChannel;
            SettleUs = settleUs;
            FilterOhm = filterOhm;
            FilterPicofarad = filterPicofarad;
            _groundInputs = new AnalogInputDefinition[groundInputs == null ? 0 : groundInputs.Length];
            for (int i = 0; i < _groundInputs.Length; i++)
            {
                _groundInputs[i] = new AnalogInputDefinition(adcPin, adcChannel, groundInputs[i]);
            }
        }

        public int SelectPinCount
        {
            get { return _selectPins.Length; }
        }

        /// <summary>GPIO of address bit <paramref name="bit"/> (0 = S0).</summary>
        public int SelectPinAt(int bit)
        {
            return _selectPins[bit];
        }

        /// <summary>Number of inputs the select pins can address (2^select pins).</summary>
        public int InputCount
        {
            get { return 1 << _selectPins.Length; }
        }

        /// <summary>Enable (inhibit) GPIO, or <see cref="AnalogInputDefinition.None"/> when tied on.</summary>
        public int EnablePin { get; }

        public PinPolarity EnablePolarity { get; }

        /// <summary>ADC1 GPIO wired to the multiplexer output.</summary>
        public int AdcPin { get; }

        /// <summary>nanoFramework ADC channel of <see cref="AdcPin"/>.</summary>
        public int AdcChannel { get; }

        /// <summary>Wait after switching inputs before sampling, microseconds.</summary>
        public int SettleUs { get; }

        /// <summary>Series resistance of the filter in front of the ADC pin, ohm.</summary>
        public int FilterOhm { get; }

        /// <summary>Capacitance of that filter, pF.</summary>
        public int FilterPicofarad { get; }

        /// <summary>Time constant of the filter, ns (R x C).</summary>
        public long FilterTimeConstantNs
        {
            get { return (long)FilterOhm * FilterPicofarad / 1000; }
        }

        /// <summary>
        /// Highest reading a ground input may give, counts: the reference check's window (124 counts, about 100 mV), above
        /// the 142 mV every chip reads as 0. Every cell and current range the rules allow maps above 142 mV, so another input
        /// reads more than this unless it sits within about 100 mV of that end of the ADC (boards/README.md).
        /// </summary>
        public const int MaximumGroundCounts = 124;

        /// <summary>
        /// Number of inputs tied to ground for the address check (<c>ground_inputs</c>), read every tick: each reads 0 counts
        /// on every chip, so a reading above <see cref="MaximumGroundCounts"/> says a select line stuck at the level opposite
        /// to one of that input's address bits connected another input. 0 when the board declares none.
        /// </summary>
        public int GroundInputCount
        {
            get { return _groundInputs.Length; }
        }

        /// <summary>Ground input <paramref name="index"/> (0 to <see cref="GroundInputCount"/> - 1) as an analog input.</summary>
        public AnalogInputDefinition GroundInputAt(int index)
        {
            return _groundInputs[index];
        }
    }
}
