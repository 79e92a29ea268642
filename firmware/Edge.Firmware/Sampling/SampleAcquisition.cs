// Licensed under the MIT License.

using System;
using Edge.Core.Boards;
using Edge.Core.Measurement.AdcConversion;
using Edge.Core.Sampling;
using Edge.Firmware.Hardware;

namespace Edge.Firmware.Sampling
{
    /// <summary>
    /// Fills a <see cref="SampleFrame"/> from the ADC: counts from <see cref="IAnalogInputs"/>,
    /// converted with the board's calibration (the core's <see cref="BoardAdcChannels"/>) into mV,
    /// uA and 0.1 degC, each with its status. Module currents are read first so that a current step
    /// and the cell voltages it causes land in the same frame. Allocates nothing per call.
    /// </summary>
    public sealed class SampleAcquisition
    {
        private readonly IAnalogInputs _inputs;
        private readonly BoardAdcChannels _channels;

        /// <summary>Board cell i becomes layout cell i (BoardSetup checked the order).</summary>
        public SampleAcquisition(BoardDefinition board, IAnalogInputs inputs)
        {
            if (board == null)
            {
                throw new ArgumentNullException(nameof(board));
            }

            if (inputs == null)
            {
                throw new ArgumentNullException(nameof(inputs));
            }

            _inputs = inputs;
            _channels = new BoardAdcChannels(board);
        }

        /// <summary>Reads and converts every channel into <paramref name="frame"/>.</summary>
        public void Acquire(SampleFrame frame)
        {
            for (int m = 0; m < _channels.ModuleCount; m++)
            {
                ModuleCurrentChannel channel = _channels.ModuleAt(m);
                int counts = _inputs.ReadCounts(channel.Definition.CurrentInput);
                channel.TryConvertToUa(counts, out int currentUa, out AdcReadingStatus status);
                frame.ModuleCurrentUa[m] = currentUa;
                frame.ModuleCurrentStatus[m] = ToChannelStatus(status);
            }

            for (int c = 0; c < _channels.CellCount; c++)
            {
                CellVoltageChannel channel = _channels.CellAt(c);
                int counts = _inputs.ReadCounts(channel.Definition.Input);
                channel.TryConvertToMv(counts, out int voltageMv, out AdcReadingStatus status);
                frame.CellVoltageMv[c] = voltageMv;
                frame.CellVoltageStatus[c] = ToChannelStatus(status);
            }

            for (int t = 0; t < _channels.TemperatureCount; t++)
            {
                TemperatureChannel channel = _channels.TemperatureAt(t);
                int counts = _inputs.ReadCounts(channel.Definition.Input);
                channel.TryConvertToDeciC(counts, out int temperatureDeciC, out AdcReadingStatus status);
                frame.TemperatureDeciCelsius[t] = temperatureDeciC;
                frame.TemperatureStatus[t] = ToChannelStatus(status);
            }
        }

        /// <summary>
        /// Reading validity to channel status: a clipped reading is <see cref="ChannelStatus.Saturated"/>,
        /// a reading no ADC can give (or a failed read) is <see cref="ChannelStatus.Implausible"/>.
        /// </summary>
        public static ChannelStatus ToChannelStatus(AdcReadingStatus status)
        {
            switch (status)
            {
                case AdcReadingStatus.Valid:
                    return ChannelStatus.Valid;
                case AdcReadingStatus.SaturatedLow:
                case AdcReadingStatus.SaturatedHigh:
                    return ChannelStatus.Saturated;
                default:
                    return ChannelStatus.Implausible;
            }
        }
    }
}
