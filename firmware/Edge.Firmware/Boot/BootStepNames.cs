// Licensed under the MIT License.

namespace Edge.Firmware.Boot
{
    /// <summary>The names device events give the boot steps (nanoFramework prints an enum as its number).</summary>
    public static class BootStepNames
    {
        private static readonly string[] s_names = new string[]
        {
            "drive-off", "settings", "board", "switches", "enable", "multiplexer", "adc", "setpoint", "led", "timer", "wifi", "mqtt", "control-loop", "console",
        };

        /// <summary>Number of steps.</summary>
        public static int Count
        {
            get { return s_names.Length; }
        }

        /// <summary>Name of <paramref name="step"/>, e.g. "adc".</summary>
        public static string Of(BootStep step)
        {
            int index = (int)step;
            return index >= 0 && index < s_names.Length ? s_names[index] : "step " + index.ToString();
        }
    }
}
