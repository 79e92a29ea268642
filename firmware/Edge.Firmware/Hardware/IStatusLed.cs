// Licensed under the MIT License.

namespace Edge.Firmware.Hardware
{
    /// <summary>The status LED as the application drives it: the patterns, plus the module-fault overlay the main thread keeps in step.</summary>
    public interface IStatusLed : IStatusIndicator
    {
        /// <summary>Shown over the connection patterns while true (a module holds a latched fault).</summary>
        bool ModuleFault { get; set; }
    }
}
