// Licensed under the MIT License.

using Edge.Core.Annotations;
using Edge.Core.Configuration;
using Edge.Core.Measurement;
using Edge.Core.Records;
using Edge.Core.Sampling;

namespace Edge.Core.Diagnosis.Detectors
{
    /// <summary>
    /// The share of bad readings (saturated, implausible, missing) of each cell voltage and module current channel over a
    /// fixed window of readings (<see cref="PlausibilityConfiguration.IntermittentWindowReadings"/>): at or above
    /// <see cref="PlausibilityConfiguration.IntermittentWarningPercent"/> the channel's intermittent row is NotOk, a warning.
    /// The latching channel rows count leaky, so a channel bad on every other reading or fewer never latches; without
    /// this nothing would say that the limits see only part of its readings. A warned channel's window is NotOk down to
    /// <see cref="PlausibilityConfiguration.IntermittentClearPercent"/> (hysteresis) and heals after its row's heal count
    /// of windows under it, with a <see cref="EventKind.ChannelRecovered"/> event.
    /// </summary>
    [HotPath]
    public sealed class IntermittentChannelMonitor
    {
        private readonly int _cellsPerModule;
        private readonly int _windowReadings;

        // Bad readings in a window that set the warning, and under which a warned channel's window counts as healthy:
        // the percentages of the window rounded up, so that the share is compared exactly (bad * 100 >= percent * window).
        private readonly int _warningReadings;
        private readonly int _clearReadings;

        // Bad readings of the window so far, per cell (pack-wide index) and per module current channel.
        private readonly int[] _cellBadReadings;
        private readonly int[] _currentBadReadings;
        private int _readings;

        public IntermittentChannelMonitor(PlausibilityConfiguration plausibility, PackLayout layout)
        {
            _cellsPerModule = layout.CellsPerModule;
            _windowReadings = plausibility.IntermittentWindowReadings;
            _warningReadings = ReadingsOf(plausibility.IntermittentWarningPercent, _windowReadings);
            _clearReadings = ReadingsOf(plausibility.IntermittentClearPercent, _windowReadings);
            _cellBadReadings = new int[layout.CellCount];
            _currentBadReadings = new int[layout.ModuleCount];
        }

        /// <summary>
        /// Counts this tick's bad readings; at the end of a window judges every channel and starts the next. On a healthy
        /// tick the measurement's two totals of invalid readings (cells, module currents), and no look per module.
        /// </summary>
        public void Evaluate(SampleFrame frame, MeasurementSnapshot snapshot, DiagnosisManager diagnosis, TelemetryBuffer telemetry)
        {
            // The conversion took every multiplexed reading away for one cause, which the address check's row judges:
            // no reading of any channel, as the channel rows' counts hold in such a tick.
            if (frame.MuxAddressFault)
            {
                return;
            }

            // A tick with every reading valid (most) counts nothing: the measurement's totals say so without a look per module.
            if (snapshot.InvalidCellTotal != 0 || snapshot.InvalidCurrentCount != 0)
            {
                CountBadReadings(frame, snapshot);
            }

            _readings++;
            if (_readings < _windowReadings)
            {
                return;
            }

            _readings = 0;
            long now = frame.TimestampMs;
            Judge(DiagnosisId.CellChannelIntermittent, DiagnosisId.CellChannelSaturated, DiagnosisId.CellChannelInvalid, _cellBadReadings, now, diagnosis, telemetry);
            Judge(DiagnosisId.CurrentChannelIntermittent, DiagnosisId.CurrentChannelSaturated, DiagnosisId.CurrentChannelInvalid, _currentBadReadings, now, diagnosis, telemetry);
        }

        private void CountBadReadings(SampleFrame frame, MeasurementSnapshot snapshot)
        {
            int[] invalidCells = snapshot.InvalidCellCount;
            ChannelStatus[] currentStatuses = frame.ModuleCurrentStatus;
            int[] currentBad = _currentBadReadings;
            int modules = currentBad.Length;
            for (int m = 0; m < modules; m++)
            {
                if (invalidCells[m] != 0)
                {
                    CountCells(m, frame.CellVoltageStatus);
                }

                ChannelStatus status = currentStatuses[m];
                if (status != ChannelStatus.Valid && status != ChannelStatus.CalibrationReference)
                {
                    currentBad[m]++;
                }
            }
        }

        /// <summary>The least whole number of readings that is <paramref name="percent"/> of the window or more.</summary>
        private static int ReadingsOf(int percent, int windowReadings) => ((percent * windowReadings) + 99) / 100;

        private void CountCells(int module, ChannelStatus[] statuses)
        {
            int[] cellBad = _cellBadReadings;
            int last = (module + 1) * _cellsPerModule;
            for (int c = module * _cellsPerModule; c < last; c++)
            {
                // A calibration reference is no reading of the cell, and no evidence against its channel.
                ChannelStatus status = statuses[c];
                if (status != ChannelStatus.Valid && status != ChannelStatus.CalibrationReference)
                {
                    cellBad[c]++;
                }
            }
        }

        /// <summary>
        /// The window's verdict on each channel of <paramref name="row"/>, its count started over. A channel under the
        /// warning limit on a quiet row would be an Ok that changes nothing: no call. A warned channel is NotOk down to the
        /// clear limit, and its heal (the row's heal count of Ok windows in a row) is told with a channelRecovered event. A
        /// channel whose own saturated or invalid row has set (latched: it stayed bad) is not warned as well: that fault
        /// says more, and one event a channel is what the operator needs.
        /// </summary>
        private void Judge(DiagnosisId row, DiagnosisId saturatedRow, DiagnosisId invalidRow, int[] badReadings, long now, DiagnosisManager diagnosis, TelemetryBuffer telemetry)
        {
            bool quiet = diagnosis.IsQuiet(row);
            bool cells = row == DiagnosisId.CellChannelIntermittent;
            for (int c = 0; c < badReadings.Length; c++)
            {
                int bad = badReadings[c];
                badReadings[c] = 0;
                if (quiet && bad < _warningReadings)
                {
                    continue;
                }

                bool warned = diagnosis.IsActive(row, c);
                if (!warned && (diagnosis.IsActive(saturatedRow, c) || diagnosis.IsActive(invalidRow, c)))
                {
                    continue;
                }

                int limit = warned ? _clearReadings : _warningReadings;
                diagnosis.Report(row, c, bad >= limit, bad, limit);
                if (warned && !diagnosis.IsActive(row, c))
                {
                    TelemetryRecord record = telemetry.Append(TelemetryRecordKind.Event, now, cells ? c / _cellsPerModule : c, cells ? c : -1);
                    record.EventKind = EventKind.ChannelRecovered;
                    record.Diagnosis = row;
                    record.HasDiagnosis = true;
                    record.Severity = Severity.Info;
                    record.Value = bad;
                    record.Threshold = limit;
                }
            }
        }
    }
}
