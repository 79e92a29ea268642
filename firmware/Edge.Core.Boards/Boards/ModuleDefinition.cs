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

        /// <summary>
        /// A module with its current stage, the LEDC channels (PWM1..PWM16, or <see cref="NoPwmChannel"/>) of its PWM
        /// outputs and the current its setpoint output sets at full scale (uA; 0 without a setpoint output).
        /// </summary>
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
            int setpointPwmFrequencyHz,
            CurrentStage currentStage,
            int switchPwmChannel,
            int setpointPwmChannel,
            int setpointFullScaleUa)
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
            CurrentStage = currentStage;
            SwitchPwmChannel = switchPwmChannel;
            SetpointPwmChannel = setpointPwmChannel;
            SetpointFullScaleUa = setpointFullScaleUa;
        }

        /// <summary>Value of a PWM channel number for an output that is not PWM.</summary>
        public const int NoPwmChannel = 0;

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

        /// <summary>Which way the module's current stage drives current; only a non-<see cref="Boards.CurrentStage.Sink"/> stage can plate.</summary>
        public CurrentStage CurrentStage { get; }

        /// <summary>True when the stage can push current into the cells (plating).</summary>
        public bool CanPlate
        {
            get { return CurrentStage != CurrentStage.Sink; }
        }

        /// <summary>nanoFramework PWM channel (1-16, DeviceFunction.PWMn) of the switch, or <see cref="NoPwmChannel"/>.</summary>
        public int SwitchPwmChannel { get; }

        /// <summary>nanoFramework PWM channel (1-16) of the setpoint, or <see cref="NoPwmChannel"/>.</summary>
        public int SetpointPwmChannel { get; }

        /// <summary>
        /// Module current at the setpoint output's top code (DAC 255, PWM 100 % duty), uA; 0 without a setpoint
        /// output. <see cref="Actuation.CurrentSetpointTransfer"/> turns it into codes.
        /// </summary>
        public int SetpointFullScaleUa { get; }
    }
}
