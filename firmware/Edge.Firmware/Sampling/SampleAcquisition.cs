// Licensed under the MIT License.

using System;
using Edge.Core;
using Edge.Core.Boards;
using Edge.Core.Measurement.AdcConversion;
using Edge.Core.Sampling;
using Edge.Firmware.Hardware;

namespace Edge.Firmware.Sampling
{
    /// <summary>
    /// Fills a <see cref="SampleFrame"/> from the ADC: raw counts from <see cref="IAnalogInputs"/>
    /// into preallocated arrays, then the core's <see cref="BoardSampleConverter"/> (the board's
    /// calibration, mV / uA / 0.1 degC with a status per channel). Module currents are read first
    /// so that a current step and the cell voltages it causes land in the same frame. Allocates
    /// nothing per call.
    /// </summary>
    [HotPath]
    public sealed class SampleAcquisition
    {
        private readonly BoardDefinition _board;
        private readonly IAnalogInputs _inputs;
        private readonly BoardSampleConverter _converter;
        private readonly int[] _cellCounts;
        private readonly int[] _moduleCounts;
        private readonly int[] _temperatureCounts;

        /// <summary>Board cell i becomes layout cell i (BoardSetup checked the order).</summary>
        public SampleAcquisition(BoardDefinition board, IAnalogInputs inputs)
        {
            _board = board ?? throw new ArgumentNullException(nameof(board));
            _inputs = inputs ?? throw new ArgumentNullException(nameof(inputs));
            _converter = new BoardSampleConverter(new BoardAdcChannels(board));
            _cellCounts = new int[board.CellCount];
            _moduleCounts = new int[board.ModuleCount];
            _temperatureCounts = new int[board.TemperatureCount];
        }

        /// <summary>Reads and converts every channel into <paramref name="frame"/>.</summary>
        public void Acquire(SampleFrame frame)
        {
            for (int m = 0; m < _moduleCounts.Length; m++)
            {
                _moduleCounts[m] = _inputs.ReadCounts(_board.ModuleAt(m).CurrentInput);
            }

            for (int c = 0; c < _cellCounts.Length; c++)
            {
                _cellCounts[c] = _inputs.ReadCounts(_board.CellAt(c).Input);
            }

            for (int t = 0; t < _temperatureCounts.Length; t++)
            {
                _temperatureCounts[t] = _inputs.ReadCounts(_board.TemperatureAt(t).Input);
            }

            _converter.Convert(_cellCounts, _moduleCounts, _temperatureCounts, frame);
        }
    }
}
