// Licensed under the MIT License.

using Edge.Core.Boards;
using Edge.Core.Boards.Parsing;

namespace Edge.Core.Calibration
{
    /// <summary>
    /// The per-unit calibration workflow, step by step: for every channel of a board the operator
    /// applies known reference inputs (<see cref="Current"/> says which), the host feeds the raw
    /// readings of that channel and of the board's reference input (<see cref="AddSample"/>), and
    /// <see cref="TryCompleteStep"/> accepts the point or says why not (a saturated, unstable or
    /// unchanged reading). Cell channels get zero, both limits of the safety envelope and more points
    /// near zero (limit x 1/3, 1/10, 1/30 each side: 9 points); current channels zero, the current
    /// limit and limit x 1/5, 1/20 each side (7 points); temperature channels the temperatures of the
    /// board's own curve. <see cref="TryFinish"/> fits the piecewise-linear curve through the averaged
    /// readings and produces the unit's <see cref="UnitCalibration"/>. Start-up code: it allocates.
    /// </summary>
    public sealed class CalibrationProcedure
    {
        /// <summary>
        /// Readings averaged per point: 4096 take a 2-count noise down to 0.03 count, so that a calibrated reading
        /// keeps within one count's worth of the truth even where one count is less than 2 units (about 0.4 s per
        /// point at the ADC's one-shot rate).
        /// </summary>
        public const int DefaultSamplesPerPoint = 4096;

        /// <summary>Largest spread (max - min) of one point's readings: about 12 standard deviations of a 2-count noise.</summary>
        public const int MaximumSpreadCounts = 48;

        /// <summary>Smallest distance between a channel's neighbouring points, counts: closer ones would round onto one count.</summary>
        public const int MinimumSeparationCounts = 2;

        /// <summary>
        /// Fewest counts the board's nominal front end puts between a channel's neighbouring planned points on the chip
        /// with the fewest counts per volt (Vref 1200 mV). The fit may move each of two neighbours by up to
        /// <see cref="PointSearchCounts"/> toward the other and they must still lie <see cref="MinimumSeparationCounts"/>
        /// apart: 3 + 3 + 2 = 8 counts on the unit, which may read up to <see cref="UnitCalibration.NominalTolerancePercent"/>
        /// % under nominal: 8 / 0.85 = 9.4, so 10. A point nearer its neighbour is left out of the plan: a limit of -100 mV
        /// on a 0.33 front end put -3 mV and 0 mV 1.1 counts apart, a step no unit could pass. The board rules hold each cell
        /// limit as far from 0 V, since zero and both limits always stay.
        /// </summary>
        public const int PlannedSeparationCounts = FrontEndChecks.CalibrationPointSeparationCounts;

        /// <summary>Largest drift of the reference input between points, counts: a REF that moves more is not a reference.</summary>
        public const int MaximumReferenceDriftCounts = 8;

        /// <summary>How far the fit may move a point along its local slope to land on a whole value, counts.</summary>
        public const int PointSearchCounts = 3;

        private const int Scale = 256;

        private readonly BoardDefinition _board;
        private readonly CalibrationStep[] _steps;

        // Per temperature channel, the index of its first step.
        private readonly int[] _firstTemperatureStep;
        private readonly long[] _meanCounts;
        private readonly long[] _referenceMeans;
        private readonly int _samplesPerPoint;
        private int _stepIndex;
        private long _sum;
        private int _count;
        private int _minimum;
        private int _maximum;
        private long _referenceSum;

        public CalibrationProcedure(BoardDefinition board)
            : this(board, DefaultSamplesPerPoint)
        {
        }

        public CalibrationProcedure(BoardDefinition board, int samplesPerPoint)
        {
            if (board == null)
            {
                throw new System.ArgumentNullException(nameof(board));
            }

            if (samplesPerPoint < 1 || samplesPerPoint > 65536)
            {
                throw new System.ArgumentOutOfRangeException(nameof(samplesPerPoint));
            }

            _board = board;
            _samplesPerPoint = samplesPerPoint;
            _steps = PlanSteps(board);
            _firstTemperatureStep = new int[board.TemperatureCount];
            for (int t = 0; t < _firstTemperatureStep.Length; t++)
            {
                _firstTemperatureStep[t] = _steps.Length;
            }

            for (int i = _steps.Length - 1; i >= 0; i--)
            {
                if (_steps[i].Kind == CalibrationChannelKind.Temperature)
                {
                    _firstTemperatureStep[_steps[i].ChannelIndex] = i;
                }
            }

            _meanCounts = new long[_steps.Length];
            _referenceMeans = new long[_steps.Length];
            ResetSamples();
        }

