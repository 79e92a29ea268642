// Licensed under the MIT License.

using Edge.Core.Annotations;
using Edge.Core.Configuration;
using Edge.Core.Measurement;
using Edge.Core.Records;
using Edge.Core.Sampling;

namespace Edge.Core.Diagnosis.Detectors
{
    /// <summary>
    /// Plausibility of the inputs: channel status from the board's conversion, the multiplexer's address check, cell
    /// readings that do not respond to current steps (stuck), module current readings that cannot be true against the
    /// setpoint that flowed, and tick timing (late or missed ticks).
    /// </summary>
    [HotPath]
    public sealed class PlausibilityMonitor
    {
        private readonly PlausibilityConfiguration _plausibility;
        private readonly PackLayout _layout;
        private readonly int _periodMs;
        // Milliohm, not ohm: a large electrode's nominal resistance is below one ohm (150 ohm cm2 over 1000 cm2 is
        // 0.15 ohm), which whole ohms would round to 0 and so switch the check off.
        private readonly long _nominalResistanceMilliohm;
        private readonly ProtectionConfiguration _protection;
        private readonly long _currentToleranceUa;
        private readonly long _currentTolerancePercent;
        private readonly bool _currentMagnitudeJudged;
        private long _previousTickIndex;
        private bool _hasPrevious;

        public PlausibilityMonitor(ControllerConfiguration configuration, PackLayout layout)
        {
            _plausibility = configuration.Plausibility;
            _layout = layout;
            _periodMs = configuration.SamplePeriodMs;
            _nominalResistanceMilliohm = (long)(configuration.HardShort.NominalResistanceOhmCm2 * 1000 / configuration.Protocol.ElectrodeAreaCm2);
            _protection = configuration.Protection;
            _currentToleranceUa = configuration.Plausibility.CurrentToleranceUa;
            _currentTolerancePercent = configuration.Plausibility.CurrentTolerancePercent;
            _currentMagnitudeJudged = configuration.Plausibility.CurrentMagnitudeJudged;
            CurrentImplausible = new bool[layout.ModuleCount];
        }

        /// <summary>
        /// Per module, this tick's verdict on the current reading against the setpoint (true: implausible), before any
        /// debounce: the hard-short test takes the setpoint's magnitude instead of such a reading until the row latches.
        /// False with the switch open, on an invalid reading, and for a shortfall near the cell limits. Written only here.
        /// </summary>
        public readonly bool[] CurrentImplausible;

        public void Evaluate(SampleFrame frame, MeasurementSnapshot snapshot, DiagnosisManager diagnosis)
        {
            // Its family quiet (a healthy tick) answers for every row here at once: each part reports to its own rows only.
            bool familyQuiet = diagnosis.PendingInFamily[(int)StopReason.Plausibility] == 0;
            EvaluateTiming(frame, snapshot, familyQuiet, diagnosis);

            // The multiplexer's address check: with it failed, the conversion marked every corrected reading implausible
            // for one cause. That cause is the verdict; the channel rows are neither faulted nor cleared by such a tick
            // (their counts hold, as for a calibration reference), so the event names the multiplexer, not each cell.
            bool muxFault = frame.MuxAddressFault;
            if (muxFault || (!familyQuiet && !diagnosis.IsQuiet(DiagnosisId.MuxAddressFault)))
            {
                diagnosis.Report(DiagnosisId.MuxAddressFault, 0, muxFault, frame.MuxReferenceCounts, frame.MuxReferenceExpectedCounts);
            }

            // A valid reading is Ok for both rows; while neither row has anything pending that report would
            // change nothing, so a healthy tick makes no call per channel.
            // The measurement counted each module's invalid cells: a module without any is passed over whole.
            bool cellsQuiet = familyQuiet || (diagnosis.IsQuiet(DiagnosisId.CellChannelSaturated) && diagnosis.IsQuiet(DiagnosisId.CellChannelInvalid));
            int[] invalidCells = snapshot.InvalidCellCount;
            int cellsPerModule = _layout.CellsPerModule;
            int modules = _layout.ModuleCount;
            for (int m = 0; m < modules; m++)
            {
                if (muxFault || (cellsQuiet && invalidCells[m] == 0))
                {
                    continue;
                }

                // Arrays in locals: the report calls would otherwise make the JIT reload them per cell.
                ChannelStatus[] statuses = frame.CellVoltageStatus;
                int[] voltages = frame.CellVoltageMv;
                int last = (m + 1) * cellsPerModule;
                for (int c = m * cellsPerModule; c < last; c++)
                {
                    ChannelStatus status = statuses[c];
                    if (cellsQuiet && status == ChannelStatus.Valid)
                    {
                        continue;
                    }

                    ReportStatus(diagnosis, DiagnosisId.CellChannelSaturated, DiagnosisId.CellChannelInvalid, c, status, voltages[c]);
                }
            }

            ChannelStatus[] currentStatuses = frame.ModuleCurrentStatus;
            bool[] edgeMeasured = snapshot.EdgeMeasured;
            bool currentsQuiet = familyQuiet || (diagnosis.IsQuiet(DiagnosisId.CurrentChannelSaturated) && diagnosis.IsQuiet(DiagnosisId.CurrentChannelInvalid));
            bool againstSetpointQuiet = familyQuiet || diagnosis.IsQuiet(DiagnosisId.CurrentChannelImplausible);
            ModulePhase[] phases = snapshot.Phase;
            bool[] implausible = CurrentImplausible;
            for (int m = 0; m < modules; m++)
            {
                ChannelStatus status = currentStatuses[m];
                if (!muxFault && (!currentsQuiet || status != ChannelStatus.Valid))
                {
                    ReportStatus(diagnosis, DiagnosisId.CurrentChannelSaturated, DiagnosisId.CurrentChannelInvalid, m, status, frame.ModuleCurrentUa[m]);
                }

                // Judged with the switch closed on a valid reading only: an open switch's current is the overcurrent
                // limit's (no setpoint fixes a welded switch), and an invalid reading has its own rows.
                implausible[m] = phases[m] == ModulePhase.Current && status == ChannelStatus.Valid
                    && EvaluateAgainstSetpoint(m, snapshot, againstSetpointQuiet, diagnosis);

                if (edgeMeasured[m])
                {
                    EvaluateStuck(m, snapshot, diagnosis);
                }
            }

            // A pack without temperature sensors loads nothing more.
            int temperatures = _layout.TemperatureCount;
            if (temperatures == 0)
            {
                return;
            }

            ChannelStatus[] temperatureStatuses = frame.TemperatureStatus;
            bool temperaturesQuiet = familyQuiet || diagnosis.IsQuiet(DiagnosisId.TemperatureChannelInvalid);
            for (int t = 0; t < temperatures; t++)
            {
                ChannelStatus status = temperatureStatuses[t];

                // A sensor's place taken by a calibration reference (a resistor or a bath): neither a fault of the
                // channel nor a recovery, its count holds, as for a cell or a current channel. So for one that reads
                // invalid in a tick whose multiplexer address check failed: the conversion took it away for that cause
                // (it was read through the multiplexer), and the address check's row gives the verdict.
                if (status == ChannelStatus.CalibrationReference || (muxFault && status != ChannelStatus.Valid))
                {
                    continue;
                }

                if (!temperaturesQuiet || status != ChannelStatus.Valid)
                {
                    diagnosis.Report(DiagnosisId.TemperatureChannelInvalid, t, status != ChannelStatus.Valid, (int)status, 0);
                }
            }
        }

