// Licensed under the MIT License.

using Edge.Core.Annotations;
using Edge.Core.Boards;
using Edge.Core.Calibration;

namespace Edge.Core.Measurement.AdcConversion
{
    /// <summary>
    /// All conversion channels of a board, created once at start-up (the only allocation) and then
    /// used on every sample: cell i, module m and temperature t by index.
    /// </summary>
    [HotPath]
    public sealed class BoardAdcChannels
    {
        private readonly CellVoltageChannel[] _cells;
        private readonly ModuleCurrentChannel[] _modules;
        private readonly TemperatureChannel[] _temperatures;

        /// <summary>
        /// The board's own (nominal, synthetic) calibration: good for watching, not for acting. Frames
        /// converted through it are marked <see cref="Sampling.SampleFrame.Uncalibrated"/>, and the
        /// controller then closes no switch.
        /// </summary>
        public BoardAdcChannels(BoardDefinition board)
            : this(board, null)
        {
        }

        /// <summary>
        /// The channels of one unit: <paramref name="unit"/>'s per-unit calibration (null: the board's
        /// nominal curves, uncalibrated) and, when the board has a reference input, its correction.
        /// </summary>
        /// <exception cref="System.ArgumentException">The calibration belongs to another board or does not cover its limits.</exception>
        public BoardAdcChannels(BoardDefinition board, UnitCalibration unit)
        {
            if (unit != null)
            {
                string misfit = unit.CheckFits(board);
                if (misfit != null)
                {
                    throw new System.ArgumentException(misfit, nameof(unit));
                }
            }

            int fullScale = board.AdcFullScaleCounts;
            _cells = new CellVoltageChannel[board.CellCount];
            for (int i = 0; i < _cells.Length; i++)
            {
                _cells[i] = new CellVoltageChannel(board.CellAt(i), unit == null ? board.CellAt(i).Calibration : unit.CellAt(i), fullScale);
            }

            _modules = new ModuleCurrentChannel[board.ModuleCount];
            for (int i = 0; i < _modules.Length; i++)
            {
                _modules[i] = new ModuleCurrentChannel(board.ModuleAt(i), unit == null ? board.ModuleAt(i).CurrentCalibration : unit.ModuleAt(i), fullScale);
            }

            _temperatures = new TemperatureChannel[board.TemperatureCount];
            for (int i = 0; i < _temperatures.Length; i++)
            {
                _temperatures[i] = new TemperatureChannel(board.TemperatureAt(i), unit == null ? board.TemperatureAt(i).Calibration : unit.TemperatureAt(i), fullScale);
            }

            Unit = unit;
            if (unit != null && board.Reference != null)
            {
                Reference = new ReferenceCorrection(unit.ReferenceCounts, fullScale);
                IsReferenceMultiplexed = board.Reference.Input.IsMultiplexed;
            }
        }

        /// <summary>
        /// True when <see cref="Reference"/> is read through the board's multiplexer: a reading of it far from calibration
        /// then says the multiplexer's addressing failed (REF's address answers with another input), not one channel.
        /// </summary>
        public bool IsReferenceMultiplexed { get; }

        /// <summary>The per-unit calibration in use, or null (the board's nominal curves).</summary>
        public UnitCalibration Unit { get; }

        public bool IsUnitCalibrated
        {
            get { return Unit != null; }
        }

        /// <summary>The reference correction, or null (no per-unit calibration, or no reference input on the board).</summary>
        public ReferenceCorrection Reference { get; }

        public int CellCount
        {
            get { return _cells.Length; }
        }

        public int ModuleCount
        {
            get { return _modules.Length; }
        }

        public int TemperatureCount
        {
            get { return _temperatures.Length; }
        }

        public CellVoltageChannel CellAt(int index)
        {
            return _cells[index];
        }

        public ModuleCurrentChannel ModuleAt(int index)
        {
            return _modules[index];
        }

        public TemperatureChannel TemperatureAt(int index)
        {
            return _temperatures[index];
        }
    }
}