        public BoardDefinition Board
        {
            get { return _board; }
        }

        public int StepCount
        {
            get { return _steps.Length; }
        }

        /// <summary>Index of the step waiting for readings; equals <see cref="StepCount"/> when all are done.</summary>
        public int StepIndex
        {
            get { return _stepIndex; }
        }

        public bool IsComplete
        {
            get { return _stepIndex >= _steps.Length; }
        }

        /// <summary>The step waiting for readings, or null when complete.</summary>
        public CalibrationStep Current
        {
            get { return IsComplete ? null : _steps[_stepIndex]; }
        }

        public CalibrationStep StepAt(int index)
        {
            return _steps[index];
        }

        /// <summary>
        /// True once the procedure has reached temperature channel <paramref name="channel"/>'s first point: from then on
        /// its sensor's place is the operator's (a reference bath, or a resistor in the NTC's place), and nothing in the
        /// procedure says the sensor is back at the pack before it ends. False for a channel the board does not have.
        /// Reads two fields: the sampling thread asks it every tick.
        /// </summary>
        public bool HasReachedTemperature(int channel)
        {
            return channel >= 0 && channel < _firstTemperatureStep.Length && _stepIndex >= _firstTemperatureStep[channel];
        }

        /// <summary>Readings each point needs.</summary>
        public int SamplesPerPoint
        {
            get { return _samplesPerPoint; }
        }

        /// <summary>Readings taken for the current step so far.</summary>
        public int SampleCount
        {
            get { return _count; }
        }

        /// <summary>
        /// One reading of the current step's channel and, on a board with a reference input, of that
        /// input (ignored otherwise). Returns null, or why the reading was not taken (saturated: the
        /// reference lies outside the channel's span, or the channel is not connected).
        /// </summary>
        public string AddSample(int channelCounts, int referenceCounts)
        {
            if (IsComplete)
            {
                return "calibration is complete";
            }

            int fullScale = _board.AdcFullScaleCounts;
            if (channelCounts <= 0 || channelCounts >= fullScale)
            {
                return "reading " + channelCounts.ToString() + " is saturated (0 or " + fullScale.ToString()
                    + "): the reference input lies outside the channel's span, or the channel is not connected";
            }

            if (_board.Reference != null && (referenceCounts <= 0 || referenceCounts >= fullScale))
            {
                return "reference input reads " + referenceCounts.ToString() + ": it is saturated or not connected";
            }

            _sum += channelCounts;
            _referenceSum += referenceCounts;
            _minimum = channelCounts < _minimum ? channelCounts : _minimum;
            _maximum = channelCounts > _maximum ? channelCounts : _maximum;
            _count++;
            return null;
        }

        /// <summary>Throws the current step's readings away (the operator re-applies the reference).</summary>
        public void DiscardSamples()
        {
            ResetSamples();
        }

        /// <summary>
        /// Accepts the current step's point and moves to the next step, or returns false with the reason
        /// (too few readings, readings too spread, no change from the previous point); a refused point's
        /// readings are discarded.
        /// </summary>
        public bool TryCompleteStep(out string error)
        {
            if (IsComplete)
            {
                error = "calibration is complete";
                return false;
            }

            if (_count < _samplesPerPoint)
            {
                error = "needs " + _samplesPerPoint.ToString() + " readings, has " + _count.ToString();
                return false;
            }

            CalibrationStep step = _steps[_stepIndex];
            long mean = ((_sum * Scale) + (_count / 2)) / _count;
            if (_maximum - _minimum > MaximumSpreadCounts)
            {
                error = Where(step) + ": readings spread over " + (_maximum - _minimum).ToString() + " counts (more than "
                    + MaximumSpreadCounts.ToString() + "): the source or a connection is unstable; readings discarded, apply it again";
                ResetSamples();
                return false;
            }

            if (step.PointIndex > 0)
            {
                long previous = _meanCounts[_stepIndex - 1];
                long change = Rising(step) ? mean - previous : previous - mean;
                if (change < MinimumSeparationCounts * Scale)
                {
                    error = Where(step) + ": reads " + FormatCounts(mean) + " counts after " + FormatCounts(previous)
                        + " at the previous point; the reading must " + (Rising(step) ? "rise" : "fall") + " by at least "
                        + MinimumSeparationCounts.ToString() + " counts: is the reference applied to this channel? Readings discarded";
                    ResetSamples();
                    return false;
                }
            }

            _meanCounts[_stepIndex] = mean;
            _referenceMeans[_stepIndex] = ((_referenceSum * Scale) + (_count / 2)) / _count;
            _stepIndex++;
            ResetSamples();
            error = null;
            return true;
        }

