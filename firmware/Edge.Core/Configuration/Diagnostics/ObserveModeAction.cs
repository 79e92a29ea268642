// Licensed under the MIT License.

namespace Edge.Core.Configuration.Diagnostics
{
    /// <summary>
    /// Whether a diagnosis acts in observe mode: safety rows always act, detector rows (depletion,
    /// soft short) only report there.
    /// </summary>
    public enum ObserveModeAction : byte
    {
        /// <summary>Reports the event; its reaction waits for normal mode.</summary>
        ReportsOnly = 0,

        /// <summary>Reacts in observe mode as in normal mode.</summary>
        Acts = 1,
    }
}
