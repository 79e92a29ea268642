// Licensed under the MIT License.

namespace Edge.Core.Boards
{
    /// <summary>
    /// One module: series cells switched together by one load switch, with a bipolar current
    /// channel (shunt + amplifier with a mid-rail reference: ADC input = offset + gain * shunt * I)
    /// and an optional current-setpoint output.
    /// </summary>
    public sealed class ModuleDefinition
    {
        private readonly int[] _cellIndices;

        public ModuleDefinition(
            int index,
            int[] cellIndices,
            AnalogInputDefinition currentInput,
            int shuntMilliohm,
            int amplifierGainMilli,
            int offsetMv,
            CalibrationCurve currentCalibration,
            int switchPin,
            PinPolarity switchPolarity,
            SwitchDriver switchDriver,
            int switchPwmFrequencyHz,
            SetpointKind setpointKind,
            int setpointPin,
            int setpointPwmFrequencyHz)
        {
            Index = index;
            _cellIndices = new int[cellIndices.Length];
            for (int i = 0; i < cellIndices.Length; i++)
            {
                _cellIndices[i] = cellIndices[i];
            }

            CurrentInput = currentInput;
            ShuntMilliohm = shuntMilliohm;
            AmplifierGainMilli = amplifierGainMilli;
            OffsetMv = offsetMv;
            CurrentCalibration = currentCalibration;
            SwitchPin = switchPin;
            SwitchPolarity = switchPolarity;
            SwitchDriver = switchDriver;
            SwitchPwmFrequencyHz = switchPwmFrequencyHz;
            SetpointKind = setpointKind;
            SetpointPin = setpointPin;
            SetpointPwmFrequencyHz = setpointPwmFrequencyHz;
        }

        /// <summary>Module number, 0-based (<c>[module N]</c>).</summary>
        public int Index { get; }

        public int CellCount
        {
            get { return _cellIndices.Length; }
        }

        /// <summary>Board cell index of the <paramref name="position"/>-th cell in series (0 = lowest).</summary>
        public int CellIndexAt(int position)
        {
            return _cellIndices[position];
        }

        public AnalogInputDefinition CurrentInput { get; }

        public int ShuntMilliohm { get; }

        /// <summary>Nominal amplifier gain times 1000.</summary>
        public int AmplifierGainMilli { get; }

        /// <summary>Nominal ADC input voltage at zero current, mV.</summary>
        public int OffsetMv { get; }

        /// <summary>Counts to uA (stripping positive).</summary>
        public CalibrationCurve CurrentCalibration { get; }

        public int SwitchPin { get; }

        public PinPolarity SwitchPolarity { get; }

        public SwitchDriver SwitchDriver { get; }

        /// <summary>PWM frequency of the switch driver, Hz; 0 for <see cref="Boards.SwitchDriver.Gpio"/>.</summary>
        public int SwitchPwmFrequencyHz { get; }

        public SetpointKind SetpointKind { get; }

        /// <summary>Setpoint GPIO, or <see cref="AnalogInputDefinition.None"/> for <see cref="Boards.SetpointKind.None"/>.</summary>
        public int SetpointPin { get; }

        /// <summary>Setpoint PWM frequency, Hz; 0 unless the setpoint is PWM.</summary>
        public int SetpointPwmFrequencyHz { get; }
    }
}