        /// <summary>
        /// The unit's calibration once every step is done: per channel the averaged readings, each moved
        /// to its nearest whole count with the value moved along the local slope, as a piecewise-linear
        /// curve. Returns false with the reason when the procedure is incomplete, the reference drifted,
        /// or the result does not fit the board (e.g. a limit outside a calibrated range).
        /// </summary>
        public bool TryFinish(string unitId, out UnitCalibration calibration, out string error)
        {
            calibration = null;
            if (!IsComplete)
            {
                error = "calibration incomplete: step " + (_stepIndex + 1).ToString() + " of " + _steps.Length.ToString() + " is next";
                return false;
            }

            error = UnitCalibrationText.CheckUnitId(unitId);
            if (error != null)
            {
                return false;
            }

            int referenceCounts = UnitCalibration.NoReference;
            if (_board.Reference != null)
            {
                long low = long.MaxValue;
                long high = long.MinValue;
                long sum = 0;
                for (int i = 0; i < _referenceMeans.Length; i++)
                {
                    low = _referenceMeans[i] < low ? _referenceMeans[i] : low;
                    high = _referenceMeans[i] > high ? _referenceMeans[i] : high;
                    sum += _referenceMeans[i];
                }

                if (high - low > MaximumReferenceDriftCounts * Scale)
                {
                    error = "the reference input moved from " + FormatCounts(low) + " to " + FormatCounts(high) + " counts during calibration (more than "
                        + MaximumReferenceDriftCounts.ToString() + "): check REF and its supply, then calibrate again";
                    return false;
                }

                referenceCounts = (int)((sum + (_referenceMeans.Length * Scale / 2)) / (_referenceMeans.Length * Scale));
            }

            CalibrationCurve[] cells = new CalibrationCurve[_board.CellCount];
            CalibrationCurve[] modules = new CalibrationCurve[_board.ModuleCount];
            CalibrationCurve[] temperatures = new CalibrationCurve[_board.TemperatureCount];
            int first = 0;
            while (first < _steps.Length)
            {
                CalibrationStep step = _steps[first];
                CalibrationCurve curve = Fit(first, step.PointCount, out error);
                if (curve == null)
                {
                    return false;
                }

                if (step.Kind == CalibrationChannelKind.Cell)
                {
                    cells[step.ChannelIndex] = curve;
                }
                else if (step.Kind == CalibrationChannelKind.ModuleCurrent)
                {
                    modules[step.ChannelIndex] = curve;
                }
                else
                {
                    temperatures[step.ChannelIndex] = curve;
                }

                first += step.PointCount;
            }

            UnitCalibration result = new UnitCalibration(_board.Name, _board.FrontEndFingerprint, unitId, referenceCounts, cells, modules, temperatures);
            error = result.CheckFits(_board);
            if (error != null)
            {
                return false;
            }

            calibration = result;
            return true;
        }

        /// <summary>Reference values of a channel spanning <paramref name="low"/> to <paramref name="high"/> with points near zero.</summary>
        public static int[] ReferenceValues(int low, int high, int[] fractionDenominators)
        {
            int[] values = new int[(2 * fractionDenominators.Length) + 1];
            int count = 0;
            for (int i = 0; i < fractionDenominators.Length; i++)
            {
                count = AddDistinct(values, count, Divide(low, fractionDenominators[i]));
            }

            count = AddDistinct(values, count, 0);
            for (int i = fractionDenominators.Length - 1; i >= 0; i--)
            {
                count = AddDistinct(values, count, Divide(high, fractionDenominators[i]));
            }

            int[] result = new int[count];
            for (int i = 0; i < count; i++)
            {
                result[i] = values[i];
            }

            return result;
        }