        /// <summary>
        /// A channel's status to its two rows. Only a valid reading is Ok: a reading bad in the other row's way is no
        /// evidence of recovery, so it leaves this row's count as it is. Reported as Ok there, a channel that
        /// alternates between saturated and missing would take back each row's count on every other tick and never be
        /// isolated, though it never gave a usable reading.
        /// </summary>
        private static void ReportStatus(DiagnosisManager diagnosis, DiagnosisId saturatedRow, DiagnosisId invalidRow, int channel, ChannelStatus status, int value)
        {
            if (status == ChannelStatus.CalibrationReference)
            {
                // Neither a fault of the channel nor a recovery: both rows keep their counts until it reads its cell again.
                return;
            }

            bool saturated = status == ChannelStatus.Saturated;
            bool invalid = status == ChannelStatus.Implausible || status == ChannelStatus.Missing;
            if (!invalid)
            {
                diagnosis.Report(saturatedRow, channel, saturated, value, 0);
            }

            if (!saturated)
            {
                diagnosis.Report(invalidRow, channel, invalid, (int)status, 0);
            }
        }

        /// <summary>
        /// A valid reading with the switch closed against the setpoint that flowed in the interval it ends: beyond
        /// <see cref="PlausibilityConfiguration.CurrentToleranceUa"/> plus <see cref="PlausibilityConfiguration.CurrentTolerancePercent"/>
        /// of the setpoint's magnitude it cannot be true (a reading of the opposite sign always is: the percentage is at
        /// most 100). Where the load hardware sets the current (<see cref="PlausibilityConfiguration.CurrentMagnitudeJudged"/>
        /// false) only a reading of the opposite sign beyond the uA part is. Returns this tick's verdict, which the hard-short test reads before the row latches. A reading short
        /// of a setpoint of its own sign while a valid cell of the module is at its maximum operating limit in the
        /// current's direction is not judged (no report, the count holds): a real current stage may run out of
        /// compliance there, and the cut-off ends the module soon after. Integer arithmetic, no division.
        /// </summary>
        private bool EvaluateAgainstSetpoint(int module, MeasurementSnapshot snapshot, bool quiet, DiagnosisManager diagnosis)
        {
            int measuredUa = snapshot.ModuleCurrentUa[module];
            int setpointUa = snapshot.SetpointUa[module];
            long deviation = (long)measuredUa - setpointUa;
            long magnitude = setpointUa < 0 ? -(long)setpointUa : setpointUa;
            bool notOk = _currentMagnitudeJudged
                ? (deviation < 0 ? -deviation : deviation) * 100 > (_currentToleranceUa * 100L) + (magnitude * _currentTolerancePercent)
                : (setpointUa > 0 && measuredUa < -_currentToleranceUa) || (setpointUa < 0 && measuredUa > _currentToleranceUa);
            if (notOk && IsShortfallNearLimit(module, measuredUa, setpointUa, snapshot))
            {
                return false;
            }

            if (notOk || !quiet)
            {
                diagnosis.Report(DiagnosisId.CurrentChannelImplausible, module, notOk, measuredUa, setpointUa);
            }

            return notOk;
        }

