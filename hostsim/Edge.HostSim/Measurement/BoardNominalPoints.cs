// Licensed under the MIT License.

using System.Globalization;
using Edge.Core.Boards;

namespace Edge.HostSim.Measurement;

/// <summary>
/// The <c>calibration</c> lines a board's cell and current channels get from their nominal front end (divider and offset,
/// shunt, gain and offset) read by Espressif's typical chip: how the shipped boards' points were made, for the author of
/// a new board, who otherwise cannot compute the points above 2880 counts, where the chip leaves its line for a lookup
/// table. Temperature channels are left out: an NTC's curve is the part's, not the front end's.
/// </summary>
public static class BoardNominalPoints
{
    public static IReadOnlyList<string> Lines(BoardDefinition board)
    {
        ArgumentNullException.ThrowIfNull(board);
        CultureInfo inv = CultureInfo.InvariantCulture;
        Esp32AdcModel adc = Esp32AdcModel.Default;
        int[] counts = CalibrationPointGenerator.NominalCounts;
        List<string> lines = new List<string>();
        for (int c = 0; c < board.CellCount; c++)
        {
            lines.Add("[cell " + c.ToString(inv) + "] calibration = " + CalibrationPointGenerator.Format(CalibrationPointGenerator.ForCell(board.CellAt(c), adc, counts)));
        }

        for (int m = 0; m < board.ModuleCount; m++)
        {
            lines.Add("[module " + m.ToString(inv) + "] calibration = " + CalibrationPointGenerator.Format(CalibrationPointGenerator.ForModuleCurrent(board.ModuleAt(m), adc, counts)));
        }

        return lines;
    }
}
