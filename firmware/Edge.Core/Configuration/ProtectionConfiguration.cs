// Licensed under the MIT License.

namespace Edge.Core.Configuration
{
    /// <summary>Safety envelope; a board definition overrides these with its own limits.</summary>
    public sealed class ProtectionConfiguration
    {
        /// <summary>Highest tolerated cell voltage (mV): 10 % above the [W] 3 V stripping cut-off.</summary>
        public int CellMaximumMv { get; set; } = 3300;

        /// <summary>Lowest tolerated cell voltage (mV): mirror of the maximum for plating.</summary>
        public int CellMinimumMv { get; set; } = -3300;

        /// <summary>Largest module current in either direction (uA): 5 mA/cm2 on 0.385 cm2, above any protocol
        /// in the seeds and below the Na/NASICON critical current of 3.2 mA/cm2 times the area with margin.</summary>
        public int ModuleMaximumCurrentUa { get; set; } = 1925;

        /// <summary>Current tolerated through an open switch (uA): leakage and offset of the current amplifier.</summary>
        public int OpenSwitchCurrentUa { get; set; } = 50;

        /// <summary>Highest tolerated temperature (0.1 degC). Ceramic electrolyte cells run near room temperature in the seeds.</summary>
        public int MaximumTemperatureDeciCelsius { get; set; } = 600;

        /// <summary>
        /// Whether the hardware can push current into the cells (plate). A board whose current stages only
        /// sink clears it (<c>BoardSafetyLimits</c>), and protocols with plating steps are then refused.
        /// </summary>
        public bool PlatingSupported { get; set; } = true;

        /// <summary>
        /// Whether the controller can lower a module's current (a DAC or PWM current-setpoint output on every module).
        /// A board with <c>setpoint = none</c> on a module clears it (<c>BoardSafetyLimits</c>), and settings that need
        /// a current reduction are then refused: act mode answers depletion with the pulse length and the rest only.
        /// </summary>
        public bool CurrentReductionSupported { get; set; } = true;
    }
}
