// Licensed under the MIT License.

namespace Edge.Core.Calibration
{
    /// <summary>Which kind of analog channel a calibration step is about (and the unit of its reference value).</summary>
    public enum CalibrationChannelKind
    {
        /// <summary>A cell voltage channel; reference values in mV at the cell.</summary>
        Cell = 0,

        /// <summary>A module current channel; reference values in uA (stripping positive).</summary>
        ModuleCurrent = 1,

        /// <summary>A temperature channel; reference values in 0.1 degC.</summary>
        Temperature = 2,
    }
}
