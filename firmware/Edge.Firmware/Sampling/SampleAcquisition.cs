// Licensed under the MIT License.

using System;
using Edge.Core.Annotations;
using Edge.Core.Boards;
using Edge.Core.Calibration;
using Edge.Core.Measurement.AdcConversion;
using Edge.Core.Sampling;
using Edge.Firmware.Hardware;

namespace Edge.Firmware.Sampling
{
    /// <summary>
    /// Fills a <see cref="SampleFrame"/> from the ADC: raw counts from <see cref="IAnalogInputs"/>
    /// into preallocated arrays, then the core's <see cref="BoardSampleConverter"/> (mV / uA / 0.1 degC
    /// with a status per channel). Conversion goes through the unit's own calibration when it has one;
    /// without it the board's nominal points are used and every frame is marked uncalibrated, so the
    /// controller closes no switch (observe only). On a board with a reference input that input is
    /// read every tick and corrects the drift of the unit's calibration; a multiplexer's ground inputs
    /// (<c>ground_inputs</c>) are read every tick for its address check. Module currents are read
    /// first so that a current step and the cell voltages it causes land in the same frame. Each
    /// channel's sample is the mean of the board's <c>adc_readings_per_sample</c> readings taken
    /// back to back (<see cref="AdcReadingMean"/>): a multiplexed input is selected and settles once.
    /// Allocates nothing per call (the per-tick members are [HotPath]; construction and
    /// <see cref="UseCalibration"/> allocate, off the sampling thread).
    /// </summary>
    public sealed class SampleAcquisition
    {
        private readonly BoardDefinition _board;
        private readonly IAnalogInputs _inputs;
        private readonly int[] _cellCounts;
        private readonly int[] _moduleCounts;
        private readonly int[] _temperatureCounts;
        private readonly AnalogInputDefinition[] _groundInputs;
        private readonly int[] _groundCounts;
        private readonly int _readingsPerSample;
        private readonly AdcReadingMean _mean;
        private BoardSampleConverter _converter;
        private int _referenceCounts;

        /// <summary>Uncalibrated acquisition (the board's nominal points: observe only).</summary>
        public SampleAcquisition(BoardDefinition board, IAnalogInputs inputs)
            : this(board, inputs, null)
        {
        }

        /// <summary>Board cell i becomes layout cell i (BoardSetup checked the order); <paramref name="unit"/> may be null (uncalibrated).</summary>
        /// <exception cref="ArgumentException"><paramref name="unit"/> belongs to another board or does not cover its limits.</exception>
        public SampleAcquisition(BoardDefinition board, IAnalogInputs inputs, UnitCalibration unit)
        {
            _board = board ?? throw new ArgumentNullException(nameof(board));
            _inputs = inputs ?? throw new ArgumentNullException(nameof(inputs));
            _converter = new BoardSampleConverter(new BoardAdcChannels(board, unit));
            _cellCounts = new int[board.CellCount];
            _moduleCounts = new int[board.ModuleCount];
            _temperatureCounts = new int[board.TemperatureCount];
            int grounds = board.Mux == null ? 0 : board.Mux.GroundInputCount;
            _groundInputs = new AnalogInputDefinition[grounds];
            _groundCounts = grounds == 0 ? null : new int[grounds];
            for (int g = 0; g < grounds; g++)
            {
                _groundInputs[g] = board.Mux.GroundInputAt(g);
            }

            _readingsPerSample = board.AdcReadingsPerSample;
            _mean = new AdcReadingMean(board.AdcFullScaleCounts);
            _referenceCounts = UnitCalibration.NoReference;
            Unit = unit;
        }

        /// <summary>The unit's calibration in use, or null (uncalibrated, observe only).</summary>
        public UnitCalibration Unit { get; private set; }

        /// <summary>The reference input's raw reading of the last tick, or <see cref="UnitCalibration.NoReference"/> on a board without one.</summary>
        public int ReferenceCounts
        {
            [HotPath]
            get { return _referenceCounts; }
        }

        /// <summary>Raw reading of board cell <paramref name="index"/> in the last tick.</summary>
        [HotPath]
        public int CellCountsAt(int index)
        {
            return _cellCounts[index];
        }

        /// <summary>Raw reading of module <paramref name="index"/>'s current channel in the last tick.</summary>
        [HotPath]
        public int ModuleCountsAt(int index)
        {
            return _moduleCounts[index];
        }

        /// <summary>Raw reading of temperature channel <paramref name="index"/> in the last tick.</summary>
        [HotPath]
        public int TemperatureCountsAt(int index)
        {
            return _temperatureCounts[index];
        }

        /// <summary>
        /// Converts from the next tick on through <paramref name="unit"/> (a calibration just finished).
        /// Called from another thread: the converter is built here and swapped in with one reference write.
        /// </summary>
        public void UseCalibration(UnitCalibration unit)
        {
            if (unit == null)
            {
                throw new ArgumentNullException(nameof(unit));
            }

            BoardSampleConverter converter = new BoardSampleConverter(new BoardAdcChannels(_board, unit));
            Unit = unit;
            _converter = converter;
        }

        /// <summary>Reads and converts every channel into <paramref name="frame"/>.</summary>
        [HotPath]
        public void Acquire(SampleFrame frame)
        {
            // One reading per sample (the shipped boards) reads straight through: on the device each extra call per
            // channel and tick is interpreted overhead.
            bool single = _readingsPerSample == 1;
            for (int m = 0; m < _moduleCounts.Length; m++)
            {
                AnalogInputDefinition input = _board.ModuleAt(m).CurrentInput;
                _moduleCounts[m] = single ? _inputs.ReadCounts(input) : Average(input);
            }

            for (int c = 0; c < _cellCounts.Length; c++)
            {
                AnalogInputDefinition input = _board.CellAt(c).Input;
                _cellCounts[c] = single ? _inputs.ReadCounts(input) : Average(input);
            }

            for (int t = 0; t < _temperatureCounts.Length; t++)
            {
                AnalogInputDefinition input = _board.TemperatureAt(t).Input;
                _temperatureCounts[t] = single ? _inputs.ReadCounts(input) : Average(input);
            }

            // The multiplexer's address check: its inputs tied to ground, every tick.
            for (int g = 0; g < _groundInputs.Length; g++)
            {
                _groundCounts[g] = single ? _inputs.ReadCounts(_groundInputs[g]) : Average(_groundInputs[g]);
            }

            BoardSampleConverter converter = _converter;
            if (_board.Reference == null)
            {
                converter.Convert(_cellCounts, _moduleCounts, _temperatureCounts, UnitCalibration.NoReference, _groundCounts, frame);
            }
            else
            {
                _referenceCounts = single ? _inputs.ReadCounts(_board.Reference.Input) : Average(_board.Reference.Input);
                converter.Convert(_cellCounts, _moduleCounts, _temperatureCounts, _referenceCounts, _groundCounts, frame);
            }
        }

        /// <summary>One channel's sample as the mean of the board's readings per sample.</summary>
        [HotPath]
        private int Average(AnalogInputDefinition input)
        {
            AdcReadingMean mean = _mean;
            mean.Begin();
            for (int i = 0; i < _readingsPerSample; i++)
            {
                mean.Add(_inputs.ReadCounts(input));
            }

            return mean.Counts;
        }
    }
}
