using System;
using Edge.Core.Boards;
using Edge.Core.Configuration;
using Edge.Core.Measurement.AdcConversion;
using Edge.Core.Sampling;
using Edge.Core.Telemetry.Encoding;
using Edge.Firmware.Boards;

namespace Edge.DeviceCost
{
    /// <summary>
    /// The firmware's boot work on a shipped board file, step for step as Edge.Firmware's BoardSetup does it (that
    /// assembly needs the ESP32's native libraries, so its few calls into the core are repeated here): parse, pack
    /// layout, configuration (the core's BoardConfiguration), validation. Then the config message the device publishes for it, and one frame of raw
    /// readings through the board's channels. The FNV-1a checksum of the message bytes and the frame's values is
    /// the same on two runtimes when they boot the same: the parser's text and number handling, the encoder's
    /// number formatting and the ADC conversion's integer arithmetic all feed it.
    /// </summary>
    internal static class BoardBoot
    {
        public const int BoardCount = 2;

        public static string Name(int board)
        {
            return board == 0 ? "esp32-devkitc-4s2m" : "esp32-mux-6s";
        }

        public static string Text(int board)
        {
            return board == 0 ? ShippedBoardTexts.Esp32DevkitC4s2m : ShippedBoardTexts.Esp32Mux6s;
        }

        /// <summary>Boots on the board text and returns the checksum; throws, naming the step, when a step refuses it.</summary>
        public static uint Checksum(string text)
        {
            BoardDefinition board;
            BoardParseError parseError;
            if (!BoardParser.TryParse(text, out board, out parseError))
            {
                throw new InvalidOperationException("board file " + parseError.ToString());
            }

            PackLayout layout;
            string layoutError;
            if (!BoardPackLayout.TryCreate(board, out layout, out layoutError))
            {
                throw new InvalidOperationException("board " + board.Name + ": " + layoutError);
            }

            ControllerConfiguration configuration = BoardConfiguration.Create(board);
            ConfigurationError invalid = ConfigurationValidator.Validate(configuration, layout);
            if (invalid != null)
            {
                throw new InvalidOperationException("controller configuration for board " + board.Name + ": " + invalid.ToString());
            }

            var buffer = new byte[ConfigEncoder.MaximumBytes(configuration.Protocol.Steps.Length)];
            var writer = new JsonByteWriter();
            writer.Reset(buffer, 0, buffer.Length);
            ConfigEncoder.Encode(writer, configuration, layout, "00000000", 1);
            uint hash = Fnv1a.Start;
            for (int i = 0; i < writer.Length; i++)
            {
                hash = Fnv1a.Mix(hash, buffer[writer.Offset + i]);
            }

            // Raw readings spread over the ADC's range, different on every channel.
            var converter = new BoardSampleConverter(new BoardAdcChannels(board));
            int fullScale = board.AdcFullScaleCounts;
            int[] cells = Counts(board.CellCount, 997, fullScale);
            int[] modules = Counts(board.ModuleCount, 1499, fullScale);
            int[] temperatures = Counts(board.TemperatureCount, 2003, fullScale);
            var frame = new SampleFrame(layout);
            converter.Convert(cells, modules, temperatures, frame);
            hash = Mix(hash, frame.CellVoltageMv, frame.CellVoltageStatus.Length);
            hash = Mix(hash, frame.ModuleCurrentUa, frame.ModuleCurrentStatus.Length);
            hash = Mix(hash, frame.TemperatureDeciCelsius, board.TemperatureCount);
            for (int i = 0; i < frame.CellVoltageStatus.Length; i++)
            {
                hash = Fnv1a.Mix(hash, (byte)frame.CellVoltageStatus[i]);
            }

            return hash;
        }

        private static int[] Counts(int channels, int step, int fullScale)
        {
            var counts = new int[channels];
            for (int i = 0; i < channels; i++)
            {
                counts[i] = (400 + ((i + 1) * step)) % fullScale;
            }

            return counts;
        }

        private static uint Mix(uint hash, int[] values, int count)
        {
            for (int i = 0; i < count; i++)
            {
                hash = Fnv1a.Mix(hash, values[i]);
            }

            return hash;
        }
    }
}