        private static CalibrationStep[] PlanSteps(BoardDefinition board)
        {
            SafetyEnvelope safety = board.Safety;
            int[] cellValues = ReferenceValues(safety.CellVoltageMinMv < 0 ? safety.CellVoltageMinMv : 0, safety.CellVoltageMaxMv > 0 ? safety.CellVoltageMaxMv : 0, new int[] { 1, 3, 10, 30 });
            int[] currentValues = ReferenceValues(-safety.MaxModuleCurrentUa, safety.MaxModuleCurrentUa, new int[] { 1, 5, 20 });
            double countsPerMilliVolt = Esp32AdcCharacteristics.CountsPerVolt(Esp32AdcCharacteristics.MaximumVrefMv) / 1000.0;
            int[][] channelValues = new int[board.CellCount + board.ModuleCount][];
            int total = 0;
            for (int c = 0; c < board.CellCount; c++)
            {
                // ADC mV per cell mV is the divider ratio.
                channelValues[c] = Separated(cellValues, board.CellAt(c).DividerRatioPpm / 1e6 * countsPerMilliVolt);
                total += channelValues[c].Length;
            }

            for (int m = 0; m < board.ModuleCount; m++)
            {
                // ADC mV per uA: gain x shunt ohm / 1000.
                ModuleDefinition module = board.ModuleAt(m);
                double milliVoltsPerMicroAmp = (double)module.AmplifierGainMilli * module.ShuntMilliohm / 1e9;
                channelValues[board.CellCount + m] = Separated(currentValues, milliVoltsPerMicroAmp * countsPerMilliVolt);
                total += channelValues[board.CellCount + m].Length;
            }

            for (int t = 0; t < board.TemperatureCount; t++)
            {
                total += board.TemperatureAt(t).Calibration.PointCount;
            }

            CalibrationStep[] steps = new CalibrationStep[total];
            int next = 0;
            for (int c = 0; c < board.CellCount; c++)
            {
                next = AddSteps(steps, next, CalibrationChannelKind.Cell, c, channelValues[c]);
            }

            for (int m = 0; m < board.ModuleCount; m++)
            {
                next = AddSteps(steps, next, CalibrationChannelKind.ModuleCurrent, m, channelValues[board.CellCount + m]);
            }

            for (int t = 0; t < board.TemperatureCount; t++)
            {
                next = AddSteps(steps, next, CalibrationChannelKind.Temperature, t, AscendingValues(board.TemperatureAt(t).Calibration));
            }

            return steps;
        }

        /// <summary>
        /// <paramref name="values"/> (ascending, 0 among them) without the points between zero and a limit that lie fewer
        /// than <see cref="PlannedSeparationCounts"/> from the point kept before them, walking out from zero, or from the
        /// limit; zero and both limits always stay.
        /// </summary>
        private static int[] Separated(int[] values, double countsPerUnit)
        {
            int zero = 0;
            while (zero < values.Length - 1 && values[zero] != 0)
            {
                zero++;
            }

            bool[] keep = new bool[values.Length];
            keep[0] = true;
            keep[zero] = true;
            keep[values.Length - 1] = true;
            int last = 0;
            for (int i = zero + 1; i < values.Length - 1; i++)
            {
                keep[i] = Apart(values[i], last, countsPerUnit) && Apart(values[values.Length - 1], values[i], countsPerUnit);
                last = keep[i] ? values[i] : last;
            }

            last = 0;
            for (int i = zero - 1; i > 0; i--)
            {
                keep[i] = Apart(last, values[i], countsPerUnit) && Apart(values[i], values[0], countsPerUnit);
                last = keep[i] ? values[i] : last;
            }

            int kept = 0;
            for (int i = 0; i < values.Length; i++)
            {
                kept += keep[i] ? 1 : 0;
            }

            int[] result = new int[kept];
            int next = 0;
            for (int i = 0; i < values.Length; i++)
            {
                if (keep[i])
                {
                    result[next] = values[i];
                    next++;
                }
            }

            return result;
        }

        private static bool Apart(int higher, int lower, double countsPerUnit)
        {
            return (higher - lower) * countsPerUnit >= PlannedSeparationCounts;
        }

        private static int AddSteps(CalibrationStep[] steps, int next, CalibrationChannelKind kind, int channel, int[] values)
        {
            for (int p = 0; p < values.Length; p++)
            {
                steps[next] = new CalibrationStep(kind, channel, p, values.Length, values[p]);
                next++;
            }

            return next;
        }

        private static int[] AscendingValues(CalibrationCurve curve)
        {
            int n = curve.PointCount;
            bool rising = curve.ValueAt(n - 1) > curve.ValueAt(0);
            int[] values = new int[n];
            for (int i = 0; i < n; i++)
            {
                values[i] = curve.ValueAt(rising ? i : n - 1 - i);
            }

            return values;
        }

        private static int AddDistinct(int[] values, int count, int value)
        {
            if (count > 0 && values[count - 1] == value)
            {
                return count;
            }

            values[count] = value;
            return count + 1;
        }

