// Licensed under the MIT License.

using Edge.Core.Boards;
using Edge.Core.Calibration;

namespace NFUnitTest.Fakes
{
    /// <summary>A unit record made of a board's own nominal curves (not a real unit's: only its shape and identity matter).</summary>
    public static class NominalRecord
    {
        /// <summary>The record text of unit <paramref name="unitId"/> on <paramref name="board"/>.</summary>
        public static string For(BoardDefinition board, string unitId)
        {
            return UnitCalibrationText.Format(Unit(board, unitId));
        }

        /// <summary>The record of unit <paramref name="unitId"/> on <paramref name="board"/> (REF at 1344 counts where the board has one).</summary>
        public static UnitCalibration Unit(BoardDefinition board, string unitId)
        {
            return Unit(board, unitId, 1344);
        }

        /// <summary>The record of unit <paramref name="unitId"/> on <paramref name="board"/>, REF at <paramref name="referenceCounts"/> where the board has one.</summary>
        public static UnitCalibration Unit(BoardDefinition board, string unitId, int referenceCounts)
        {
            CalibrationCurve[] cells = new CalibrationCurve[board.CellCount];
            for (int i = 0; i < cells.Length; i++)
            {
                cells[i] = board.CellAt(i).Calibration;
            }

            CalibrationCurve[] modules = new CalibrationCurve[board.ModuleCount];
            for (int i = 0; i < modules.Length; i++)
            {
                modules[i] = board.ModuleAt(i).CurrentCalibration;
            }

            CalibrationCurve[] temperatures = new CalibrationCurve[board.TemperatureCount];
            for (int i = 0; i < temperatures.Length; i++)
            {
                temperatures[i] = board.TemperatureAt(i).Calibration;
            }

            return new UnitCalibration(board.Name, board.FrontEndFingerprint, unitId, board.Reference == null ? UnitCalibration.NoReference : referenceCounts, cells, modules, temperatures);
        }
    }
}
