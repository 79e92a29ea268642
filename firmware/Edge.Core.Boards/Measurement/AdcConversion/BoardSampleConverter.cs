// Licensed under the MIT License.

using Edge.Core.Annotations;
using Edge.Core.Boards;
using Edge.Core.Sampling;

namespace Edge.Core.Measurement.AdcConversion
{
    /// <summary>
    /// Fills a <see cref="SampleFrame"/> from one tick's raw ADC counts through the board's
    /// channels: engineering values plus a <see cref="ChannelStatus"/> per channel. Counts arrays
    /// are indexed like the frame (board cell, module and temperature numbers). With a per-unit
    /// calibration and a reference input, cell and current readings are first corrected for the
    /// reference's drift (<see cref="ReferenceCorrection"/>), and a reference read through the
    /// multiplexer checks its addressing (<see cref="SampleFrame.MuxAddressFault"/>); without a
    /// per-unit calibration the frame is marked <see cref="SampleFrame.Uncalibrated"/>. A saturated
    /// cell or current reading carries the value its calibration gives at that rail (below the
    /// channel's range at 0 counts, above it at full scale), an impossible one 0. No allocation, no
    /// floating point.
    /// </summary>
    [HotPath]
    public sealed class BoardSampleConverter
    {
        private readonly BoardAdcChannels _channels;

        public BoardSampleConverter(BoardAdcChannels channels)
        {
            _channels = channels;
        }

        public BoardAdcChannels Channels
        {
            get { return _channels; }
        }

        /// <summary>Saturated readings (either end) map to Saturated, impossible ones to Implausible.</summary>
        public static ChannelStatus ToChannelStatus(AdcReadingStatus status)
        {
            if (status == AdcReadingStatus.Valid)
            {
                return ChannelStatus.Valid;
            }

            return status == AdcReadingStatus.Impossible ? ChannelStatus.Implausible : ChannelStatus.Saturated;
        }

        /// <summary>Converts every channel without a reference reading (no drift correction); a temperature array may be null when the board has none.</summary>
        public void Convert(int[] cellCounts, int[] moduleCounts, int[] temperatureCounts, SampleFrame frame)
        {
            frame.MuxAddressFault = false;
            ConvertWithShift(cellCounts, moduleCounts, temperatureCounts, 0, true, false, false, frame);
        }

        /// <summary>
        /// Converts every channel after correcting cells and currents by this tick's reference reading
        /// (ignored when the board has no reference input or no per-unit calibration). A reference
        /// reading too far off marks every cell and current reading implausible; where the reference is
        /// read through the multiplexer it also sets <see cref="SampleFrame.MuxAddressFault"/>: REF's
        /// address answers with another input.
        /// </summary>
        public void Convert(int[] cellCounts, int[] moduleCounts, int[] temperatureCounts, int referenceCounts, SampleFrame frame)
        {
            Convert(cellCounts, moduleCounts, temperatureCounts, referenceCounts, null, frame);
        }

        /// <summary>
        /// As above, with this tick's readings of the multiplexer's ground inputs (<see cref="MuxDefinition.GroundInputAt"/>, in
        /// that order; null on a board without them): one above <see cref="MuxDefinition.MaximumGroundCounts"/> says a select
        /// line is stuck (another input answers at a ground's address), sets <see cref="SampleFrame.MuxAddressFault"/> with that
        /// reading against 0 and marks every cell, current and temperature reading read through the multiplexer implausible
        /// (a temperature so read is marked too when a multiplexed REF fails its check). A channel on
        /// its own ADC pin keeps its status: the multiplexer is not in its path, and the reference that corrects it passed its
        /// own check (a current read so still shows an overcurrent in that tick). A failed reference check marks every
        /// corrected reading implausible, wherever it is read: a REF far from calibration may be a broken REF, which moves
        /// every front end. The ground check needs no per-unit calibration: ground reads 0 counts on every chip. The reference
        /// check, when it fails too, names the reading.
        /// </summary>
        public void Convert(int[] cellCounts, int[] moduleCounts, int[] temperatureCounts, int referenceCounts, int[] groundCounts, SampleFrame frame)
        {
            bool plausible = true;
            int shift = 0;
            frame.MuxAddressFault = false;
            ReferenceCorrection reference = _channels.Reference;
            if (reference != null)
            {
                plausible = reference.Update(referenceCounts);
                shift = reference.ShiftCounts;
                frame.MuxAddressFault = !plausible && _channels.IsReferenceMultiplexed;
                frame.MuxReferenceCounts = referenceCounts;
                frame.MuxReferenceExpectedCounts = reference.CalibratedCounts;
            }

            bool groundFailed = false;
            if (groundCounts != null && !frame.MuxAddressFault)
            {
                for (int i = 0; i < groundCounts.Length; i++)
                {
                    int counts = groundCounts[i];
                    if (counts > MuxDefinition.MaximumGroundCounts)
                    {
                        frame.MuxAddressFault = true;
                        frame.MuxReferenceCounts = counts;
                        frame.MuxReferenceExpectedCounts = 0;
                        groundFailed = true;
                        break;
                    }
                }
            }

            ConvertWithShift(cellCounts, moduleCounts, temperatureCounts, shift, plausible, groundFailed, frame.MuxAddressFault, frame);
        }

