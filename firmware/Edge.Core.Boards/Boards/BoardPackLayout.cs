// Licensed under the MIT License.

using Edge.Core.Sampling;

namespace Edge.Core.Boards
{
    /// <summary>
    /// The controller's <see cref="PackLayout"/> for a board. The layout indexes cells pack-wide as
    /// module * cellsPerModule + position, so it fits boards whose modules hold the same number of
    /// cells, numbered consecutively in module order (both shipped boards and every virtual board). The parser refuses
    /// a board file of any other shape at its <c>cells</c> line; definitions built in code are checked here.
    /// </summary>
    public static class BoardPackLayout
    {
        /// <summary>
        /// The layout, or false with <paramref name="reason"/> when the board's module shape or size
        /// does not fit one.
        /// </summary>
        public static bool TryCreate(BoardDefinition board, out PackLayout layout, out string reason)
        {
            layout = null;
            int cellsPerModule = board.ModuleAt(0).CellCount;
            for (int m = 0; m < board.ModuleCount; m++)
            {
                ModuleDefinition module = board.ModuleAt(m);
                if (module.CellCount != cellsPerModule)
                {
                    reason = "module " + m.ToString() + " has " + module.CellCount.ToString() + " cells, module 0 has " + cellsPerModule.ToString();
                    return false;
                }

                for (int p = 0; p < cellsPerModule; p++)
                {
                    int expected = (m * cellsPerModule) + p;
                    if (module.CellIndexAt(p) != expected)
                    {
                        reason = "module " + m.ToString() + " position " + p.ToString() + " is cell " + module.CellIndexAt(p).ToString() + ", the pack layout needs cell " + expected.ToString();
                        return false;
                    }
                }
            }

            if (board.CellCount > PackLayout.MaximumCellCount)
            {
                reason = board.ModuleCount.ToString() + " modules x " + cellsPerModule.ToString() + " cells is " + board.CellCount.ToString()
                    + " cells, more than the " + PackLayout.MaximumCellCount.ToString() + " the core supports";
                return false;
            }

            reason = null;
            layout = new PackLayout(board.ModuleCount, cellsPerModule, board.TemperatureCount);
            return true;
        }
    }
}
