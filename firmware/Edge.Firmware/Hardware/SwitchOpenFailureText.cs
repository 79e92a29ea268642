// Licensed under the MIT License.

namespace Edge.Firmware.Hardware
{
    /// <summary>What a fault report adds when switch drivers did not take the open command (<see cref="LoadSwitchBank.LatchOpen"/>).</summary>
    public static class SwitchOpenFailureText
    {
        /// <summary>The words for <paramref name="failed"/> switches that did not open; empty when none.</summary>
        public static string For(int failed)
        {
            return failed == 0 ? string.Empty : " (" + failed.ToString() + " switch driver(s) failed to open: the hardware enable and the board's pull-downs are the fallback)";
        }
    }
}