        private static int Divide(int value, int denominator)
        {
            // Rounded half away from zero, like every conversion of the core.
            return value >= 0 ? (value + (denominator / 2)) / denominator : -((-value + (denominator / 2)) / denominator);
        }

        /// <summary>The curve of the channel whose points are steps first..first+count-1.</summary>
        private CalibrationCurve Fit(int first, int count, out string error)
        {
            CalibrationStep step = _steps[first];

            // Counts must increase along the curve: a channel whose readings fall with its value goes in reverse.
            bool rising = Rising(step);
            long[] means = new long[count];
            int[] references = new int[count];
            for (int k = 0; k < count; k++)
            {
                int i = first + (rising ? k : count - 1 - k);
                means[k] = _meanCounts[i];
                references[k] = _steps[i].ReferenceValue;
            }

            int[] counts = new int[count];
            int[] values = new int[count];

            // A point stays on the readings that are not saturated: the stored record is refused with a point at 0
            // or at full scale, and the unit would boot uncalibrated.
            int highestCount = _board.AdcFullScaleCounts - 1;
            for (int k = 0; k < count; k++)
            {
                // Move the averaged reading to a whole count near it and the value along the local slope; of the
                // counts within PointSearchCounts, take the one whose value falls closest to a whole unit, so that
                // storing integers costs almost nothing (one count can be worth less than 2 units: 1.6 uA at 500 V/A).
                int before = k == 0 ? 0 : k - 1;
                int after = k == count - 1 ? count - 1 : k + 1;
                double slope = (double)(references[after] - references[before]) * Scale / (means[after] - means[before]);
                long nearest = (means[k] + (Scale / 2)) / Scale;
                double bestError = 2.0;
                for (int tried = 0; tried <= 2 * PointSearchCounts; tried++)
                {
                    // nearest, nearest - 1, nearest + 1, nearest - 2, ...: on a tie the nearer count wins.
                    long candidate = nearest + ((tried % 2 == 0 ? 1 : -1) * ((tried + 1) / 2));
                    double moved = references[k] + ((((double)candidate * Scale) - means[k]) / Scale * slope);
                    int rounded = (int)(moved >= 0 ? moved + 0.5 : moved - 0.5);
                    double roundingError = moved > rounded ? moved - rounded : rounded - moved;
                    if (candidate >= 1 && candidate <= highestCount && roundingError < bestError - 1e-9)
                    {
                        bestError = roundingError;
                        counts[k] = (int)candidate;
                        values[k] = rounded;
                    }
                }
            }

            bool valuesRise = values[count - 1] > values[0];
            for (int k = 1; k < count; k++)
            {
                if (counts[k] <= counts[k - 1] || values[k] == values[k - 1] || (values[k] > values[k - 1]) != valuesRise)
                {
                    error = Where(step) + ": the fitted points are not monotonic (" + counts[k - 1].ToString() + ":" + values[k - 1].ToString()
                        + ", " + counts[k].ToString() + ":" + values[k].ToString() + "); calibrate the channel again";
                    return null;
                }
            }

            error = null;
            return new CalibrationCurve(counts, values);
        }

        /// <summary>Whether the channel's readings rise with its value (from the board's nominal curve).</summary>
        private bool Rising(CalibrationStep step)
        {
            CalibrationCurve nominal;
            if (step.Kind == CalibrationChannelKind.Cell)
            {
                nominal = _board.CellAt(step.ChannelIndex).Calibration;
            }
            else if (step.Kind == CalibrationChannelKind.ModuleCurrent)
            {
                nominal = _board.ModuleAt(step.ChannelIndex).CurrentCalibration;
            }
            else
            {
                nominal = _board.TemperatureAt(step.ChannelIndex).Calibration;
            }

            return nominal.ValueAt(nominal.PointCount - 1) > nominal.ValueAt(0);
        }

        private static string Where(CalibrationStep step)
        {
            string kind = step.Kind == CalibrationChannelKind.Cell ? "cell " : (step.Kind == CalibrationChannelKind.ModuleCurrent ? "module " : "temperature ");
            return kind + step.ChannelIndex.ToString() + " at " + step.ReferenceValue.ToString() + " " + step.Unit;
        }

        private static string FormatCounts(long scaled)
        {
            long tenths = ((scaled * 10) + (Scale / 2)) / Scale;
            return (tenths / 10).ToString() + "." + (tenths % 10).ToString();
        }

        private void ResetSamples()
        {
            _sum = 0;
            _count = 0;
            _referenceSum = 0;
            _minimum = int.MaxValue;
            _maximum = int.MinValue;
        }
    }
}