        /// <summary>
        /// <paramref name="referencePlausible"/> false marks every cell and current reading implausible;
        /// <paramref name="multiplexerFailed"/> (the ground check failed) those read through the multiplexer, and
        /// <paramref name="addressFailed"/> (either check failed: <see cref="SampleFrame.MuxAddressFault"/>) every temperature
        /// read through it. Only then is a channel's route looked up.
        /// </summary>
        private void ConvertWithShift(int[] cellCounts, int[] moduleCounts, int[] temperatureCounts, int shift, bool referencePlausible, bool multiplexerFailed, bool addressFailed, SampleFrame frame)
        {
            AdcReadingStatus status;
            int value;
            for (int i = 0; i < _channels.CellCount; i++)
            {
                CellVoltageChannel channel = _channels.CellAt(i);
                int counts = cellCounts[i];

                // Validity is judged on the raw reading (the ADC clips there); the value on the corrected one. A rail is
                // a rail: its value is the calibration's there, uncorrected, and tells a fault event which end was hit.
                status = channel.Classify(counts);
                frame.CellVoltageMv[i] = status == AdcReadingStatus.Valid ? channel.ConvertToMv(counts - shift)
                    : status == AdcReadingStatus.Impossible ? 0 : channel.ConvertToMv(counts);
                bool taken = !referencePlausible || (multiplexerFailed && channel.Definition.Input.IsMultiplexed);
                frame.CellVoltageStatus[i] = taken ? ChannelStatus.Implausible : ToChannelStatus(status);
            }

            for (int m = 0; m < _channels.ModuleCount; m++)
            {
                ModuleCurrentChannel channel = _channels.ModuleAt(m);
                int counts = moduleCounts[m];
                status = channel.Classify(counts);
                frame.ModuleCurrentUa[m] = status == AdcReadingStatus.Valid ? channel.ConvertToUa(counts - shift)
                    : status == AdcReadingStatus.Impossible ? 0 : channel.ConvertToUa(counts);
                bool taken = !referencePlausible || (multiplexerFailed && channel.Definition.CurrentInput.IsMultiplexed);
                frame.ModuleCurrentStatus[m] = taken ? ChannelStatus.Implausible : ToChannelStatus(status);
            }

            // A host whose frame carries fewer temperatures than the board (the simulator's packs) gets those it has. A
            // sensor is not corrected by REF (its divider hangs off the supply), so a failed reference check leaves it be;
            // a failed address check takes one read through the multiplexer: its reading may be another input's, a resting
            // cell's front end reading as a cool sensor, or something hotter than the pack.
            int temperatures = _channels.TemperatureCount < frame.TemperatureStatus.Length ? _channels.TemperatureCount : frame.TemperatureStatus.Length;
            for (int t = 0; t < temperatures; t++)
            {
                TemperatureChannel channel = _channels.TemperatureAt(t);
                channel.TryConvertToDeciC(temperatureCounts[t], out value, out status);
                frame.TemperatureDeciCelsius[t] = value;
                bool taken = addressFailed && channel.Definition.Input.IsMultiplexed;
                frame.TemperatureStatus[t] = taken ? ChannelStatus.Implausible : ToChannelStatus(status);
            }

            frame.Uncalibrated = !_channels.IsUnitCalibrated;
        }
    }
}
