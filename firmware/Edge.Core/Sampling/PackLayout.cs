// Licensed under the MIT License.

using System;
using Edge.Core.Annotations;

namespace Edge.Core.Sampling
{
    /// <summary>
    /// Shape of the pack the controller drives: modules (independently switched groups) of series cells.
    /// Cell i of module m has the pack-wide index m * CellsPerModule + i.
    /// </summary>
    [HotPath]
    public sealed class PackLayout
    {
        /// <summary>Largest pack the core is dimensioned for (ESP32 RAM; also the telemetry record width).</summary>
        public const int MaximumCellCount = 256;

        public PackLayout(int moduleCount, int cellsPerModule, int temperatureCount)
        {
            if (moduleCount < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(moduleCount), "at least one module");
            }

            if (cellsPerModule < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(cellsPerModule), "at least one cell per module");
            }

            if ((long)moduleCount * cellsPerModule > MaximumCellCount)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(cellsPerModule),
                    moduleCount.ToString() + " modules x " + cellsPerModule.ToString() + " cells is " + ((long)moduleCount * cellsPerModule).ToString()
                    + " cells, more than the " + MaximumCellCount.ToString() + " the core supports");
            }

            if (temperatureCount < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(temperatureCount), "cannot be negative");
            }

            ModuleCount = moduleCount;
            CellsPerModule = cellsPerModule;
            CellCount = moduleCount * cellsPerModule;
            TemperatureCount = temperatureCount;
        }

        // Read-only fields, not properties: every stage reads the counts every tick, and on the device each property
        // access is an interpreted call.
        public readonly int ModuleCount;

        public readonly int CellsPerModule;

        public readonly int CellCount;

        public readonly int TemperatureCount;

        /// <summary>Pack-wide index of the first cell of a module.</summary>
        public int FirstCellOf(int module) => module * CellsPerModule;

        /// <summary>Module that a pack-wide cell index belongs to.</summary>
        public int ModuleOf(int cell) => cell / CellsPerModule;
    }
}