        /// <summary>
        /// A reading of the setpoint's sign but smaller, while a valid cell of the module reads at or beyond its maximum
        /// operating limit (the protection's warning level) in the current's direction: where a current stage near its
        /// compliance carries less than it is told. Read only for an implausible reading (on the device a property
        /// read is an interpreted call).
        /// </summary>
        private bool IsShortfallNearLimit(int module, int measuredUa, int setpointUa, MeasurementSnapshot snapshot)
        {
            if (setpointUa > 0)
            {
                return measuredUa >= 0 && measuredUa < setpointUa && snapshot.ValidMaximumMv[module] >= _protection.CellMaximumWarningMv;
            }

            return setpointUa < 0 && measuredUa <= 0 && measuredUa > setpointUa && snapshot.ValidMinimumMv[module] <= _protection.CellMinimumWarningMv;
        }

        /// <summary>
        /// The next tick's interval is not judged, only taken as the new start (as the first tick's is): the gap before it
        /// was expected (the controller was suspended, every switch open). The tick watch judges the tick after it again.
        /// </summary>
        public void RearmTickWatch()
        {
            _hasPrevious = false;
        }

        private void EvaluateTiming(SampleFrame frame, MeasurementSnapshot snapshot, bool familyQuiet, DiagnosisManager diagnosis)
        {
            // The first tick only records its index (its skipped count means nothing).
            long tickIndex = frame.TickIndex;
            long skipped = tickIndex - _previousTickIndex - 1;
            _previousTickIndex = tickIndex;
            if (!_hasPrevious)
            {
                _hasPrevious = true;
                return;
            }

            int interval = snapshot.IntervalMs;
            int missedPeriods = _plausibility.MissedTickPeriods;
            int lateLimit = _periodMs * _plausibility.LateTickPercent / 100;
            int missedLimit = _periodMs * missedPeriods;
            bool missed = skipped >= missedPeriods || interval >= missedLimit || interval <= 0;
            if (missed || (!familyQuiet && !diagnosis.IsQuiet(DiagnosisId.TickMissed)))
            {
                diagnosis.Report(DiagnosisId.TickMissed, 0, missed, interval, missedLimit);
            }

            bool late = !missed && (interval > lateLimit || skipped > 0);
            if (late || (!familyQuiet && !diagnosis.IsQuiet(DiagnosisId.TickLate)))
            {
                diagnosis.Report(DiagnosisId.TickLate, 0, late, interval, lateLimit);
            }
        }

        /// <summary>
        /// The module's valid cells at a measured current edge: the step is the one the measurement divided the edge
        /// resistance by (<see cref="MeasurementSnapshot.EdgeCurrentUa"/>: the valid reading at a pulse's start and the
        /// setpoint under an invalid one, the pulse's last setpoint at its end, both magnitudes at a reversal), so the
        /// response is the voltage step the cell showed. The reading itself is never used: a saturated channel carries
        /// its rail (3000 uA), which scaled the response by rail / setpoint (a cell that moved by 1 mV read 7 mV and
        /// reset the count), and an invalid reading is no current that flowed. Its own rows report such a channel.
        /// </summary>
        private void EvaluateStuck(int module, MeasurementSnapshot snapshot, DiagnosisManager diagnosis)
        {
            long magnitude = snapshot.EdgeCurrentUa[module];
            long expectedMv = magnitude * _nominalResistanceMilliohm / 1000000;
            int minimum = _plausibility.StuckMinimumEdgeResponseMv;
            if (expectedMv < 4 * minimum || minimum == 0)
            {
                return;
            }

            // The nominal response's margin over the minimum against one edge's noise (two readings: twice the reading's
            // variance): a cell whose noise could make a healthy edge fall under the minimum is not judged (no report: its
            // count holds). Its figure is 0 until measured: judged as before any noise was known.
            long marginMv = expectedMv - minimum;
            int sigmaTenths = _plausibility.StuckSigmaTenths;
            int[] noiseVariance = snapshot.NoiseVarianceCentiMv2;
            int first = _layout.FirstCellOf(module);
            for (int c = first; c < first + _layout.CellsPerModule; c++)
            {
                if (!snapshot.CellValid[c] || !NoiseLimit.Clears(marginMv, 2L * noiseVariance[c], 1, sigmaTenths))
                {
                    continue;
                }

                // Edge resistance times current is the voltage step the cell showed at the edge.
                long responseMv = (long)snapshot.EdgeResistanceMilliohm[c] * magnitude / 1000000;
                diagnosis.Report(DiagnosisId.CellChannelStuck, c, responseMv < minimum, (int)responseMv, minimum);
            }
        }
    }
}
