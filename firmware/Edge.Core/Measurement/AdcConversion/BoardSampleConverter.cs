// Licensed under the MIT License.

using Edge.Core.Sampling;

namespace Edge.Core.Measurement.AdcConversion
{
    /// <summary>
    /// Fills a <see cref="SampleFrame"/> from one tick's raw ADC counts through the board's
    /// channels: engineering values plus a <see cref="ChannelStatus"/> per channel. Counts arrays
    /// are indexed like the frame (board cell, module and temperature numbers). No allocation.
    /// </summary>
    [HotPath]
    public sealed class BoardSampleConverter
    {
        private readonly BoardAdcChannels _channels;

        public BoardSampleConverter(BoardAdcChannels channels)
        {
            _channels = channels;
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

        /// <summary>Converts every channel; a temperature array may be null when the board has none.</summary>
        public void Convert(int[] cellCounts, int[] moduleCounts, int[] temperatureCounts, SampleFrame frame)
        {
            AdcReadingStatus status;
            int value;
            for (int i = 0; i < _channels.CellCount; i++)
            {
                _channels.CellAt(i).TryConvertToMv(cellCounts[i], out value, out status);
                frame.CellVoltageMv[i] = value;
                frame.CellVoltageStatus[i] = ToChannelStatus(status);
            }

            for (int m = 0; m < _channels.ModuleCount; m++)
            {
                _channels.ModuleAt(m).TryConvertToUa(moduleCounts[m], out value, out status);
                frame.ModuleCurrentUa[m] = value;
                frame.ModuleCurrentStatus[m] = ToChannelStatus(status);
            }

            for (int t = 0; t < _channels.TemperatureCount; t++)
            {
                _channels.TemperatureAt(t).TryConvertToDeciC(temperatureCounts[t], out value, out status);
                frame.TemperatureDeciCelsius[t] = value;
                frame.TemperatureStatus[t] = ToChannelStatus(status);
            }
        }
    }
}
