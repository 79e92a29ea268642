// Licensed under the MIT License.

using Edge.Core.Configuration;

namespace Edge.Core.Boards
{
    /// <summary>
    /// Places the board's temperature sensors for the protection: each on the module its <c>[temperature N] module</c>
    /// names, or on the whole pack without one (<c>protection.temperatureSensorModules</c>).
    /// </summary>
    public static class BoardTemperatureSensors
    {
        public static void Apply(BoardDefinition board, ControllerConfiguration configuration)
        {
            if (board.TemperatureCount == 0)
            {
                return;
            }

            int[] modules = new int[board.TemperatureCount];
            for (int t = 0; t < modules.Length; t++)
            {
                modules[t] = board.TemperatureAt(t).Module;
            }

            configuration.Protection.TemperatureSensorModules = modules;
        }
    }
}
