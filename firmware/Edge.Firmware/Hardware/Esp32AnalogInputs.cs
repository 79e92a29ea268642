// Licensed under the MIT License.

using System;
using System.Device.Adc;
using Edge.Core.Annotations;
using Edge.Core.Boards;

namespace Edge.Firmware.Hardware
{
    /// <summary>
    /// The board's analog inputs on the ESP32's ADC1, opened once at start-up. ADC1 channels 0..7
    /// sit on GPIO 36, 37, 38, 39, 32, 33, 34, 35 (ESP32 datasheet, table "Peripheral pin
    /// configurations"); ADC2 is taken by the Wi-Fi driver while Wi-Fi runs, so any other channel
    /// is refused here. Multiplexed inputs are selected on the <see cref="IAnalogMultiplexer"/> first.
    /// </summary>
    /// <remarks>Owns its ADC channels; the multiplexer is injected and disposed by its owner.</remarks>
    public sealed class Esp32AnalogInputs : IAnalogInputs, IDisposable
    {
        /// <summary>ADC1 has channels 0..7 on the ESP32 (the higher numbers are ADC2).</summary>
        public const int Adc1ChannelCount = 8;

        private readonly AdcChannel[] _channels = new AdcChannel[Adc1ChannelCount];
        private readonly IAnalogMultiplexer _mux;
        private readonly int _muxChannel;

        /// <summary>Opens every ADC1 channel <paramref name="board"/> uses.</summary>
        /// <exception cref="ArgumentException">The board names a channel outside ADC1.</exception>
        public Esp32AnalogInputs(AdcController adc, BoardDefinition board, IAnalogMultiplexer mux)
        {
            if (adc == null)
            {
                throw new ArgumentNullException(nameof(adc));
            }

            if (board == null)
            {
                throw new ArgumentNullException(nameof(board));
            }

            _mux = mux;
            _muxChannel = board.Mux == null ? -1 : board.Mux.AdcChannel;
            if (board.Mux != null)
            {
                Open(adc, board.Mux.AdcChannel);
            }

            for (int i = 0; i < board.CellCount; i++)
            {
                OpenDirect(adc, board.CellAt(i).Input);
            }

            for (int i = 0; i < board.ModuleCount; i++)
            {
                OpenDirect(adc, board.ModuleAt(i).CurrentInput);
            }

            for (int i = 0; i < board.TemperatureCount; i++)
            {
                OpenDirect(adc, board.TemperatureAt(i).Input);
            }

            // The reference on a pin of its own (boards/README.md allows adc_pin or mux_input): unopened, it read -1
            // and calibration blamed a REF circuit that works.
            if (board.Reference != null)
            {
                OpenDirect(adc, board.Reference.Input);
            }
        }

        /// <inheritdoc />
        [HotPath]
        public int ReadCounts(AnalogInputDefinition input)
        {
            int channel = input.AdcChannel;
            if (input.IsMultiplexed)
            {
                if (_mux == null)
                {
                    return -1;
                }

                _mux.Select(input.MuxInput);
                channel = _muxChannel;
            }

            if (channel < 0 || channel >= Adc1ChannelCount || _channels[channel] == null)
            {
                return -1;
            }

            return _channels[channel].ReadValue();
        }

        /// <summary>Closes the ADC channels.</summary>
        public void Dispose()
        {
            for (int i = 0; i < _channels.Length; i++)
            {
                if (_channels[i] != null)
                {
                    _channels[i].Dispose();
                    _channels[i] = null;
                }
            }
        }

        private void OpenDirect(AdcController adc, AnalogInputDefinition input)
        {
            if (input != null && !input.IsMultiplexed)
            {
                Open(adc, input.AdcChannel);
            }
        }

        private void Open(AdcController adc, int channel)
        {
            if (channel < 0 || channel >= Adc1ChannelCount)
            {
                throw new ArgumentException("ADC channel " + channel.ToString() + " is not on ADC1 (0..7); ADC2 stops working while Wi-Fi is on", nameof(channel));
            }

            if (_channels[channel] == null)
            {
                _channels[channel] = adc.OpenChannel(channel);
            }
        }
    }
}
