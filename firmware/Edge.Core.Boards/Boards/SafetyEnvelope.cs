// Licensed under the MIT License.

namespace Edge.Core.Boards
{
    /// <summary>
    /// Hard limits of the board hardware: outside them the controller opens the load switches.
    /// Currents are signed by convention: stripping positive, plating negative.
    /// </summary>
    public sealed class SafetyEnvelope
    {
        /// <summary>Value of <see cref="TemperatureMaxDeciC"/> when the board sets no temperature limit.</summary>
        public const int NoTemperatureLimit = int.MaxValue;

        /// <summary>Value of a graded level (warning or derate) the board does not give: the controller's own applies.</summary>
        public const int NotGiven = int.MinValue;

        public SafetyEnvelope(int maxModuleCurrentUa, int maxPlatingCurrentUa, int cellVoltageMinMv, int cellVoltageMaxMv, int temperatureMaxDeciC)
            : this(maxModuleCurrentUa, maxPlatingCurrentUa, cellVoltageMinMv, cellVoltageMaxMv, temperatureMaxDeciC, true)
        {
        }

        /// <summary>An envelope that also says whether every module's current stage can plate.</summary>
        public SafetyEnvelope(int maxModuleCurrentUa, int maxPlatingCurrentUa, int cellVoltageMinMv, int cellVoltageMaxMv, int temperatureMaxDeciC, bool platingPossible)
            : this(maxModuleCurrentUa, maxPlatingCurrentUa, cellVoltageMinMv, cellVoltageMaxMv, temperatureMaxDeciC, platingPossible, true)
        {
        }

        /// <summary>An envelope that also says whether every module can plate and whether every module has a current-setpoint output.</summary>
        public SafetyEnvelope(int maxModuleCurrentUa, int maxPlatingCurrentUa, int cellVoltageMinMv, int cellVoltageMaxMv, int temperatureMaxDeciC, bool platingPossible, bool currentSetpointOnEveryModule)
        {
            CurrentSetpointOnEveryModule = currentSetpointOnEveryModule;
            PlatingPossible = platingPossible;
            MaxModuleCurrentUa = maxModuleCurrentUa;
            MaxPlatingCurrentUa = maxPlatingCurrentUa;
            CellVoltageMinMv = cellVoltageMinMv;
            CellVoltageMaxMv = cellVoltageMaxMv;
            TemperatureMaxDeciC = temperatureMaxDeciC;
            CellVoltageMaxWarningMv = NotGiven;
            CellVoltageMaxDerateMv = NotGiven;
            CellVoltageMinWarningMv = NotGiven;
            CellVoltageMinDerateMv = NotGiven;
            ModuleCurrentWarningUa = NotGiven;
            ModuleCurrentDerateUa = NotGiven;
            TemperatureWarningDeciC = NotGiven;
            TemperatureDerateDeciC = NotGiven;
        }

        /// <summary>Largest module current magnitude in either direction, uA.</summary>
        public int MaxModuleCurrentUa { get; }

        /// <summary>Largest plating (negative) current magnitude, uA; at most <see cref="MaxModuleCurrentUa"/>.</summary>
        public int MaxPlatingCurrentUa { get; }

        /// <summary>Lowest allowed cell voltage, mV (negative: plating polarisation).</summary>
        public int CellVoltageMinMv { get; }

        /// <summary>Highest allowed cell voltage, mV (the stripping cut-off).</summary>
        public int CellVoltageMaxMv { get; }

        /// <summary>Highest allowed temperature, 0.1 degC, or <see cref="NoTemperatureLimit"/>.</summary>
        public int TemperatureMaxDeciC { get; }

        /// <summary>Cell voltage warning level (maximum operating limit), mV, or <see cref="NotGiven"/>.</summary>
        public int CellVoltageMaxWarningMv { get; set; }

        /// <summary>Cell voltage derate level (recommended safety limit), mV, or <see cref="NotGiven"/>.</summary>
        public int CellVoltageMaxDerateMv { get; set; }

        /// <summary>Lower cell voltage warning level (minimum operating limit), mV, or <see cref="NotGiven"/>.</summary>
        public int CellVoltageMinWarningMv { get; set; }

        /// <summary>Lower cell voltage derate level (recommended safety limit), mV, or <see cref="NotGiven"/>.</summary>
        public int CellVoltageMinDerateMv { get; set; }

        /// <summary>Pulse current warning level (maximum operating limit), uA magnitude, or <see cref="NotGiven"/>.</summary>
        public int ModuleCurrentWarningUa { get; set; }

        /// <summary>Pulse current derate level (recommended safety limit), uA magnitude, or <see cref="NotGiven"/>.</summary>
        public int ModuleCurrentDerateUa { get; set; }

        /// <summary>Temperature warning level (maximum operating limit), 0.1 degC, or <see cref="NotGiven"/>.</summary>
        public int TemperatureWarningDeciC { get; set; }

        /// <summary>Temperature derate level (recommended safety limit), 0.1 degC, or <see cref="NotGiven"/>.</summary>
        public int TemperatureDerateDeciC { get; set; }

        /// <summary>True when every module's current stage can push current into the cells (<c>current_stage</c> other than <c>sink</c>).</summary>
        public bool PlatingPossible { get; }

        /// <summary>
        /// True when every module has a current-setpoint output (<c>setpoint</c> = <c>dac</c> or <c>pwm</c>); without one
        /// the load hardware sets the current and the controller cannot lower it.
        /// </summary>
        public bool CurrentSetpointOnEveryModule { get; }
    }
}
